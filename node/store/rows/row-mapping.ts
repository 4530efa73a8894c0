/** Conversions between SQLite rows (integer millis, JSON text) and domain records. */
import type {
  InboundMessageRow,
  InvitationRow,
  OutboundMessageRow,
  PartnerRow,
} from '../../db/schema/foundation.ts';
import type {
  InboundMessage,
  InboundSummary,
  Invitation,
  OutboundMessage,
  OutboundStatus,
  OutboundSummary,
  Partner,
  PartnerStatus,
} from '../types.ts';

type InboundSummaryRow = Omit<InboundMessageRow, 'jws' | 'receipt'>;
type OutboundSummaryRow = Omit<OutboundMessageRow, 'body' | 'jws' | 'receipt'>;

export const toMillis = (d: Date): number => d.getTime();
const toDate = (ms: number): Date => new Date(ms);
const toDateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function partnerFromRow(row: PartnerRow): Partner {
  return {
    id: row.id,
    nodeId: row.nodeId,
    name: row.name,
    partnerType: row.partnerType,
    relationship: row.relationship,
    allowedKinds: JSON.parse(row.allowedKinds) as string[],
    status: row.status as PartnerStatus,
    inboxUrl: row.inboxUrl,
    jwksUrl: row.jwksUrl,
    maxBatch: row.maxBatch,
    maxBodyBytes: row.maxBodyBytes,
    keys: JSON.parse(row.keys) as Partner['keys'],
    keysFetchedAt: toDate(row.keysFetchedAt),
    declaredProfile:
      row.declaredProfile === null
        ? null
        : (JSON.parse(row.declaredProfile) as Record<string, unknown>),
    profileUpdatedAt: toDateOrNull(row.profileUpdatedAt),
    invitationId: row.invitationId,
    connectedAt: toDate(row.connectedAt),
    updatedAt: toDate(row.updatedAt),
  };
}

export function invitationFromRow(row: InvitationRow): Invitation {
  return {
    id: row.id,
    name: row.name,
    partnerType: row.partnerType,
    relationship: row.relationship,
    allowedKinds: JSON.parse(row.allowedKinds) as string[],
    createdAt: toDate(row.createdAt),
    expiresAt: toDate(row.expiresAt),
    usedAt: toDateOrNull(row.usedAt),
    usedByNodeId: row.usedByNodeId,
    revokedAt: toDateOrNull(row.revokedAt),
  };
}

export function inboundFromRow(row: InboundMessageRow): InboundMessage {
  return {
    ...row,
    sentAt: toDate(row.sentAt),
    receivedAt: toDate(row.receivedAt),
  };
}

export function inboundSummaryFromRow(row: InboundSummaryRow): InboundSummary {
  return { ...row, sentAt: toDate(row.sentAt), receivedAt: toDate(row.receivedAt) };
}

export function outboundSummaryFromRow(row: OutboundSummaryRow): OutboundSummary {
  return {
    ...row,
    createdAt: toDate(row.createdAt),
    sentAt: toDateOrNull(row.sentAt),
    status: row.status as OutboundStatus,
    nextAttemptAt: toDate(row.nextAttemptAt),
    horizonFrom: toDate(row.horizonFrom),
    leaseUntil: toDateOrNull(row.leaseUntil),
    deliveredAt: toDateOrNull(row.deliveredAt),
    deadAt: toDateOrNull(row.deadAt),
  };
}

export function outboundFromRow(row: OutboundMessageRow): OutboundMessage {
  return {
    ...outboundSummaryFromRow(row),
    body: JSON.parse(row.body) as unknown,
    jws: row.jws,
    receipt: row.receipt,
  };
}
