/**
 * Tells the person whose change sent a message that a partner refused it (issue #20, defect 3):
 * one e-mail per refusal that names its sender (outbox/settle-refusals.ts), in the person's
 * language, through the SMTP server the portal's mail uses. A mail is sent at least once (a
 * crash between sending and recording it sends it again); a failed one is tried again at the
 * next runs and given up after MAX_REFUSAL_MAIL_ATTEMPTS. Without SMTP settings nothing is sent
 * and the refusals wait; the person still finds theirs on the record and with
 * `GET /api/refusals?mine=true`. It lives beside the registry because it joins the records with
 * the portal's mailer.
 */
import type { NodeDeps } from '../deps.ts';
import { createMailer, type Mail, type Mailer } from '../portal/mailer.ts';
import { mailTranslator } from '../portal/mail-translator.ts';
import { readPortalSettings } from '../portal/portal-settings.ts';
import { isActive } from '../staff/staff-accounts.ts';
import type { Refusal } from '../store/refusal-store.ts';
import type { Job } from './job.ts';

export const REFUSAL_MAIL_INTERVAL_MS = 30_000;
export const MAX_REFUSAL_MAIL_ATTEMPTS = 5;
/** A refusal older than this when mail can go out is not mailed: news that late is no news. */
const FRESH_MS = 24 * 3_600_000;
const SLICE = 20;

async function composeMail(deps: NodeDeps, r: Refusal): Promise<Mail | null> {
  return deps.store.read(async (tx) => {
    const user = r.sentBy ? await tx.staff.getUser(r.sentBy) : null;
    // Someone who left is not written to; the operator still sees the refusal.
    if (!isActive(user)) return null;
    const partner = await tx.partners.getById(r.partnerId);
    const tr = await mailTranslator(user, deps.config.defaultLanguage);
    const values = {
      name: user.name,
      partner: partner?.name ?? partner?.nodeId ?? String(r.partnerId),
      kind: r.kind,
      record: r.recordKind && r.recordId ? `${r.recordKind} ${r.recordId}` : r.kind,
      time: tr.time(r.at),
      code: r.code,
      reason: r.reason,
    };
    return {
      to: user.email,
      subject: tr.t('mail.refused.subject', values),
      text: tr.t('mail.refused.body', values),
    };
  });
}

export async function mailRefusals(deps: NodeDeps, now: Date): Promise<number> {
  const { smtp } = await deps.store.read(readPortalSettings);
  if (smtp === null) return 0;
  const since = new Date(now.getTime() - FRESH_MS);
  let mailer: Mailer | null = null;
  let sent = 0;
  try {
    for (;;) {
      const due = await deps.store.read((tx) => tx.refusals.dueMail(since, SLICE));
      for (const r of due) {
        const mail = await composeMail(deps, r);
        if (mail === null) {
          await deps.store.transact((tx) =>
            tx.refusals.markMail(r.id, now, { sent: false, giveUp: true }),
          );
          continue;
        }
        try {
          mailer ??= createMailer(smtp);
          await mailer.send(mail);
          await deps.store.transact((tx) => tx.refusals.markMail(r.id, now, { sent: true }));
          sent++;
        } catch (error) {
          const giveUp = r.mailAttempts + 1 >= MAX_REFUSAL_MAIL_ATTEMPTS;
          await deps.store.transact((tx) =>
            tx.refusals.markMail(r.id, now, { sent: false, giveUp }),
          );
          deps.log.warn(
            {
              category: 'refusals',
              refusal: r.id,
              detail: error instanceof Error ? error.message.slice(0, 300) : 'send failed',
            },
            'refusal e-mail failed',
          );
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

export const refusalMailJob: Job = {
  name: 'refusal-mail',
  intervalMs: REFUSAL_MAIL_INTERVAL_MS,
  run: mailRefusals,
};
