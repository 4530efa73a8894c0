/**
 * Who caused the changes a unit of work makes, carried with the async context so that a store
 * write deep inside a handler knows it without every signature growing a parameter: the inbox
 * sets the partner's message, the admin API the staff principal, a job its name. The store runs a
 * unit in the context of the code that queued it (see sqlite-store.ts), so the cause follows the
 * unit even when it shares a group commit with others.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type EventCause =
  | { kind: 'partner'; nodeId: string; messageId: string }
  | { kind: 'staff'; principal: string; requestId?: string | undefined }
  | { kind: 'job'; name: string }
  | { kind: 'node' };

const current = new AsyncLocalStorage<EventCause>();

export const NODE_CAUSE: EventCause = { kind: 'node' };

/** Runs `fn` with `cause` as the cause of every event its store writes emit. */
export function withEventCause<T>(cause: EventCause, fn: () => T): T {
  return current.run(cause, fn);
}

export function currentEventCause(): EventCause {
  return current.getStore() ?? NODE_CAUSE;
}
