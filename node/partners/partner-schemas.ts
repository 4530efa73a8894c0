/**
 * What an operator may send about partners (invitations, reclassifying, removing, joining a node,
 * our own profile, retrying dead letters), as zod schemas. The admin API validates its requests
 * with them and the document describes them; the semantic checks (kinds against the partner type,
 * the wire schema of partner.update) stay with the code that acts.
 */
import { z } from 'zod';
import { PARTNER_TYPES, RELATIONSHIPS } from '../../protocol/index.ts';
import { partnerRef } from '../input/input-atoms.ts';
import type { InvitationState, OutboundStatus } from '../store/types.ts';

/** A year: an invitation that lives longer is a standing credential, not an invitation. */
export const MAX_INVITATION_TTL_HOURS = 8760;
export const INVITATION_STATES = [
  'open',
  'used',
  'expired',
  'revoked',
] as const satisfies readonly InvitationState[];
export const OUTBOUND_STATUSES = [
  'pending',
  'in_flight',
  'delivered',
  'dead',
] as const satisfies readonly OutboundStatus[];
export const DEFAULT_REMOVE_REASON = 'removed by the operator';
const MAX_RECIPIENTS = 1000;
const MAX_RETRY_IDS = 1000;

const name = z
  .string()
  .max(200)
  .refine((v) => v.trim() !== '', { error: 'must be 1 to 200 characters' });
const partnerType = z.enum(PARTNER_TYPES, {
  error: `must be one of ${PARTNER_TYPES.join(', ')}`,
});
const relationship = z.enum(RELATIONSHIPS, {
  error: `must be one of ${RELATIONSHIPS.join(', ')}`,
});
const kinds = z
  .array(z.string().max(200), { error: 'must be a list of message kinds' })
  .max(1000)
  .meta({ description: 'Kinds the partner may send; defaults to those of its partner type.' });

const profileFields = { name, partnerType, relationship, kinds };

export const InvitationRequest = z
  .strictObject({
    ...profileFields,
    ttlHours: z
      .number()
      .int()
      .min(1)
      .max(MAX_INVITATION_TTL_HOURS)
      .optional()
      .meta({ description: 'Defaults to the node setting invitationTtlHours.' }),
    kinds: kinds.optional(),
  })
  .meta({ id: 'InvitationRequest' });

export const PartnerPatch = z
  .strictObject({
    name: name.optional(),
    partnerType: partnerType.optional(),
    relationship: relationship.optional(),
    kinds: kinds.optional(),
  })
  .meta({ id: 'PartnerPatch' });

export const RemovePartnerRequest = z
  .strictObject({
    reason: z.string().min(1).max(500).optional().meta({
      default: DEFAULT_REMOVE_REASON,
      description: 'Sent to the partner in partner.disconnect.',
    }),
  })
  .meta({ id: 'RemovePartnerRequest' });

/** How the API classifies a node we join when the operator does not say. */
export const CONNECT_DEFAULT_PARTNER_TYPE: (typeof PARTNER_TYPES)[number] = 'value_added_supplier';
export const CONNECT_DEFAULT_RELATIONSHIP: (typeof RELATIONSHIPS)[number] = 'strategic';

export const ConnectRequest = z
  .strictObject({
    // Shape only here; connectToNode judges the URL itself (scheme, SSRF policy) with field "url".
    url: z.string().min(1).max(2048).meta({ description: 'The base URL (node id) to join.' }),
    token: z.string().min(16).max(200),
    name: name.optional().meta({ description: "Defaults to the node's published name." }),
    partnerType: partnerType.optional().meta({ default: CONNECT_DEFAULT_PARTNER_TYPE }),
    relationship: relationship.optional().meta({ default: CONNECT_DEFAULT_RELATIONSHIP }),
    kinds: kinds.optional(),
  })
  .meta({ id: 'ConnectRequest' });

export const ProfileUpdateRequest = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    contact: z
      .strictObject({
        name: z.string().min(1).max(200).optional(),
        email: z.string().max(320).optional(),
        phone: z.string().max(100).optional(),
      })
      .optional(),
    partnerType: partnerType.optional(),
    relationship: relationship.optional(),
    to: z
      .array(partnerRef)
      .min(1, { error: `must list 1 to ${MAX_RECIPIENTS} partners` })
      .max(MAX_RECIPIENTS, { error: `must list 1 to ${MAX_RECIPIENTS} partners` })
      .optional()
      .meta({ description: 'Partners to tell; all active partners when absent.' }),
  })
  .meta({ id: 'ProfileUpdateRequest' });

export const RetryRequest = z
  .strictObject({
    ids: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(MAX_RETRY_IDS)
      .optional()
      .meta({ description: 'Message ids of dead letters.' }),
    partner: partnerRef.optional(),
  })
  .meta({ id: 'RetryRequest' });
