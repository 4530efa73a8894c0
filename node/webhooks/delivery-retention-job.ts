/**
 * Deletes delivered webhook rows older than `webhookDeliveryRetentionDays` (default 7), so the
 * delivery log does not grow with every event ever sent, in bounded chunks (prune-in-chunks.ts).
 * Pending and dead rows are kept whatever their age: they are still owed.
 */
import type { Job } from '../jobs/job.ts';
import { DAY_MS, pruneInChunks } from '../jobs/prune-in-chunks.ts';

export const webhookDeliveryRetentionJob: Job = {
  name: 'webhook-delivery-retention',
  intervalMs: 3600_000,
  async run(deps, now) {
    const before = new Date(now.getTime() - deps.config.webhookDeliveryRetentionDays * DAY_MS);
    return pruneInChunks(deps.store, (tx, limit) => tx.webhooks.pruneDelivered(before, limit));
  },
};
