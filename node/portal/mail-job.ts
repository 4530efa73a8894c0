/**
 * Sends queued portal notifications through the operator's SMTP server. Without SMTP settings
 * the node says so at start (log and `serve` banner, see `portalMailWarning`) or at the job's first
 * run, and the notifications wait in the queue (admin API `GET /api/portal/notifications`, CLI
 * `portal notifications`). A failed mail is retried with a
 * growing delay and given up after a few attempts; a mail is sent at least once (a crash between
 * sending and recording it sends it again).
 */
import type { NodeDeps } from '../deps.ts';
import type { Job } from '../jobs/job.ts';
import { once } from '../load-once.ts';
import { readPortalSettings } from './portal-settings.ts';
import { createMailer, type Mailer } from './mailer.ts';

const SLICE = 20;
export const MAX_MAIL_ATTEMPTS = 6;

/**
 * What writes a mail (sign-in links, the user's language): loaded with the first mail due, so
 * that the job's runs that find nothing to send, and the start-up warning, load none of it.
 */
const loadComposer = once(async () => (await import('./mail-compose.ts')).composeMail);

/** The n-th failed attempt waits 1, 2, 4… minutes, at most 2 hours; null: give up. */
export function mailRetryAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_MAIL_ATTEMPTS) return null;
  return new Date(now.getTime() + Math.min(2 ** (attempts - 1), 120) * 60_000);
}

// What the log last said about e-mail, per node: said again only when it changes.
const announced = new WeakMap<NodeDeps, 'off' | 'on'>();

const SET_SMTP =
  'set them with `partner-sync portal settings --smtp-host HOST --smtp-from ADDRESS` or PATCH /api/portal/settings';
const SEE_QUEUE =
  'see the queue with `partner-sync portal notifications --state queued` or GET /api/portal/notifications?state=queued';

function announce(deps: NodeDeps, state: 'off' | 'on', queued: number): void {
  if (announced.get(deps) === state) return;
  announced.set(deps, state);
  if (state === 'off') {
    deps.log.warn(
      { category: 'portal', queued },
      `portal e-mail is off: no SMTP settings (${SET_SMTP}); notifications wait in the queue (${SEE_QUEUE})`,
    );
  } else {
    deps.log.info({ category: 'portal' }, 'portal e-mail is on');
  }
}

/**
 * Said once when the node starts: without SMTP settings, while portal partners have access, their
 * users get no sign-in links and no news. Logged, and returned for the `serve` banner; null when
 * e-mail is set up or nobody uses the portal (the mail job still says so at its first run then).
 */
export async function portalMailWarning(deps: NodeDeps): Promise<string | null> {
  const { smtp, partners, queued } = await deps.store.read(async (tx) => ({
    smtp: (await readPortalSettings(tx)).smtp,
    partners: (await tx.portal.listPartners()).filter((p) => p.revokedAt === null).length,
    queued: await tx.portal.countQueued(),
  }));
  if (smtp !== null || partners === 0) return null;
  announced.set(deps, 'off');
  const text =
    `portal e-mail is off: no SMTP settings, though ${partners} portal partner${partners === 1 ? ' has' : 's have'} access; ` +
    `users get no sign-in links or notifications, ${queued} wait${queued === 1 ? 's' : ''} in the queue. ` +
    `${SET_SMTP[0]!.toUpperCase()}${SET_SMTP.slice(1)}; ${SEE_QUEUE}.`;
  deps.log.warn({ category: 'portal', partners, queued }, text);
  return text;
}

export async function sendQueuedMail(deps: NodeDeps, now: Date): Promise<number> {
  const settings = await deps.store.read(readPortalSettings);
  if (settings.smtp === null) {
    announce(deps, 'off', await deps.store.read((tx) => tx.portal.countQueued()));
    return 0;
  }
  announce(deps, 'on', 0);
  let mailer: Mailer | null = null;
  let sent = 0;
  try {
    for (;;) {
      const due = await deps.store.read((tx) => tx.portal.dueNotifications(now, SLICE));
      if (due.length === 0) return sent;
      const composeMail = await loadComposer();
      for (const n of due) {
        const mail = await composeMail(deps, n, now);
        if (mail === 'drop' || mail === null) {
          await deps.store.transact((tx) =>
            tx.portal.markNotificationFailed(n.id, {
              at: now,
              error: 'no longer wanted',
              retryAt: null,
            }),
          );
          continue;
        }
        try {
          mailer ??= createMailer(settings.smtp);
          await mailer.send(mail);
          await deps.store.transact((tx) => tx.portal.markNotificationSent(n.id, now));
          sent++;
        } catch (error) {
          const detail = error instanceof Error ? error.message.slice(0, 300) : 'send failed';
          const retryAt = mailRetryAt(n.attempts + 1, now);
          await deps.store.transact((tx) =>
            tx.portal.markNotificationFailed(n.id, { at: now, error: detail, retryAt }),
          );
          deps.log.warn({ category: 'portal', notification: n.id, detail }, 'portal e-mail failed');
          // The server is probably down: the rest waits for the next run.
          return sent;
        }
      }
      if (due.length < SLICE) return sent;
    }
  } finally {
    mailer?.close();
  }
}

export const portalMailJob: Job = {
  name: 'portal-mail',
  intervalMs: 5_000,
  run: sendQueuedMail,
};
