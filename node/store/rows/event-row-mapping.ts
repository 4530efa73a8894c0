/** A stored domain event as a record. */
import type { EventCause } from '../../events/event-cause.ts';
import type { DomainEventRow } from '../../db/schema/events.ts';
import type { DomainEvent } from '../event-store.ts';

export function eventFromRow(row: DomainEventRow): DomainEvent {
  return {
    seq: row.seq,
    id: row.eventId,
    type: row.type,
    subject: row.subject,
    data: JSON.parse(row.data) as Record<string, unknown>,
    cause: JSON.parse(row.cause) as EventCause,
    at: new Date(row.at),
  };
}
