/**
 * Which record a message is about, from its kind and body: the record kinds of `record.withdraw`
 * (`lead`, `deal`, `service_request`, `warranty_claim`, …) and the shared id both sides know it by.
 * A refusal is kept with that record, so the record shows it (see store/refusal-store.ts).
 */

type Body = Record<string, any>;

const nested = (field: string) => (b: Body) => b[field]?.id;
const flat = (field: string) => (b: Body) => b[field];

const RECORDS: Readonly<Record<string, [recordKind: string, id: (b: Body) => unknown]>> = {
  'lead.offer': ['lead', nested('lead')],
  'lead.accept': ['lead', flat('leadId')],
  'lead.decline': ['lead', flat('leadId')],
  'lead.progress': ['lead', flat('leadId')],
  'lead.recall': ['lead', flat('leadId')],
  'deal.register': ['deal', nested('deal')],
  'deal.decision': ['deal', flat('dealId')],
  'service.request': ['service_request', nested('request')],
  'service.update': ['service_request', flat('requestId')],
  'warranty.claim': ['warranty_claim', nested('claim')],
  'warranty.decision': ['warranty_claim', flat('claimId')],
  'expense.claim': ['expense_claim', nested('claim')],
  'expense.decision': ['expense_claim', flat('claimId')],
  'fund.allocation': ['fund_allocation', nested('allocation')],
  'order.place': ['order', nested('order')],
  'order.cancel': ['order', flat('orderId')],
  'order.response': ['order', flat('orderId')],
  'order.status': ['order', flat('orderId')],
  'inventory.report': ['inventory_report', flat('reportId')],
  'replenishment.proposal': ['replenishment_proposal', flat('proposalId')],
  'replenishment.decision': ['replenishment_proposal', flat('proposalId')],
  'pricelist.push': ['price_list', flat('priceListId')],
  'catalog.push': ['product', flat('catalogId')],
  'record.withdraw': ['', flat('recordId')],
};

export interface RecordRef {
  recordKind: string;
  recordId: string;
}

/** The record `body` of `kind` is about, or null for a kind about no record (partner.*). */
export function recordOf(kind: string, body: unknown): RecordRef | null {
  const entry = RECORDS[kind];
  if (!entry || typeof body !== 'object' || body === null) return null;
  const b = body as Body;
  const recordKind = kind === 'record.withdraw' ? b.recordKind : entry[0];
  const recordId = entry[1](b);
  if (typeof recordKind !== 'string' || recordKind === '') return null;
  if (typeof recordId !== 'string' || recordId === '') return null;
  return { recordKind, recordId };
}
