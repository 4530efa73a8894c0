/**
 * The e-mail digest a person may choose on their account page (off by default, hourly or daily):
 * ONE mail per person and period with the notifications they have not read and no digest carried
 * yet, in their saved language, through the SMTP server and mailer the portal's mail queue uses,
 * retried with the queue's growing delay (`mailRetryAt`) and given up after as many attempts.
 * The notifications a mail carried are marked mailed in the unit of work after it was sent, so
 * none is mailed twice (a crash between sending and recording sends it again, as the queue does).
 * Without SMTP settings nothing is sent and the notifications wait in the inbox.
 */
import type { NodeDeps } from '../../deps.ts';
import type { Job } from '../../jobs/job.ts';
import { mailRetryAt } from '../../portal/mail-job.ts';
import { mailTranslator } from '../../portal/mail-translator.ts';
import { createMailer, type Mail, type Mailer } from '../../portal/mailer.ts';
import { readPortalSettings } from '../../portal/portal-settings.ts';
import type { DigestFrequency, DigestSetting } from '../../store/staff-notification-store.ts';
import { consoleBase } from '../sign-in-links.ts';
import { isActive } from '../staff-accounts.ts';
import { notificationText } from './notification-text.ts';
import { inboxScope } from './staff-inbox.ts';

export const DIGEST_INTERVAL_MS = 60_000;
/** At most this many notifications in one mail; the rest go in the next one. */
const MAX_ITEMS = 50;
const PERIOD_MS: Record<Exclude<DigestFrequency, 'off'>, number> = {
  hourly: 3_600_000,
  daily: 24 * 3_600_000,
};

/** A retry is due by its own time; otherwise a period after the last digest. */
function isDue(d: DigestSetting, now: Date): boolean {
  if (d.frequency === 'off') return false;
  if (d.attempts > 0 || d.lastSentAt === null) return true;
  return now.getTime() - d.lastSentAt.getTime() >= PERIOD_MS[d.frequency];
}

async function composeDigest(
  deps: NodeDeps,
  d: DigestSetting,
): Promise<{ mail: Mail; ids: number[] } | null> {
  return deps.store.read(async (tx) => {
    const user = await tx.staff.getUser(d.staffId);
    if (!isActive(user)) return null;
    const items = await tx.staffNotifications.listUnmailed(inboxScope(user), MAX_ITEMS);
    if (items.length === 0) return null;
    const tr = await mailTranslator(user, deps.config.defaultLanguage);
    const base = consoleBase(deps.nodeId);
    const lines = items.map(
      (n) => `- ${notificationText(n, tr)} (${tr.time(n.createdAt)})\n  ${base}${n.path}`,
    );
    const values = { name: user.name, count: items.length, vendor: deps.config.name };
    return {
      ids: items.map((n) => n.id),
      mail: {
        to: user.email,
        subject: tr.t('mail.staffDigest.subject', values),
        text: tr.t('mail.staffDigest.body', {
          ...values,
          items: lines.join('\n'),
          url: `${base}/notifications`,
          frequency: d.frequency,
        }),
      },
    };
  });
}

export async function sendStaffDigests(deps: NodeDeps, now: Date): Promise<number> {
  const { smtp } = await deps.store.read(readPortalSettings);
  if (smtp === null) return 0;
  const due = (await deps.store.read((tx) => tx.staffNotifications.listActiveDigests(now))).filter(
    (d) => isDue(d, now),
  );
  let mailer: Mailer | null = null;
  let sent = 0;
  try {
    for (const d of due) {
      const digest = await composeDigest(deps, d);
      if (digest === null) continue;
      try {
        mailer ??= createMailer(smtp);
        await mailer.send(digest.mail);
      } catch (error) {
        const detail = error instanceof Error ? error.message.slice(0, 300) : 'send failed';
        const retryAt = mailRetryAt(d.attempts + 1, now);
        await deps.store.transact(async (tx) => {
          if (retryAt) {
            await tx.staffNotifications.recordDigest(d.staffId, {
              outcome: 'failed',
              at: now,
              error: detail,
              nextAttemptAt: retryAt,
            });
            return;
          }
          // Given up: these stay in the inbox, and the next digest carries only newer ones.
          await tx.staffNotifications.markMailed(digest.ids, now);
          await tx.staffNotifications.recordDigest(d.staffId, {
            outcome: 'given_up',
            at: now,
            error: detail,
          });
        });
        deps.log.warn({ category: 'staff', staffId: d.staffId, detail }, 'staff digest failed');
        // The server is probably down: the rest waits for the next run.
        return sent;
      }
      await deps.store.transact(async (tx) => {
        await tx.staffNotifications.markMailed(digest.ids, now);
        await tx.staffNotifications.recordDigest(d.staffId, { outcome: 'sent', at: now });
      });
      sent++;
    }
    return sent;
  } finally {
    mailer?.close();
  }
}

export const staffDigestJob: Job = {
  name: 'staff-digest',
  intervalMs: DIGEST_INTERVAL_MS,
  run: sendStaffDigests,
};
