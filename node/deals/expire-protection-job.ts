/**
 * Ends the protection of approved registrations whose window has passed, on both sides: the
 * vendor's decision set `protectedUntil`, and both nodes hold it, so each marks its own copy
 * expired at the same moment without a message (views show `expired` even before this runs).
 */
import type { Job } from '../jobs/job.ts';

export const expireProtectionJob: Job = {
  name: 'deals.expire-protection',
  intervalMs: 60_000,
  run: async (deps, now) =>
    (await deps.store.transact((tx) => tx.deals.expireProtection(now))).length,
};
