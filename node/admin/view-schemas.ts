/**
 * What the core admin operations answer (node, invitations, partners, messages), as zod schemas:
 * the document describes them and the contract test holds the answers to them.
 */
import { z } from 'zod';
import { OUTBOUND_STATUSES } from '../partners/partner-schemas.ts';
import { INVITATION_STATES } from '../partners/partner-schemas.ts';

export const time = z.iso.datetime({ offset: true });
export const timeOrNull = time.nullable();
export const stringOrNull = z.string().nullable();
/** A partner's refusal of our last message about a record (records/refusal-view.ts), or null. */
export const recordRefusal = (what: string) =>
  z
    .strictObject({
      status: z.literal('refused'),
      code: z.string(),
      reason: z.string(),
      kind: z.string(),
      messageId: z.string(),
      at: time,
    })
    .nullable()
    .meta({
      description: `The partner refused our last message about this ${what}; null otherwise.`,
    });
const strings = z.array(z.string());
const kinds = strings.meta({ description: 'Message kinds the partner may send us.' });
const counts = z.record(z.string(), z.number().int());

export const OutboxCounts = z
  .strictObject({
    pending: z.number().int(),
    in_flight: z.number().int(),
    delivered: z.number().int(),
    dead: z.number().int(),
  })
  .meta({ id: 'OutboxCounts' });

export const NodeInfo = z
  .strictObject({
    nodeId: z.url(),
    name: z.string(),
    kinds: strings,
    signingKid: z.string(),
    publishedKids: strings,
  })
  .meta({ id: 'NodeInfo' });

export const NodeStatus = z
  .strictObject({
    nodeId: z.string(),
    name: z.string(),
    signingKid: z.string(),
    partners: counts.meta({ description: 'Partners by status.' }),
    outbox: counts,
    outboxByPartner: z
      .record(z.string(), counts)
      .meta({ description: 'Per partner node id: outbound messages by status.' }),
    nextDeliveryAt: timeOrNull,
    partnerStorage: z
      .record(
        z.string(),
        z.strictObject({ storedBytes: z.int(), quotaBytes: z.int(), overQuota: z.boolean() }),
      )
      .meta({
        description:
          'Per partner node id: bytes of received messages stored and the quota (partnerStorageQuotaMib); overQuota while its messages are refused (429 partner_quota_exceeded). Lists the partners that sent since the node started.',
      }),
    unseenRefusals: z
      .int()
      .meta({ description: 'Messages partners refused that the operator has not acknowledged.' }),
  })
  .meta({ id: 'NodeStatus' });

export const KeyRotation = z
  .strictObject({
    kid: z.string().meta({ description: 'The new signing key.' }),
    publishedKids: strings,
  })
  .meta({ id: 'KeyRotation' });

export const Invitation = z
  .strictObject({
    id: z.uuid(),
    name: z.string(),
    partnerType: z.string(),
    relationship: z.string(),
    kinds,
    state: z.enum(INVITATION_STATES),
    createdAt: time,
    expiresAt: time,
    usedAt: timeOrNull,
    usedByNodeId: stringOrNull,
    revokedAt: timeOrNull,
  })
  .meta({ id: 'Invitation' });

export const InvitationCreated = z
  .strictObject({
    invitation: Invitation,
    token: z.string().meta({ description: 'Shown once; only its SHA-256 is stored.' }),
    nodeUrl: z.url(),
    connectCommand: z.string(),
  })
  .meta({ id: 'InvitationCreated' });

export const Partner = z
  .strictObject({
    id: z.number().int(),
    nodeId: z.url(),
    name: z.string(),
    partnerType: z.string(),
    relationship: z.string(),
    kinds,
    status: z.enum(['active', 'suspended', 'removed']),
    inboxUrl: z.url(),
    maxBatch: z.number().int(),
    kids: strings.meta({ description: "The partner's pinned keys." }),
    keysFetchedAt: time,
    declaredProfile: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'What the partner says about itself (partner.update).' }),
    profileUpdatedAt: timeOrNull,
    connectedAt: time,
    updatedAt: time,
    outbox: OutboxCounts,
  })
  .meta({ id: 'Partner' });

export const MessageIds = z.strictObject({ messageIds: strings }).meta({ id: 'MessageIds' });

export const InboundMessage = z
  .strictObject({
    seq: z.number().int().meta({ description: 'Arrival order on this node.' }),
    messageId: z.string(),
    fromNodeId: z.string(),
    partnerId: z.number().int(),
    kind: z.string(),
    ref: stringOrNull,
    digest: z.string(),
    sentAt: time,
    receivedAt: time,
  })
  .meta({ id: 'InboundMessage' });

const nextCursor = z
  .number()
  .int()
  .nullable()
  .meta({ description: 'The seq of the last message; pass as `after` for the next page.' });

export const InboundPage = z
  .strictObject({ messages: z.array(InboundMessage), nextCursor })
  .meta({ id: 'InboundPage' });

const outboundFields = {
  seq: z.number().int(),
  messageId: z.string(),
  partnerId: z.number().int(),
  toNodeId: z.string(),
  kind: z.string(),
  ref: stringOrNull,
  status: z.enum(OUTBOUND_STATUSES),
  attempts: z.number().int(),
  createdAt: time,
  sentAt: timeOrNull,
  nextAttemptAt: time,
  lastErrorCode: stringOrNull,
  lastError: stringOrNull,
  resultStatus: stringOrNull,
  deliveredAt: timeOrNull,
  deadAt: timeOrNull,
};

export const OutboundMessage = z.strictObject(outboundFields).meta({ id: 'OutboundMessage' });

export const OutboundMessageDetail = z
  .strictObject({
    ...outboundFields,
    body: z.unknown().meta({ description: 'The message body as queued.' }),
    jws: stringOrNull.meta({ description: 'The signed message, once first sent.' }),
    digest: stringOrNull,
    receipt: stringOrNull.meta({ description: "The partner's signed receipt." }),
    horizonFrom: time,
    leaseUntil: timeOrNull,
  })
  .meta({
    id: 'OutboundMessageDetail',
    description: 'An outbound message with its body, signed JWS and the partner receipt.',
  });

export const OutboundPage = z
  .strictObject({ messages: z.array(OutboundMessage), nextCursor })
  .meta({ id: 'OutboundPage' });

export const RetryResult = z
  .strictObject({ retried: z.number().int() })
  .meta({ id: 'RetryResult' });
