/**
 * What an operator may send about leads (admin API body, CLI flags turned into one, portal
 * form), as zod schemas: the shape and bounds of each field. The wire schema of the message a
 * lead travels in stays the judge of the lead's own fields (see lead-input.ts), so admin input
 * and messages are bounded alike.
 */
import { z } from 'zod';
import { partnerRef } from '../input/input-atoms.ts';
import { DEFAULT_OFFER_HOURS, MAX_OFFER_HOURS } from './offer-flow.ts';

export const LEAD_STAGES = ['contacted', 'qualified', 'proposal', 'won', 'lost'] as const;
export const DECLINE_REASONS = [
  'not_interested',
  'no_capacity',
  'out_of_territory',
  'duplicate',
  'spam',
] as const;

const offerHours = z.number().int().min(1).max(MAX_OFFER_HOURS);
const bool = z.boolean({ error: 'must be true or false' });
const currency = z.string().regex(/^[A-Z]{3}$/, { error: 'must be a three-letter currency code' });
const list = z.array(z.string().min(1).max(100)).max(100);

export const LeadContact = z
  .strictObject({
    name: z.string().max(200),
    email: z.string().max(320).optional(),
    phone: z.string().max(100).optional(),
  })
  .meta({ id: 'LeadContact' });

const coreFields = {
  company: z.string().max(200),
  contact: LeadContact,
  region: z.string().max(100).meta({ description: 'Sales region or territory code.' }),
  interest: z
    .array(z.string().max(200))
    .min(1)
    .max(50)
    .meta({ description: 'Products of interest.' }),
  estimatedValue: z.string().max(40).meta({ description: 'Decimal string; needs currency.' }),
  currency,
  source: z.string().max(200),
  notes: z.string().max(5000),
  domain: z
    .string()
    .max(253)
    .meta({ description: "The customer's domain or website; stored as the bare domain." }),
};

export const CreateLeadRequest = z
  .strictObject({
    id: z.string().max(200).optional().meta({ description: 'Defaults to a new UUIDv7.' }),
    ...coreFields,
    estimatedValue: coreFields.estimatedValue.optional(),
    currency: coreFields.currency.optional(),
    notes: coreFields.notes.optional(),
    domain: coreFields.domain.optional(),
    route: bool.optional().meta({ description: 'Route it by the rules at once.' }),
    offerHours: offerHours.optional(),
  })
  .meta({ id: 'CreateLeadRequest' });
export type CreateLeadRequest = z.infer<typeof CreateLeadRequest>;

export const UpdateLeadRequest = z
  .strictObject({
    company: coreFields.company.optional(),
    contact: coreFields.contact.optional(),
    region: coreFields.region.optional(),
    interest: coreFields.interest.optional(),
    source: coreFields.source.optional(),
    estimatedValue: coreFields.estimatedValue.nullable().optional(),
    currency: coreFields.currency.nullable().optional(),
    notes: coreFields.notes.nullable().optional(),
    domain: coreFields.domain.nullable().optional(),
  })
  .meta({
    id: 'UpdateLeadRequest',
    description: 'Only the fields given change; null clears an optional field.',
  });

export const OfferLeadRequest = z
  .strictObject({
    partners: z
      .array(partnerRef)
      .min(1, { error: 'must be a list of 1 to 50 partner ids or node ids' })
      .max(50, { error: 'must be a list of 1 to 50 partner ids or node ids' }),
    exclusive: bool.optional().meta({ description: 'Default: true for one partner.' }),
    offerHours: offerHours.optional().meta({ default: DEFAULT_OFFER_HOURS }),
    offerExpiresAt: z
      .string()
      .max(40)
      .optional()
      .meta({ format: 'date-time', description: `At most ${MAX_OFFER_HOURS} hours ahead.` }),
  })
  .meta({ id: 'OfferLeadRequest' });

export const RecallLeadRequest = z
  .strictObject({
    partner: partnerRef,
    reason: z
      .enum(['withdrawn', 'reassigned'], { error: 'must be withdrawn or reassigned' })
      .optional()
      .meta({ default: 'withdrawn' }),
  })
  .meta({ id: 'RecallLeadRequest' });

export const WithdrawLeadRequest = z
  .strictObject({ reason: z.string().min(1).max(500).optional() })
  .meta({ id: 'WithdrawLeadRequest' });

export const RoutingRuleRequest = z
  .strictObject({
    name: z.string().min(1).max(200).optional().meta({ description: 'Required to create.' }),
    priority: z.number().int().min(0).max(1_000_000).optional().meta({ default: 100 }),
    enabled: bool.optional().meta({ default: true }),
    regions: list.optional(),
    products: list.optional(),
    tiers: list.optional(),
    matchPartnerRegion: bool.optional().meta({ default: true }),
    matchPartnerProducts: bool.optional().meta({ default: true }),
    roundRobin: bool.optional().meta({ default: true }),
    offerHours: offerHours.nullable().optional(),
  })
  .meta({ id: 'RoutingRuleRequest' });
export type RoutingRuleRequest = z.infer<typeof RoutingRuleRequest>;

export const PartnerRoutingRequest = z
  .strictObject({
    tier: z.string().min(1).max(100).nullable().optional(),
    regions: list.optional(),
    productLines: list.optional(),
  })
  .meta({ id: 'PartnerRoutingRequest' });

export const DeclineLeadRequest = z
  .strictObject({
    reasonCode: z.enum(DECLINE_REASONS, {
      error: `must be one of ${DECLINE_REASONS.join(', ')}`,
    }),
    comment: z.string().max(500).optional(),
  })
  .meta({ id: 'DeclineLeadRequest' });

export const ProgressLeadRequest = z
  .strictObject({
    stage: z.enum(LEAD_STAGES, { error: `must be one of ${LEAD_STAGES.join(', ')}` }),
    amount: z.string().max(40).optional().meta({ description: 'Decimal string.' }),
    currency: currency.optional(),
    note: z.string().max(500).optional(),
    lastActivityAt: z
      .string()
      .max(40)
      .optional()
      .meta({ format: 'date-time', description: 'Default: now.' }),
  })
  .meta({ id: 'ProgressLeadRequest' });
