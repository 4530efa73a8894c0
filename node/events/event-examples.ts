/**
 * What each kind of record looks like in an event's `data`: the fields an integration can rely
 * on (required in the event's JSON Schema) with example values. Records carry more fields than
 * these (the whole record as the admin API reads it); schemas allow them.
 */
const AT = '2027-03-01T09:00:00.000Z';

const LEAD = {
  id: 'L-1042',
  company: 'Globex Logistics GmbH',
  contact: { name: 'Dana Weber', email: 'dana@globex.example' },
  region: 'EMEA',
  interest: ['router'],
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  withdrawnAt: null,
};
const OFFER = { seq: 7, leadId: 'L-1042', partnerId: 3, status: 'accepted', offeredAt: AT };
const PARTNER = {
  id: 3,
  nodeId: 'https://reseller.example',
  name: 'Reseller One',
  status: 'active',
};
const COUNT = { count: 2 };

/** By the entity, the part of the type before the dot; a full type overrides. */
export const DATA_EXAMPLES: Record<string, Record<string, unknown>> = {
  lead: LEAD,
  'lead.offered': { ...OFFER, status: 'open' },
  'lead.offer_updated': OFFER,
  'lead.offer_accepted': OFFER,
  'lead.offer_declined': { ...OFFER, status: 'declined', declineReason: 'no_capacity' },
  'lead.offer_recalled': { ...OFFER, status: 'recalled', recallReason: 'reassigned' },
  'lead.offer_expired': { ...OFFER, status: 'expired' },
  'lead.offer_withdrawn': { ...OFFER, status: 'withdrawn' },
  'lead.progress': { ...OFFER, progress: { stage: 'qualified', version: 2 } },
  partner: PARTNER,
  'partner.routing_attributes_set': { partnerId: 3, tier: 'gold', regions: ['EMEA'] },
  invitation: { id: 'inv_8f2c', name: 'Reseller One', createdAt: AT, expiresAt: AT },
  'delivery.delivered': { seq: 120, resultStatus: 'accepted', at: AT },
  'delivery.dead_lettered': { seq: 121, code: 'rejected', detail: 'forbidden', at: AT },
  'delivery.dead_letters_retried': COUNT,
  routing_rule: { id: 4, name: 'EMEA routers', priority: 10, enabled: true },
  'routing_rule.deleted': { id: 4 },
  received_lead: { seq: 9, ownerPartnerId: 1, status: 'offered' },
  deal: { id: 12, dealId: 'D-77', partnerId: 3, role: 'owner', status: 'approved' },
  'deal.protection_expired': {
    id: 12,
    dealId: 'D-77',
    partnerId: 3,
    role: 'owner',
    status: 'expired',
  },
  'deal.settings_updated': { protectionDays: 90 },
  service_request: { id: 5, requestId: 'SR-5', partnerId: 3, status: 'open' },
  'service_request.response_breached': {
    id: 5,
    requestId: 'SR-5',
    partnerId: 3,
    status: 'open',
    responseBreachedAt: AT,
  },
  warranty_claim: { id: 6, claimId: 'WC-6', partnerId: 3, status: 'submitted' },
  catalog_list: { id: 2, kind: 'pricelist', listId: 'EU-2027', ownerPartnerId: 1 },
  'catalog_list.distributed': { id: 31, status: 'delivered' },
  'catalog_list.distribution_cancelled': {
    id: 31,
    listRowId: 2,
    partnerId: 3,
    status: 'cancelled',
  },
  'catalog_list.share_withdrawn': { listRowId: 2, partnerId: 3, withdrawnAt: AT },
  'catalog_list.shared': { listRowId: 2, partnerId: 3 },
  catalog_version: { id: 8, listRowId: 2, version: 3, status: 'applied' },
  'catalog_version.assembly_expired': { id: 8, listRowId: 2, version: 3, status: 'failed' },
  order: {
    id: 14,
    orderId: 'PO-2027-14',
    partnerId: 3,
    direction: 'outbound',
    status: 'submitted',
  },
  receivable: { id: 3, orderRowId: 14, partnerId: 3, currency: 'EUR', status: 'open' },
  'receivable.payment_recorded': { id: 1, receivableId: 3, amount: '1200.00' },
  fund_allocation: { id: 2, allocationId: 'MDF-2027-Q1', partnerId: 3, status: 'active' },
  fund_claim: { id: 4, claimId: 'EC-4', partnerId: 3, status: 'approved' },
  inventory_report: { id: 9, partnerId: 3, role: 'owner' },
  inventory_setting: { partnerId: 3, sku: 'RT-100', location: 'main' },
  proposal: { id: 5, proposalId: 'RP-5', partnerId: 3, status: 'accepted' },
  inventory_auto_accept: { partnerId: 3 },
  inventory_partner_settings: { partnerId: 3 },
  portal_partner: { partnerId: 3, uid: 'p_3' },
  'portal_partner.revoked': { partnerId: 3, revokedAt: AT },
  portal_user: { id: 11, partnerId: 3, email: 'sam@reseller.example', name: 'Sam' },
  portal: { mailFrom: 'portal@vendor.example' },
  catalog_extension: {
    id: 1,
    listRowId: 4,
    kind: 'extension',
    itemKey: 'RT-100',
    fields: { alias: 'ROOF-100', notes: 'Stocked in Hall 2' },
  },
  'catalog_extension.deleted': { listRowId: 4, kind: 'extension', itemKey: 'RT-100' },
  service_agreement: {
    partnerId: 3,
    categories: ['shipping', 'help_desk'],
    responseHours: 4,
    resolutionHours: 48,
    billable: true,
  },
  'service_agreement.deleted': { partnerId: 3 },
  service_charge: { id: 2, requestRowId: 5, partnerId: 3, amount: '25.00', currency: 'EUR' },
  'service_charge.invoiced': { ids: [2, 3], invoiceNumber: 'INV-2027-7' },
};

const WEBHOOK = {
  id: 'wh_5f0c2d9e8a7b4c1d9e8f7a6b5c4d3e2f',
  url: 'https://crm.vendor.example/hooks/partner-sync',
  events: ['lead.', 'deal.'],
  description: 'CRM',
  status: 'active',
  disabledReason: null,
  disabledAt: null,
  previousSecretUntil: null,
  cursor: 1200,
  createdAt: AT,
  updatedAt: AT,
};
Object.assign(DATA_EXAMPLES, {
  webhook: WEBHOOK,
  'webhook.disabled': {
    ...WEBHOOK,
    status: 'disabled',
    disabledReason: 'the receiver answered 410 Gone',
    disabledAt: AT,
  },
  'webhook.secret_rotated': { ...WEBHOOK, previousSecretUntil: AT },
  'webhook.deleted': { id: WEBHOOK.id },
});

export function dataExample(type: string): Record<string, unknown> {
  const example = DATA_EXAMPLES[type] ?? DATA_EXAMPLES[type.split('.')[0]!];
  if (!example) throw new Error(`no data example for event type ${type}`);
  return example;
}
