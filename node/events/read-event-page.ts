/**
 * How a job reads the event log forward from its own cursor: the webhook queues (fill-queues.ts)
 * and the staff notifications (derive-notifications-job.ts) read the same way, in the unit that
 * moves their cursor.
 *
 * `latest` is read before the page, and the log commits in seq order (one writer at a time, see
 * store/postgres/event-repo.ts), so every event up to `latest` is visible to the page: a short
 * page means all of them were seen, matching or not, and the cursor moves to `latest`. An event
 * committed between the two reads (a unit not holding the store's write lock) may be on the page
 * beyond `latest`: the cursor then moves past it rather than back, so it is not read twice.
 */
import type { DomainEvent, EventFilter } from '../store/event-store.ts';
import type { StoreTx } from '../store/store.ts';

export interface EventPage {
  events: DomainEvent[];
  /** Where the reader's cursor goes: past every event read or skipped as not matching. */
  next: number;
}

export async function readEventPage(
  tx: Pick<StoreTx, 'events'>,
  filter: EventFilter & { latest: number },
): Promise<EventPage> {
  const { latest, ...page } = filter;
  if (page.after >= latest) return { events: [], next: page.after };
  const events = await tx.events.list(page);
  const last = events.at(-1)?.seq ?? page.after;
  return { events, next: events.length < page.limit ? Math.max(latest, last) : last };
}
