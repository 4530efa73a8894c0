/**
 * Deletes delivered webhook rows older than `webhookDeliveryRetentionDays` (default 7), so the
 * delivery log does not grow with every event ever sent. Bounded: at most PRUNE_MAX_PER_RUN rows
 * a run, in units of PRUNE_CHUNK, so a large backlog never holds the writer for long; the next
 * run continues. Pending and dead rows are kept whatever their age: they are still owed.
 */
import type { Job } from '../jobs/job.ts';

const DAY_MS = 24 * 3600_000;
export const PRUNE_CHUNK = 1000;
export const PRUNE_MAX_PER_RUN = 20_000;

export const webhookDeliveryRetentionJob: Job = {
  name: 'webhook-delivery-retention',
  intervalMs: 3600_000,
  async run(deps, now) {
    const before = new Date(now.getTime() - deps.config.webhookDeliveryRetentionDays * DAY_MS);
    let pruned = 0;
    while (pruned < PRUNE_MAX_PER_RUN) {
      const limit = Math.min(PRUNE_CHUNK, PRUNE_MAX_PER_RUN - pruned);
      const n = await deps.store.transact((tx) => tx.webhooks.pruneDelivered(before, limit));
      pruned += n;
      if (n < limit) break;
    }
    return pruned;
  },
};
