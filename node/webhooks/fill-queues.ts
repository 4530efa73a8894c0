/**
 * Moves new events from the log into each active endpoint's queue, in cursor order. Emitting an
 * event stays one INSERT on the change's hot path; the fan-out to endpoints happens here, in its
 * own unit of work, with each endpoint's cursor advanced in the same unit as its new rows.
 */
import { eventView } from '../events/event-view.ts';
import { readEventPage } from '../events/read-event-page.ts';
import type { Store } from '../store/store.ts';
import type { NewWebhookDelivery } from '../store/webhook-store.ts';

const FILL_LIMIT = 1000;

/** Returns how many deliveries were queued. */
export async function fillWebhookQueues(store: Store, now: Date): Promise<number> {
  return store.transact(async (tx) => {
    const endpoints = (await tx.webhooks.list()).filter((e) => e.status === 'active');
    if (endpoints.length === 0) return 0;
    const latest = await tx.events.latestSeq();
    let queued = 0;
    for (const endpoint of endpoints) {
      if (endpoint.cursor >= latest) continue;
      const { events, next } = await readEventPage(tx, {
        after: endpoint.cursor,
        types: endpoint.events,
        limit: FILL_LIMIT,
        latest,
      });
      const rows: NewWebhookDelivery[] = events.map((event) => ({
        webhookId: endpoint.id,
        messageId: event.id,
        eventSeq: event.seq,
        type: event.type,
        payload: JSON.stringify(eventView(event)),
      }));
      await tx.webhooks.enqueue(rows, now);
      await tx.webhooks.update(endpoint.id, { cursor: next }, endpoint.updatedAt);
      queued += rows.length;
    }
    return queued;
  });
}
