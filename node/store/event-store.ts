/** The events' and webhooks' part of the storage boundary (docs/integrations.md). */
import type { EventCause } from '../events/event-cause.ts';

export interface DomainEvent {
  /** The cursor. */
  seq: number;
  id: string;
  type: string;
  subject: string | null;
  data: Record<string, unknown>;
  cause: EventCause;
  at: Date;
}

export interface EventFilter {
  after: number;
  /** Exact types or prefixes (`lead.` / `lead.*`); empty or absent: every type. */
  types?: string[] | undefined;
  limit: number;
}

export interface EventRepo {
  /** `dataJson`: the record already serialized (emit-event.ts), so it is not done twice. */
  append(event: Omit<DomainEvent, 'seq' | 'data'> & { dataJson: string }): Promise<number>;
  /** Oldest first, strictly after `filter.after`. */
  list(filter: EventFilter): Promise<DomainEvent[]>;
  /** The newest cursor, 0 when the log is empty. */
  latestSeq(): Promise<number>;
  /** Deletes events older than `before`; how many. */
  pruneBefore(before: Date): Promise<number>;
}
