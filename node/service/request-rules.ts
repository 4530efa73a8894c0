/**
 * The rules that make a request's state converge on both nodes, whatever order updates arrive in.
 *
 * Each side numbers its own service.updates of a request 1, 2, 3… and stamps each with
 * `changedAt`. The status is a last-writer-wins register ordered by the stamp
 * (changedAt, author node id): both nodes know every stamp and both node ids, so both pick the
 * same winner. A receiver applies an update only when its version is newer than the last one it
 * applied from that side; an older or repeated version changes no state (its comment, when new,
 * still joins the timeline, so a late comment is not lost). A side's stamps grow with its
 * versions (`nextLocalStamp`), so skipping an older version never skips the winner.
 */
import type { RequestStatus, ServiceRequest, StatusStamp } from '../store/service-store.ts';

/** How far an update's changedAt may lie after we receive it (clock skew between nodes). */
export const MAX_CHANGED_AT_LEAD_MS = 10 * 60_000;

/** Orders stamps: by time, then by author node id (a plain code-unit comparison on both nodes). */
export function compareStamps(a: StatusStamp, b: StatusStamp): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.by === b.by) return 0;
  return a.by < b.by ? -1 : 1;
}

/**
 * The stamp of an update made here now: never earlier than the status it replaces nor than our
 * previous update, so our own change always wins locally and, once delivered, on the other node
 * too (a hybrid logical clock: a partner's clock running ahead cannot pin the status).
 */
export function nextLocalStamp(
  request: Pick<ServiceRequest, 'statusStamp' | 'selfUpdateAt'>,
  now: Date,
  self: string,
): StatusStamp {
  return {
    at: Math.max(now.getTime(), request.statusStamp.at + 1, request.selfUpdateAt + 1),
    by: self,
  };
}

export interface IncomingUpdate {
  version: number;
  status: RequestStatus;
  stamp: StatusStamp;
}

export type UpdateDecision =
  /** Newer than the last applied from that side: advance the side's version; maybe the status. */
  | { kind: 'apply'; status: RequestStatus; stamp: StatusStamp; statusChanges: boolean }
  /** Not newer: no state changes (the event is still recorded if its version is new). */
  | { kind: 'stale' }
  /** The side's stamps went backwards: its versions and stamps disagree. */
  | { kind: 'out_of_order_stamp' };

/** What an update from the partner does to the request's state. */
export function decidePartnerUpdate(
  request: Pick<
    ServiceRequest,
    'status' | 'statusStamp' | 'partnerUpdateVersion' | 'partnerUpdateAt'
  >,
  update: IncomingUpdate,
): UpdateDecision {
  if (update.version <= request.partnerUpdateVersion) return { kind: 'stale' };
  if (update.stamp.at < request.partnerUpdateAt) return { kind: 'out_of_order_stamp' };
  const wins = compareStamps(update.stamp, request.statusStamp) > 0;
  return wins
    ? { kind: 'apply', status: update.status, stamp: update.stamp, statusChanges: true }
    : { kind: 'apply', status: request.status, stamp: request.statusStamp, statusChanges: false };
}

/** Resolved and closed requests are done: no longer overdue, whatever their due date. */
export function isSettled(status: RequestStatus): boolean {
  return status === 'resolved' || status === 'closed';
}

/** Overdue: past its due date (strictly) while neither resolved, closed nor withdrawn. */
export function isOverdue(
  request: Pick<ServiceRequest, 'dueAt' | 'status' | 'withdrawnAt'>,
  now: Date,
): boolean {
  return (
    request.dueAt !== null &&
    now.getTime() > request.dueAt.getTime() &&
    !isSettled(request.status) &&
    request.withdrawnAt === null
  );
}
