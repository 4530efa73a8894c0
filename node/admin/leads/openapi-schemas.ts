/** Record and request schemas of the leads admin API, for its OpenAPI part (./openapi.ts). */
import { OWNED_LEAD_STATUSES, RECEIVED_STATUSES } from '../../leads/lead-status.ts';
import { DEFAULT_OFFER_HOURS, MAX_OFFER_HOURS } from '../../leads/offer-flow.ts';
import { ref } from '../openapi-components.ts';
import type { SchemaObject } from '../openapi-types.ts';

const time: SchemaObject = { type: 'string', format: 'date-time' };
const timeOrNull: SchemaObject = { type: ['string', 'null'], format: 'date-time' };
const stringOrNull: SchemaObject = { type: ['string', 'null'] };
const intOrNull: SchemaObject = { type: ['integer', 'null'] };
const strings: SchemaObject = { type: 'array', items: { type: 'string' } };
const OFFER_STATUSES = ['open', 'accepted', 'declined', 'recalled', 'expired', 'withdrawn'];
const STAGES = ['contacted', 'qualified', 'proposal', 'won', 'lost'];
const DECLINE_REASONS = ['not_interested', 'no_capacity', 'out_of_territory', 'duplicate', 'spam'];

export function object(
  properties: Record<string, SchemaObject>,
  required: string[] = Object.keys(properties),
): SchemaObject {
  return { type: 'object', properties, required, additionalProperties: false };
}

const coreFields: Record<string, SchemaObject> = {
  company: { type: 'string', maxLength: 200 },
  contact: ref('LeadContact'),
  region: { type: 'string', maxLength: 100, description: 'Sales region or territory code.' },
  interest: { ...strings, minItems: 1, maxItems: 50, description: 'Products of interest.' },
  estimatedValue: { type: 'string', description: 'Decimal string; needs currency.' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  source: { type: 'string', maxLength: 200 },
  notes: { type: 'string', maxLength: 5000 },
  domain: {
    type: 'string',
    description: "The customer's domain or website; stored as the bare domain.",
  },
};
const optionalCore = ['estimatedValue', 'currency', 'notes', 'domain'];
const requiredCore = Object.keys(coreFields).filter((k) => !optionalCore.includes(k));

const progress = object({
  stage: { anyOf: [{ type: 'string', enum: STAGES }, { type: 'null' }] },
  amount: stringOrNull,
  currency: stringOrNull,
  note: stringOrNull,
  lastActivityAt: timeOrNull,
  version: { type: 'integer', description: "The partner's progress version; 0 before any." },
});

export const LEAD_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  LeadContact: object(
    {
      name: { type: 'string', maxLength: 200 },
      email: { type: 'string', format: 'email' },
      phone: { type: 'string' },
    },
    ['name'],
  ),
  Lead: object({ id: { type: 'string' }, ...coreFields }, ['id', ...requiredCore]),
  LeadProgress: progress,
  LeadOffer: object({
    partnerId: { type: 'integer' },
    status: { type: 'string', enum: OFFER_STATUSES },
    exclusive: { type: 'boolean' },
    offeredAt: time,
    expiresAt: time,
    offerMessageId: { type: 'string' },
    acceptedAt: timeOrNull,
    declinedAt: timeOrNull,
    declineReason: stringOrNull,
    declineComment: stringOrNull,
    closedAt: timeOrNull,
    recallReason: stringOrNull,
    progress: ref('LeadProgress'),
    progressAt: timeOrNull,
  }),
  OwnedLead: object({
    lead: ref('Lead'),
    status: { type: 'string', enum: OWNED_LEAD_STATUSES },
    version: { type: 'integer' },
    routing: {
      type: ['object', 'null'],
      properties: { ruleId: intOrNull, candidates: { type: 'array', items: { type: 'integer' } } },
      description: 'The routing rule chosen and the partners to offer the lead to, in order.',
    },
    offerHours: intOrNull,
    createdAt: time,
    updatedAt: time,
    withdrawnAt: timeOrNull,
    withdrawReason: stringOrNull,
    offers: { type: 'array', items: ref('LeadOffer') },
  }),
  LeadEvent: object({
    seq: { type: 'integer' },
    at: time,
    type: {
      type: 'string',
      enum: [
        'created',
        'updated',
        'routed',
        'offered',
        'accepted',
        'declined',
        'progress',
        'recalled',
        'expired',
        'withdrawn',
      ],
    },
    actorNodeId: { type: 'string' },
    partnerId: intOrNull,
    messageId: { ...stringOrNull, description: 'The signed message sent or received.' },
    detail: { type: ['object', 'null'] },
  }),
  ReceivedLead: object({
    lead: ref('Lead'),
    ownerPartnerId: { type: 'integer' },
    ownerNodeId: stringOrNull,
    status: { type: 'string', enum: RECEIVED_STATUSES },
    version: { type: 'integer' },
    exclusive: { type: 'boolean' },
    offerExpiresAt: time,
    offerMessageId: { type: 'string' },
    recallReason: stringOrNull,
    declineReason: stringOrNull,
    declineComment: stringOrNull,
    progress: ref('LeadProgress'),
    receivedAt: time,
    updatedAt: time,
    acceptedAt: timeOrNull,
    closedAt: timeOrNull,
  }),
  CreateLeadRequest: object(
    {
      id: { type: 'string', description: 'Defaults to a new UUIDv7.' },
      ...coreFields,
      route: { type: 'boolean', description: 'Route it by the rules at once.' },
      offerHours: { type: 'integer', minimum: 1, maximum: MAX_OFFER_HOURS },
    },
    requiredCore,
  ),
  UpdateLeadRequest: {
    ...object(coreFields, []),
    description: 'Only the fields given change; null clears an optional field.',
  },
  OfferLeadRequest: object(
    {
      partners: { type: 'array', minItems: 1, maxItems: 50, items: ref('PartnerRef') },
      exclusive: { type: 'boolean', description: 'Default: true for one partner.' },
      offerHours: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_OFFER_HOURS,
        default: DEFAULT_OFFER_HOURS,
      },
      offerExpiresAt: time,
    },
    ['partners'],
  ),
  RecallLeadRequest: object(
    {
      partner: ref('PartnerRef'),
      reason: { type: 'string', enum: ['withdrawn', 'reassigned'], default: 'withdrawn' },
    },
    ['partner'],
  ),
  WithdrawLeadRequest: object({ reason: { type: 'string', maxLength: 500 } }, []),
  RoutingRule: object({
    id: { type: 'integer' },
    name: { type: 'string' },
    priority: { type: 'integer', description: 'Lower first.' },
    enabled: { type: 'boolean' },
    regions: { ...strings, description: 'Lead regions it applies to; empty: any.' },
    products: { ...strings, description: 'Products of interest it applies to; empty: any.' },
    tiers: { ...strings, description: 'Partner tiers eligible, in priority order; empty: any.' },
    matchPartnerRegion: { type: 'boolean' },
    matchPartnerProducts: { type: 'boolean' },
    roundRobin: { type: 'boolean' },
    offerHours: intOrNull,
    lastPartnerId: { ...intOrNull, description: 'Round-robin position.' },
    createdAt: time,
    updatedAt: time,
  }),
  RoutingRuleRequest: object(
    {
      name: { type: 'string', maxLength: 200 },
      priority: { type: 'integer', minimum: 0, default: 100 },
      enabled: { type: 'boolean', default: true },
      regions: { ...strings, maxItems: 100 },
      products: { ...strings, maxItems: 100 },
      tiers: { ...strings, maxItems: 100 },
      matchPartnerRegion: { type: 'boolean', default: true },
      matchPartnerProducts: { type: 'boolean', default: true },
      roundRobin: { type: 'boolean', default: true },
      offerHours: { type: ['integer', 'null'], minimum: 1, maximum: MAX_OFFER_HOURS },
    },
    [],
  ),
  PartnerRouting: object({
    partnerId: { type: 'integer' },
    tier: stringOrNull,
    regions: strings,
    productLines: strings,
    updatedAt: timeOrNull,
    partnerName: { type: 'string' },
    partnerNodeId: { type: 'string' },
    partnerStatus: { type: 'string' },
  }),
  PartnerRoutingRequest: object(
    {
      tier: { type: ['string', 'null'], maxLength: 100 },
      regions: { ...strings, maxItems: 100 },
      productLines: { ...strings, maxItems: 100 },
    },
    [],
  ),
  LeadTracking: object({
    partnerId: { type: 'integer' },
    partnerName: stringOrNull,
    partnerNodeId: stringOrNull,
    offersReceived: { type: 'integer' },
    open: { type: 'integer' },
    accepted: { type: 'integer' },
    declined: { type: 'integer' },
    expired: { type: 'integer' },
    medianTimeToAcceptMs: intOrNull,
    won: { type: 'integer' },
    lost: { type: 'integer' },
    wonAmount: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Decimal sums per currency (XXX: the lead named none).',
    },
  }),
  BlackHole: object({
    leadId: { type: 'string' },
    partnerId: { type: 'integer' },
    acceptedAt: time,
    lastProgressAt: timeOrNull,
    stage: stringOrNull,
    silentDays: { type: 'integer' },
  }),
  DeclineLeadRequest: object(
    {
      reasonCode: { type: 'string', enum: DECLINE_REASONS },
      comment: { type: 'string', maxLength: 500 },
    },
    ['reasonCode'],
  ),
  ProgressLeadRequest: object(
    {
      stage: { type: 'string', enum: STAGES },
      amount: { type: 'string', description: 'Decimal string.' },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      note: { type: 'string', maxLength: 500 },
      lastActivityAt: { ...time, description: 'Default: now.' },
    },
    ['stage'],
  ),
};
