/**
 * Reminds portal users of lead offers about to expire: once per offer, when what is left of its
 * window falls to a quarter of it or to a day, whichever is shorter.
 */
import type { NodeDeps } from '../deps.ts';
import type { Job } from '../jobs/job.ts';
import { once } from '../load-once.ts';
import type { LeadOffer } from '../store/lead-store.ts';

/** The mail texts (every language's catalog): loaded with the first reminder due. */
const loadNotifications = once(() => import('./notifications.ts'));

const DAY_MS = 24 * 3600_000;

/** Whether an open offer is due its reminder at `now` (and has not expired yet). */
export function reminderDue(offer: Pick<LeadOffer, 'offeredAt' | 'expiresAt'>, now: Date): boolean {
  const left = offer.expiresAt.getTime() - now.getTime();
  if (left <= 0) return false;
  const window = offer.expiresAt.getTime() - offer.offeredAt.getTime();
  return left <= Math.min(DAY_MS, window / 4);
}

export async function remindExpiringOffers(deps: NodeDeps, now: Date): Promise<number> {
  return deps.store.transact(async (tx) => {
    let queued = 0;
    for (const portal of await tx.portal.listPartners()) {
      if (portal.revokedAt) continue;
      const offers = await tx.leads.listOfferFacts({ partnerId: portal.partnerId, status: 'open' });
      for (const offer of offers.filter((o) => reminderDue(o, now))) {
        const lead = await tx.leads.getLead(offer.leadId);
        if (!lead) continue;
        const { queueForUsers } = await loadNotifications();
        queued += await queueForUsers(
          tx,
          portal.partnerId,
          (tr) => ({
            type: 'lead_expiring',
            dedupeKey: `lead_expiring:${offer.seq}`,
            subject: tr.t('mail.leadExpiring.subject', { company: lead.company }),
            body: tr.t('mail.leadExpiring.body', {
              company: lead.company,
              time: tr.time(offer.expiresAt),
            }),
            path: `/leads/${encodeURIComponent(lead.id)}`,
          }),
          now,
          deps.config.defaultLanguage,
        );
      }
    }
    return queued;
  });
}

export const leadReminderJob: Job = {
  name: 'portal-lead-reminders',
  intervalMs: 5 * 60_000,
  run: remindExpiringOffers,
};
