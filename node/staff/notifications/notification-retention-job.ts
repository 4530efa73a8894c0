/**
 * Deletes staff notifications read more than `staffNotificationRetentionDays` ago (default 90),
 * so the inbox table does not grow with every notification ever read, in bounded chunks as the
 * webhook delivery log's pruning is (prune-in-chunks.ts). Unread ones are kept whatever their
 * age: the inbox's unread count and filter, and the digest, still owe them to their reader, and
 * only active staff are notified, so they grow with what people were told.
 */
import type { Job } from '../../jobs/job.ts';
import { DAY_MS, pruneInChunks } from '../../jobs/prune-in-chunks.ts';

export const staffNotificationRetentionJob: Job = {
  name: 'staff-notification-retention',
  intervalMs: 3600_000,
  async run(deps, now) {
    const before = new Date(now.getTime() - deps.config.staffNotificationRetentionDays * DAY_MS);
    return pruneInChunks(deps.store, (tx, limit) => tx.staffNotifications.pruneRead(before, limit));
  },
};
