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

/** The record's own id as integrations know it: its public id, else its row id. */
const SUBJECT_KEYS = [
  'leadId',
  'dealId',
  'orderId',
  'requestId',
  'claimId',
  'allocationId',
  'proposalId',
  'reportId',
  'listId',
  'messageId',
  'nodeId',
  'id',
  'seq',
] as const;

export function subjectOf(record: unknown): string | null {
  if (record === null || typeof record !== 'object') return null;
  const data = record as Record<string, unknown>;
  for (const key of SUBJECT_KEYS) {
    const value = data[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return null;
}

/** Random bytes drawn in blocks: one system call per 409 ids instead of one each. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

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
    poolOffset = 0;
  }
  const random = pool.toString('hex', poolOffset, poolOffset + 10);
  poolOffset += 10;
  return `evt_${now.toString(16).padStart(12, '0')}${random}`;
}

export async function emitEvent(
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
