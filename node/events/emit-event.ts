/**
 * The one way an event enters the log: inside the caller's unit of work, so it commits with the
 * change it describes or not at all. The record is stored as JSON (times as ISO strings) without
 * secrets: token hashes, private keys, signed messages and file bytes never leave the node.
 */
import { randomFillSync } from 'node:crypto';
import type { StoreTx } from '../store/store.ts';
import { NODE_CAUSE, type EventCause } from './event-cause.ts';
import { toEventJson } from './event-json.ts';

export { toEventJson } from './event-json.ts';

/** A subject is a string or a number; any other value under a key is passed over. */
const idText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

/**
 * The record's own id as integrations know it: its public id, else its row id, the first of
 * leadId, dealId, orderId, requestId, claimId, allocationId, proposalId, reportId, listId,
 * messageId, nodeId, id, seq that holds a string or a number.
 *
 * Named reads, one per key: each read site sees the few record shapes that reach it and stays
 * fast, where a loop's one `record[key]` sees every key of every shape and looks each up the
 * slow way (a partner record read thirteen keys so, every `partner.update`).
 */
export function subjectOf(record: unknown): string | null {
  if (record === null || typeof record !== 'object') return null;
  const data = record as Record<string, unknown>;
  return (
    idText(data.leadId) ??
    idText(data.dealId) ??
    idText(data.orderId) ??
    idText(data.requestId) ??
    idText(data.claimId) ??
    idText(data.allocationId) ??
    idText(data.proposalId) ??
    idText(data.reportId) ??
    idText(data.listId) ??
    idText(data.messageId) ??
    idText(data.nodeId) ??
    idText(data.id) ??
    idText(data.seq)
  );
}

/** Random bytes drawn in blocks, and their hex text: one call per 409 ids instead of two each. */
const pool = Buffer.alloc(4096);
let poolHex = '';
let poolOffset = pool.length;
/** The time part of the last id: a burst of events shares its millisecond. */
let lastMs = Number.NaN;
let lastPrefix = '';

/**
 * `evt_` + 32 hex digits: the time in milliseconds (12) then 80 random bits (20). Time first, so
 * ids arrive in nearly ascending order and the unique index on them grows at its right edge: a
 * random id (UUID v4) touched a random index page per event, which cost more than the rest of
 * the append together (bench/sections/events.ts). The random part keeps ids unguessable and
 * unique across nodes and restarts.
 */
export function newEventId(now: number = Date.now()): string {
  if (poolOffset + 10 > pool.length) {
    randomFillSync(pool);
    poolHex = pool.toString('hex');
    poolOffset = 0;
  }
  const random = poolHex.slice(2 * poolOffset, 2 * poolOffset + 20);
  poolOffset += 10;
  if (now !== lastMs) {
    lastMs = now;
    lastPrefix = `evt_${now.toString(16).padStart(12, '0')}`;
  }
  return lastPrefix + random;
}

/**
 * Not `async`: the append's own promise is handed on, where an async wrapper around it would add
 * a promise and turns of the microtask queue to every event.
 */
export function emitEvent(
  tx: Pick<StoreTx, 'events'>,
  type: string,
  record: unknown,
  cause: EventCause = NODE_CAUSE,
  at: Date = new Date(),
): Promise<number> {
  return tx.events.append({
    id: newEventId(at.getTime()),
    type,
    subject: subjectOf(record),
    dataJson: toEventJson(record),
    cause,
    at,
  });
}
