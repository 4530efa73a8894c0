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

export function toEventData(record: unknown): Record<string, unknown> {
  const json = JSON.stringify(record ?? {}, (key, value: unknown) => {
    if (SECRET_FIELDS.has(key)) return undefined;
    if (value instanceof Uint8Array) return undefined;
    if (typeof value === 'bigint') return value.toString();
    return value;
  });
  const data = JSON.parse(json) as unknown;
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : { value: data };
}

/** The record's own id as integrations know it: its public id, else its row id. */
export function subjectOf(data: Record<string, unknown>): string | null {
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
  const data = toEventData(record);
  return tx.events.append({ id: newEventId(), type, subject: subjectOf(data), data, cause, at });
}
