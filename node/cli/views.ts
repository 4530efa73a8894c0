/**
 * What `--json` prints for each record: chosen fields with stable names, so that scripts do not
 * depend on the store's internal shape (and never see a token hash).
 */
import { readUnverifiedMessage } from '../../protocol/index.ts';
import { invitationState } from '../partners/invitations.ts';
import type { InboundMessage, Invitation, OutboundMessage, Partner } from '../store/types.ts';

export function partnerView(p: Partner) {
  return {
    id: p.id,
    nodeId: p.nodeId,
    name: p.name,
    status: p.status,
    partnerType: p.partnerType,
    relationship: p.relationship,
    allowedKinds: p.allowedKinds,
    declaredProfile: p.declaredProfile,
    profileUpdatedAt: p.profileUpdatedAt,
    keyIds: p.keys.map((k) => k.kid),
    inboxUrl: p.inboxUrl,
    invitationId: p.invitationId,
    connectedAt: p.connectedAt,
    updatedAt: p.updatedAt,
  };
}

export function invitationView(inv: Invitation, now: Date) {
  return {
    id: inv.id,
    state: invitationState(inv, now),
    name: inv.name,
    partnerType: inv.partnerType,
    relationship: inv.relationship,
    allowedKinds: inv.allowedKinds,
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    usedAt: inv.usedAt,
    usedByNodeId: inv.usedByNodeId,
    revokedAt: inv.revokedAt,
  };
}

export function outboundView(m: OutboundMessage) {
  return {
    id: m.messageId,
    partnerId: m.partnerId,
    to: m.toNodeId,
    kind: m.kind,
    ref: m.ref,
    status: m.status,
    attempts: m.attempts,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
    nextAttemptAt: m.status === 'pending' || m.status === 'in_flight' ? m.nextAttemptAt : null,
    lastErrorCode: m.lastErrorCode,
    lastError: m.lastError,
    resultStatus: m.resultStatus,
    deliveredAt: m.deliveredAt,
    deadAt: m.deadAt,
    body: m.body,
  };
}

export function inboundView(m: InboundMessage) {
  // The stored JWS was verified on arrival; here it is only read back for its body.
  const read = readUnverifiedMessage(m.jws);
  return {
    id: m.messageId,
    partnerId: m.partnerId,
    from: m.fromNodeId,
    kind: m.kind,
    ref: m.ref,
    sentAt: m.sentAt,
    receivedAt: m.receivedAt,
    body: read.ok ? read.message.body : null,
  };
}
