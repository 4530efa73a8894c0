/** What the leads operations answer, as zod schemas (the document and the contract test use them). */
import { z } from 'zod';
import { OWNED_LEAD_STATUSES, RECEIVED_STATUSES } from '../../leads/lead-status.ts';
import { LEAD_STAGES, LeadContact } from '../../leads/lead-schemas.ts';
import { recordRefusal, stringOrNull, time, timeOrNull } from '../view-schemas.ts';

const intOrNull = z.number().int().nullable();
const strings = z.array(z.string());
const OFFER_STATUSES = [
  'open',
  'accepted',
  'declined',
  'recalled',
  'expired',
  'withdrawn',
] as const;
const EVENT_TYPES = [
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
] as const;

export const Lead = z
  .strictObject({
    id: z.string(),
    company: z.string(),
    contact: LeadContact,
    region: z.string(),
    interest: strings,
    estimatedValue: z.string().optional(),
    currency: z.string().optional(),
    source: z.string(),
    notes: z.string().optional(),
    domain: z.string().optional(),
  })
  .meta({ id: 'Lead' });

export const LeadProgress = z
  .strictObject({
    stage: z.enum(LEAD_STAGES).nullable(),
    amount: stringOrNull,
    currency: stringOrNull,
    note: stringOrNull,
    lastActivityAt: timeOrNull,
    version: z
      .number()
      .int()
      .meta({ description: "The partner's progress version; 0 before any." }),
  })
  .meta({ id: 'LeadProgress' });

export const LeadOffer = z
  .strictObject({
    partnerId: z.number().int(),
    status: z.enum(OFFER_STATUSES),
    exclusive: z.boolean(),
    offeredAt: time,
    expiresAt: time,
    offerMessageId: z.string(),
    acceptedAt: timeOrNull,
    declinedAt: timeOrNull,
    declineReason: stringOrNull,
    declineComment: stringOrNull,
    closedAt: timeOrNull,
    recallReason: stringOrNull,
    progress: LeadProgress,
    progressAt: timeOrNull,
    refusal: recordRefusal('offer (lead.offer, lead.recall)'),
  })
  .meta({ id: 'LeadOffer' });

export const OwnedLead = z
  .strictObject({
    lead: Lead,
    status: z.enum(OWNED_LEAD_STATUSES as unknown as [string, ...string[]]),
    version: z.number().int(),
    routing: z
      .object({ ruleId: intOrNull, candidates: z.array(z.number().int()) })
      .nullable()
      .meta({
        description: 'The routing rule chosen and the partners to offer the lead to, in order.',
      }),
    offerHours: intOrNull,
    createdAt: time,
    updatedAt: time,
    withdrawnAt: timeOrNull,
    withdrawReason: stringOrNull,
    offers: z.array(LeadOffer),
  })
  .meta({ id: 'OwnedLead' });

export const LeadEvent = z
  .strictObject({
    seq: z.number().int(),
    at: time,
    type: z.enum(EVENT_TYPES),
    actorNodeId: z.string(),
    partnerId: intOrNull,
    messageId: stringOrNull.meta({ description: 'The signed message sent or received.' }),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'LeadEvent' });

export const ReceivedLead = z
  .strictObject({
    lead: Lead,
    ownerPartnerId: z.number().int(),
    ownerNodeId: stringOrNull,
    status: z.enum(RECEIVED_STATUSES as unknown as [string, ...string[]]),
    version: z.number().int(),
    exclusive: z.boolean(),
    offerExpiresAt: time,
    offerMessageId: z.string(),
    recallReason: stringOrNull,
    declineReason: stringOrNull,
    declineComment: stringOrNull,
    progress: LeadProgress,
    receivedAt: time,
    updatedAt: time,
    acceptedAt: timeOrNull,
    closedAt: timeOrNull,
    refusal: recordRefusal('lead (lead.accept, lead.decline, lead.progress)'),
  })
  .meta({ id: 'ReceivedLead' });

export const RoutingRule = z
  .strictObject({
    id: z.number().int(),
    name: z.string(),
    priority: z.number().int().meta({ description: 'Lower first.' }),
    enabled: z.boolean(),
    regions: strings.meta({ description: 'Lead regions it applies to; empty: any.' }),
    products: strings.meta({ description: 'Products of interest it applies to; empty: any.' }),
    tiers: strings.meta({ description: 'Partner tiers eligible, in priority order; empty: any.' }),
    matchPartnerRegion: z.boolean(),
    matchPartnerProducts: z.boolean(),
    roundRobin: z.boolean(),
    offerHours: intOrNull,
    lastPartnerId: intOrNull.meta({ description: 'Round-robin position.' }),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'RoutingRule' });

export const PartnerRouting = z
  .strictObject({
    partnerId: z.number().int(),
    tier: stringOrNull,
    regions: strings,
    productLines: strings,
    updatedAt: timeOrNull,
    partnerName: z.string(),
    partnerNodeId: z.string(),
    partnerStatus: z.string(),
  })
  .meta({ id: 'PartnerRouting' });

export const LeadTracking = z
  .strictObject({
    partnerId: z.number().int(),
    partnerName: stringOrNull,
    partnerNodeId: stringOrNull,
    offersReceived: z.number().int(),
    open: z.number().int(),
    accepted: z.number().int(),
    declined: z.number().int(),
    expired: z.number().int(),
    medianTimeToAcceptMs: intOrNull,
    won: z.number().int(),
    lost: z.number().int(),
    wonAmount: z
      .record(z.string(), z.string())
      .meta({ description: 'Decimal sums per currency (XXX: the lead named none).' }),
  })
  .meta({ id: 'LeadTracking' });

export const BlackHole = z
  .strictObject({
    leadId: z.string(),
    partnerId: z.number().int(),
    acceptedAt: time,
    lastProgressAt: timeOrNull,
    stage: stringOrNull,
    silentDays: z.number().int(),
  })
  .meta({ id: 'BlackHole' });
