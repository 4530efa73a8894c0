/**
 * Enforces the response target of service agreements (shared services, PROTOCOL.md 10.4): a
 * request opened with us that got no answer from us within the agreement's `responseHours` is
 * marked breached, once. The mark, a timeline entry and the domain event
 * `service_request.response_breached` (for integrations) are written in one unit of work, and
 * the opener's portal users, when the opener works on our portal, are told by e-mail. The view's
 * `respondBy` is computed from the clock; the job gives the breach its moment and its record.
 * It lives here, beside the registry, because it joins the service domain and the portal's mail.
 */
import type { NodeDeps } from '../deps.ts';
import { once } from '../load-once.ts';
import type { Job } from './job.ts';

export const RESPONSE_SLA_JOB_INTERVAL_MS = 60_000;
/** Breaches handled per run; the rest wait for the next run (a minute later). */
const BATCH = 200;

/**
 * The agreements' rules and the portal's mail texts (zod schemas, every language's catalog):
 * loaded with the first breach, so that the runs that find none load neither.
 */
const loadBreachCode = once(() =>
  Promise.all([import('../service/agreements.ts'), import('../portal/notifications.ts')]),
);

export async function markResponseBreaches(deps: NodeDeps, now: Date): Promise<number> {
  return deps.store.transact(async (tx) => {
    let marked = 0;
    const breaches = await tx.service.listResponseBreaches(now, BATCH);
    if (breaches.length === 0) return marked;
    const [{ respondBy }, { queueForUsers }] = await loadBreachCode();
    for (const request of breaches) {
      if (!(await tx.service.markResponseBreached(request.id, now))) continue;
      marked++;
      const agreement = await tx.sharedServices.agreementOf(request.partnerId);
      const due = respondBy(agreement, request.createdAt) ?? now;
      await tx.service.addEvent({
        requestRowId: request.id,
        type: 'response_breached',
        side: 'system',
        byNodeId: null,
        at: now,
        messageId: null,
        version: null,
        status: request.status,
        comment: null,
        reason: null,
        recordedAt: now,
      });
      // Only a portal partner reads our mail; a partner with a node sees it on its own clock.
      await queueForUsers(
        tx,
        request.partnerId,
        (tr) => ({
          type: 'request_response_late',
          dedupeKey: `request_response_late:${request.id}`,
          subject: tr.t('mail.responseLate.subject', { subject: request.subject }),
          body: tr.t('mail.responseLate.body', {
            subject: request.subject,
            hours: agreement?.responseHours ?? 0,
            time: tr.time(due),
          }),
          path: `/requests/${encodeURIComponent(request.requestId)}`,
        }),
        now,
        deps.config.defaultLanguage,
      );
    }
    return marked;
  });
}

export const responseSlaJob: Job = {
  name: 'service-response-sla',
  intervalMs: RESPONSE_SLA_JOB_INTERVAL_MS,
  run: markResponseBreaches,
};
