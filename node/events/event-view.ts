/** An event as the admin API, the SSE feed and webhooks show it (docs/integrations.md). */
import type { DomainEvent } from '../store/event-store.ts';

export interface EventView {
  id: string;
  /** The cursor to resume after (`after=` / `Last-Event-ID`). */
  cursor: number;
  type: string;
  subject: string | null;
  timestamp: string;
  cause: DomainEvent['cause'];
  data: Record<string, unknown>;
}

export function eventView(event: DomainEvent): EventView {
  return {
    id: event.id,
    cursor: event.seq,
    type: event.type,
    subject: event.subject,
    timestamp: event.at.toISOString(),
    cause: event.cause,
    data: event.data,
  };
}
