/**
 * How requests and claims are shown to an operator (admin API and `--json`): wire ids beside
 * this node's numbers, times as ISO strings, the overdue flag computed at `now`, and the partner
 * named. A timeline event says who (side and node id), when, and which message carried it.
 */
import { refusalView } from '../records/refusal-view.ts';
import type {
  ServiceEvent,
  ServiceRequest,
  WarrantyClaim,
  WarrantyEvent,
} from '../store/service-store.ts';
import type { Partner } from '../store/types.ts';
import { isOverdue } from './request-rules.ts';
import { iso } from '../records/iso-time.ts';

export function partnerSummary(p: Partner | undefined, id: number) {
  return { id, nodeId: p?.nodeId ?? null, name: p?.name ?? null };
}

export function requestView(r: ServiceRequest, partner: Partner | undefined, now: Date) {
  return {
    id: r.id,
    requestId: r.requestId,
    partner: partnerSummary(partner, r.partnerId),
    owner: r.owner,
    category: r.category,
    subject: r.subject,
    description: r.description,
    priority: r.priority,
    product: r.product,
    serial: r.serial,
    dueAt: iso(r.dueAt),
    version: r.version,
    status: r.status,
    statusChangedAt: r.statusStamp.at === 0 ? null : new Date(r.statusStamp.at).toISOString(),
    statusChangedBy: r.statusStamp.by === '' ? null : r.statusStamp.by,
    overdue: isOverdue(r, now),
    overdueMarkedAt: iso(r.overdueMarkedAt),
    responseBreachedAt: iso(r.responseBreachedAt),
    withdrawn: r.withdrawnAt !== null,
    withdrawnAt: iso(r.withdrawnAt),
    withdrawnReason: r.withdrawnReason,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    refusal: refusalView(r.refusal),
  };
}

export function eventView(e: ServiceEvent) {
  return {
    type: e.type,
    side: e.side,
    by: e.byNodeId,
    at: iso(e.at),
    messageId: e.messageId,
    version: e.version,
    status: e.status,
    comment: e.comment,
    reason: e.reason,
    recordedAt: iso(e.recordedAt),
  };
}

export function requestDetailView(
  r: ServiceRequest,
  partner: Partner | undefined,
  events: ServiceEvent[],
  now: Date,
) {
  return { ...requestView(r, partner, now), timeline: events.map(eventView) };
}

export function claimView(c: WarrantyClaim, partner: Partner | undefined) {
  return {
    id: c.id,
    claimId: c.claimId,
    partner: partnerSummary(partner, c.partnerId),
    owner: c.owner,
    product: c.product,
    serial: c.serial,
    purchaseDate: c.purchaseDate,
    failureDate: c.failureDate,
    failure: c.failure,
    claimedAmount: c.claimedAmount,
    currency: c.currency,
    requestId: c.requestId,
    version: c.version,
    status: c.status,
    decisionVersion: c.decisionVersion,
    decidedVersion: c.decidedVersion,
    approvedAmount: c.approvedAmount,
    decisionReason: c.decisionReason,
    decidedAt: iso(c.decidedAt),
    withdrawn: c.withdrawnAt !== null,
    withdrawnAt: iso(c.withdrawnAt),
    withdrawnReason: c.withdrawnReason,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    refusal: refusalView(c.refusal),
  };
}

export function claimEventView(e: WarrantyEvent) {
  return {
    type: e.type,
    side: e.side,
    by: e.byNodeId,
    at: iso(e.at),
    messageId: e.messageId,
    version: e.version,
    status: e.status,
    amount: e.amount,
    reason: e.reason,
  };
}

export function claimDetailView(
  c: WarrantyClaim,
  partner: Partner | undefined,
  events: WarrantyEvent[],
) {
  return { ...claimView(c, partner), history: events.map(claimEventView) };
}
