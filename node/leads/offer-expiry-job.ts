/**
 * Offers not accepted by their `offerExpiresAt` are recalled (`lead.recall`, reason `expired`),
 * and a routed lead is offered to its next candidate. Work is done in slices so that one run
 * never holds the store for long.
 */
import type { NodeDeps } from '../deps.ts';
import type { Job } from '../jobs/job.ts';
import { advanceRouting, recallOffer } from './offer-flow.ts';

const SLICE = 100;

export async function expireOffers(deps: NodeDeps, now: Date): Promise<number> {
  let changed = 0;
  for (;;) {
    const done = await deps.store.transact(async (tx) => {
      const c = { tx, now, self: deps.nodeId, schemas: deps.schemas };
      const due = await tx.leads.listExpiredOpenOffers(now, SLICE);
      for (const offer of due) {
        await recallOffer(c, offer, 'expired');
        await advanceRouting(c, offer.leadId);
      }
      return due.length;
    });
    changed += done;
    if (done > 0) deps.notifyOutbox();
    if (done < SLICE) return changed;
  }
}

export const offerExpiryJob: Job = {
  name: 'lead-offer-expiry',
  intervalMs: 60_000,
  run: expireOffers,
};
