/**
 * Versions whose parts stopped arriving: once the last part is older than the replay window, the
 * missing ones can no longer be accepted (they would be `stale`), so the version is marked failed
 * (`incomplete`) and its stored parts dropped. The operator can ask the owner for a resync.
 */
import type { Job } from '../jobs/job.ts';

export const expirePartsJob: Job = {
  name: 'catalog-expire-parts',
  intervalMs: 3_600_000,
  async run(deps, now) {
    const before = new Date(now.getTime() - deps.config.replayWindowDays * 86_400_000);
    return (await deps.store.transact((tx) => tx.catalog.expireAssembling(before))).length;
  },
};
