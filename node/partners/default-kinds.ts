/**
 * Which kinds a partner may send us, by default, from how we classify it. The operator can
 * always set the list explicitly (`--kinds`). Relationship kinds are always allowed: any partner
 * may update its profile or end the connection.
 */
export const RELATIONSHIP_KINDS = ['partner.update', 'partner.disconnect'] as const;

/** What a selling partner (reseller, service partner) sends its vendor. */
const SELLER_KINDS = [
  'lead.accept',
  'lead.decline',
  'lead.progress',
  'deal.register',
  'service.request',
  'service.update',
  'warranty.claim',
  'order.place',
  'order.cancel',
  'expense.claim',
  'inventory.report',
  'replenishment.decision',
  'sync.request',
  'record.withdraw',
];

/** What a supplier sends its customers: centrally maintained data and order answers. */
const SUPPLIER_KINDS = [
  'catalog.push',
  'pricelist.push',
  'accounting.push',
  'order.response',
  'order.status',
  'replenishment.proposal',
  'service.request',
  'service.update',
  'record.withdraw',
  'deal.decision',
  'lead.offer',
  'lead.recall',
  'warranty.decision',
  'fund.allocation',
  'expense.decision',
];

const BY_TYPE: Record<string, readonly string[]> = {
  reseller: SELLER_KINDS,
  strategic_service: SELLER_KINDS,
  non_strategic_service: ['service.request', 'service.update', 'warranty.claim', 'sync.request'],
  value_added_supplier: SUPPLIER_KINDS,
  commodity_supplier: SUPPLIER_KINDS,
  network_operations: ['service.request', 'service.update'],
  application_service_provider: ['service.request', 'service.update'],
};

export function defaultKinds(partnerType: string): string[] {
  return [...new Set([...RELATIONSHIP_KINDS, ...(BY_TYPE[partnerType] ?? [])])].sort();
}

export function mayAlwaysSend(kind: string): boolean {
  return (RELATIONSHIP_KINDS as readonly string[]).includes(kind);
}
