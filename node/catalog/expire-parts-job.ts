/**
 * Versions whose parts stopped arriving: once the last part is older than the replay window, the
 * missing ones can no longer be accepted (they would be `stale`), so the version is marked failed
 * (`incomplete`) and its stored parts dropped, with the lines of it already in place. The operator
 * can ask the owner for a resync.
 */
import type { Job } from '../jobs/job.ts';

export const expirePartsJob: Job = {
  name: 'catalog-expire-parts',
  intervalMs: 3_600_000,
  async run(deps, now) {
    const before = new Date(now.getTime() - deps.config.replayWindowDays * 86_400_000);
    return deps.store.transact(async (tx) => {
      const expired = await tx.catalog.expireAssembling(before);
      // A full version's lines are put in place as its parts arrive (receive-version.ts).
      for (const id of expired) await tx.catalog.deleteLines(id);
      return expired.length;
    });
  },
};
