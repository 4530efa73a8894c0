/**
 * Who caused the changes a unit of work makes: the inbox names the partner's message, the admin
 * API the staff principal, a job its name. The cause travels with the unit itself, never with the
 * async context: a caller hands it to `store.transact` (a store view from `causedStore` does so
 * for every unit it runs), and the inbox names each message's cause inside its unit with
 * `tx.causedBy`. The store sets it on the unit's events when the unit runs, so it follows the
 * unit even when the unit shares a group commit with others.
 */
export type EventCause =
  | { kind: 'partner'; nodeId: string; messageId: string }
  | { kind: 'staff'; principal: string; requestId?: string | undefined }
  | { kind: 'job'; name: string }
  | { kind: 'node' };

export const NODE_CAUSE: EventCause = { kind: 'node' };

/**
 * The cause of the events a running unit emits: set by the store when the unit starts, changed
 * for a part of the unit by `tx.causedBy`. One slot per unit's repos (the SQLite store runs one
 * unit at a time on its one connection, so it keeps one slot for all).
 */
export interface CauseSlot {
  current: EventCause;
}

/** `tx.causedBy` over a slot: `fn`'s events name `cause`, the unit's own cause after it. */
export function causedByIn(slot: CauseSlot) {
  return async function causedBy<T>(cause: EventCause, fn: () => Promise<T>): Promise<T> {
    const outer = slot.current;
    slot.current = cause;
    try {
      return await fn();
    } finally {
      slot.current = outer;
    }
  };
}
