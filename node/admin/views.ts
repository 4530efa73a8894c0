/**
 * How the admin API shows records: times as ISO strings, secrets left out (no invitation token or
 * hash, no private key material), and message lists without their JWS to keep responses small.
 */
import type {
  InboundSummary,
  Invitation,
  InvitationState,
  OutboundMessage,
  OutboundStatus,
  OutboundSummary,
  Partner,
} from '../store/types.ts';
import { iso } from '../records/iso-time.ts';

export type OutboxCounts = Record<OutboundStatus, number>;

export const emptyCounts = (): OutboxCounts => ({
  pending: 0,
  in_flight: 0,
  delivered: 0,
  dead: 0,
});

/** Outbox counts per partner id, from the store's `counts()` rows. */
export function countsByPartner(
  rows: Array<{ partnerId: number; status: OutboundStatus; count: number }>,
): Map<number, OutboxCounts> {
  const byPartner = new Map<number, OutboxCounts>();
  for (const row of rows) {
    const counts = byPartner.get(row.partnerId) ?? emptyCounts();
    counts[row.status] += row.count;
    byPartner.set(row.partnerId, counts);
  }
  return byPartner;
}

export function partnerView(p: Partner, outbox: OutboxCounts) {
  return {
    id: p.id,
    nodeId: p.nodeId,
    name: p.name,
    partnerType: p.partnerType,
    relationship: p.relationship,
    kinds: p.allowedKinds,
    status: p.status,
    inboxUrl: p.inboxUrl,
    maxBatch: p.maxBatch,
    kids: p.keys.map((k) => k.kid),
    keysFetchedAt: iso(p.keysFetchedAt),
    declaredProfile: p.declaredProfile,
    profileUpdatedAt: iso(p.profileUpdatedAt),
    connectedAt: iso(p.connectedAt),
    updatedAt: iso(p.updatedAt),
    outbox,
  };
}

export function invitationView(inv: Invitation, state: InvitationState) {
  return {
    id: inv.id,
    name: inv.name,
    partnerType: inv.partnerType,
    relationship: inv.relationship,
    kinds: inv.allowedKinds,
    state,
    createdAt: iso(inv.createdAt),
    expiresAt: iso(inv.expiresAt),
    usedAt: iso(inv.usedAt),
    usedByNodeId: inv.usedByNodeId,
    revokedAt: iso(inv.revokedAt),
  };
}

export function inboundView(m: InboundSummary) {
  return {
    seq: m.seq,
    messageId: m.messageId,
    fromNodeId: m.fromNodeId,
    partnerId: m.partnerId,
    kind: m.kind,
    ref: m.ref,
    digest: m.digest,
    sentAt: iso(m.sentAt),
    receivedAt: iso(m.receivedAt),
  };
}

export function outboundView(m: OutboundSummary) {
  return {
    seq: m.seq,
    messageId: m.messageId,
    partnerId: m.partnerId,
    toNodeId: m.toNodeId,
    kind: m.kind,
    ref: m.ref,
    status: m.status,
    attempts: m.attempts,
    createdAt: iso(m.createdAt),
    sentAt: iso(m.sentAt),
    nextAttemptAt: iso(m.nextAttemptAt),
    lastErrorCode: m.lastErrorCode,
    lastError: m.lastError,
    resultStatus: m.resultStatus,
    deliveredAt: iso(m.deliveredAt),
    deadAt: iso(m.deadAt),
  };
}

/** The full record of one outbound message: its body, the signed JWS and the partner's receipt. */
export function outboundDetailView(m: OutboundMessage) {
  return {
    ...outboundView(m),
    body: m.body,
    jws: m.jws,
    digest: m.digest,
    receipt: m.receipt,
    horizonFrom: iso(m.horizonFrom),
    leaseUntil: iso(m.leaseUntil),
  };
}
