/**
 * The one way an event enters the log: inside the caller's unit of work, so it commits with the
 * change it describes or not at all. The record is stored as JSON (times as ISO strings) without
 * secrets: token hashes, private keys, signed messages and file bytes never leave the node.
 */
import { randomUUID } from 'node:crypto';
import type { StoreTx } from '../store/store.ts';
import { currentEventCause, type EventCause } from './event-cause.ts';

/** Fields never copied into an event, at any depth. */
const SECRET_FIELDS = new Set([
  'tokenHash',
  'privateJwk',
  'privateKey',
  'jws',
  'receipt',
  'secret',
]);

function replacer(key: string, value: unknown): unknown {
  if (SECRET_FIELDS.has(key)) return undefined;
  if (value instanceof Uint8Array) return undefined;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** The record as the JSON object an event carries (a non-object is wrapped as `value`). */
export function toEventJson(record: unknown): string {
  const data =
    record !== null && typeof record === 'object' && !Array.isArray(record)
      ? record
      : { value: record ?? null };
  return JSON.stringify(data, replacer);
}

/** The record's own id as integrations know it: its public id, else its row id. */
export function subjectOf(record: unknown): string | null {
  if (record === null || typeof record !== 'object') return null;
  const data = record as Record<string, unknown>;
  for (const key of [
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
  ]) {
    const value = data[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return null;
}

export function newEventId(): string {
  return `evt_${randomUUID().replaceAll('-', '')}`;
}

export async function emitEvent(
  tx: Pick<StoreTx, 'events'>,
  type: string,
  record: unknown,
  cause: EventCause = currentEventCause(),
  at: Date = new Date(),
): Promise<number> {
  return tx.events.append({
    id: newEventId(),
    type,
    subject: subjectOf(record),
    dataJson: toEventJson(record),
    cause,
    at,
  });
}
