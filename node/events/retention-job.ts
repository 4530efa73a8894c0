/**
 * Deletes events older than the retention period (`eventRetentionDays`, default 30). A webhook
 * endpoint's queued deliveries carry their own payload, so pruning never loses a pending event.
 */
import type { Job } from '../jobs/job.ts';
import { DAY_MS } from '../jobs/prune-in-chunks.ts';

export const eventRetentionJob: Job = {
  name: 'event-retention',
  intervalMs: 3600_000,
  async run(deps, now) {
    const before = new Date(now.getTime() - deps.config.eventRetentionDays * DAY_MS);
    return deps.store.transact((tx) => tx.events.pruneBefore(before));
  },
};

export const EVENT_JOBS: readonly Job[] = [eventRetentionJob];
