/**
 * Proposes by itself after a partner reports, for partners the supplier set to auto-propose: for
 * each location with reports received since the last run, a proposal when something is to be
 * ordered. Reports must have settled for a while first, so that a partner sending several (a
 * backlog of weeks, one per location) gets one proposal per location, computed from all of them.
 */
import { AppError } from '../errors.ts';
import type { Job } from '../jobs/job.ts';
import { once } from '../load-once.ts';

/** The proposal's computation and input schemas (zod): loaded with the first report to answer. */
const loadPropose = once(async () => (await import('./propose.ts')).proposeInTx);

/** Reports younger than this wait for the next run. */
export const AUTO_PROPOSE_SETTLE_MS = 2 * 60_000;

export const autoProposeJob: Job = {
  name: 'inventory.auto-propose',
  intervalMs: 60_000,
  async run(deps, now) {
    const before = new Date(now.getTime() - AUTO_PROPOSE_SETTLE_MS);
    const due = await deps.store.read((tx) => tx.inventory.reportsToAnswer(before));
    let made = 0;
    if (due.length === 0) return made;
    const proposeInTx = await loadPropose();
    for (const { partnerId, locations } of due) {
      made += await deps.store.transact(async (tx) => {
        const partner = await tx.partners.getById(partnerId);
        const settings = await tx.inventory.getPartnerSettings(partnerId);
        let count = 0;
        if (partner && settings && partner.status === 'active') {
          for (const location of locations) {
            try {
              const proposal = await tx.nested(() =>
                proposeInTx(deps, tx, { partner, location, validDays: settings.validDays, now }),
              );
              if (proposal) count++;
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              deps.log.warn(
                { category: 'inventory', partnerId, code: error.code },
                'no automatic proposal',
              );
            }
          }
        }
        await tx.inventory.markChecked(partnerId, before);
        return count;
      });
    }
    if (made > 0) deps.notifyOutbox();
    return made;
  },
};
