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
import { queueForUsers } from '../portal/notifications.ts';
import { respondBy } from '../service/agreements.ts';
import type { Job } from './job.ts';

export const RESPONSE_SLA_JOB_INTERVAL_MS = 60_000;
/** Breaches handled per run; the rest wait for the next run (a minute later). */
const BATCH = 200;

export async function markResponseBreaches(deps: NodeDeps, now: Date): Promise<number> {
  return deps.store.transact(async (tx) => {
    let marked = 0;
    for (const request of await tx.service.listResponseBreaches(now, BATCH)) {
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
