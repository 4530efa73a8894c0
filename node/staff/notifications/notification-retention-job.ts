/**
 * Deletes staff notifications read more than `staffNotificationRetentionDays` ago (default 90),
 * so the inbox table does not grow with every notification ever read. Unread ones are kept
 * whatever their age: the inbox's unread count and filter, and the digest, still owe them to
 * their reader, and only active staff are notified, so they grow with what people were told.
 * Bounded as the webhook delivery log's pruning is: at most PRUNE_MAX_PER_RUN rows a run, in
 * units of PRUNE_CHUNK, so a large backlog never holds the writer for long.
 */
import type { Job } from '../../jobs/job.ts';

const DAY_MS = 24 * 3600_000;
export const PRUNE_CHUNK = 1000;
export const PRUNE_MAX_PER_RUN = 20_000;

export const staffNotificationRetentionJob: Job = {
  name: 'staff-notification-retention',
  intervalMs: 3600_000,
  async run(deps, now) {
    const before = new Date(now.getTime() - deps.config.staffNotificationRetentionDays * DAY_MS);
    let pruned = 0;
    while (pruned < PRUNE_MAX_PER_RUN) {
      const limit = Math.min(PRUNE_CHUNK, PRUNE_MAX_PER_RUN - pruned);
      const n = await deps.store.transact((tx) => tx.staffNotifications.pruneRead(before, limit));
      pruned += n;
      if (n < limit) break;
    }
    return pruned;
  },
};
