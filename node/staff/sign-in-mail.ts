/**
 * "E-mail me a sign-in link" on the console's sign-in page. The page answers at once and the same
 * for every address; the lookup, the link and the mail happen after the answer, so neither the
 * words nor the time taken tell who has an account. A known, active person gets a one-time link
 * (stored hashed, bound to their account, short-lived, used up by the page's button), at most
 * a few per hour whoever asks; every request is recorded in the audit trail with its outcome.
 * The mail goes through the SMTP server the portal's mail uses.
 */
import type { NodeDeps } from '../deps.ts';
import { isLocale, translatorFor } from '../i18n/index.ts';
import { createMailer } from '../portal/mailer.ts';
import { readPortalSettings } from '../portal/portal-settings.ts';
import type { StaffUser } from '../store/staff-store.ts';
import type { StoreTx } from '../store/store.ts';
import { anonymousActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import { insertStaffLink } from './sign-in-links.ts';
import { isActive, normalizeEmail } from './staff-accounts.ts';

/** An e-mailed link is short-lived: mail sits in inboxes and may be read by others later. */
export const EMAILED_LINK_MINUTES = 15;
/** Links made for one person in the last hour, beyond which none is mailed (no mail bombing). */
export const EMAILED_LINKS_PER_HOUR = 3;
const HOUR_MS = 3_600_000;

export const MAIL_LINK_OPERATION = 'staff.link.email';

export type SignInMailDeps = Pick<NodeDeps, 'store' | 'clock' | 'nodeId' | 'log' | 'config'>;

/** What became of a request, as the audit trail records it; the page never shows it. */
export type SignInMailOutcome =
  'ok' | 'unknown_account' | 'link_rate_limited' | 'mail_off' | 'mail_failed';

type Prepared =
  | { outcome: Exclude<SignInMailOutcome, 'ok' | 'mail_failed'> }
  | {
      outcome: 'ok';
      user: StaffUser;
      url: string;
      smtp: NonNullable<Awaited<ReturnType<typeof readPortalSettings>>['smtp']>;
    };

/**
 * Handles one request; the page does not wait for it. Resolves with the outcome (for tests and
 * the log) and never rejects: a failure is logged and recorded.
 */
export async function mailStaffSignInLink(
  deps: SignInMailDeps,
  rawEmail: string,
  address: string,
): Promise<SignInMailOutcome> {
  const email = normalizeEmail(rawEmail);
  const now = deps.clock.now();
  const record = (tx: StoreTx, user: StaffUser | null, outcome: string, detail = {}) =>
    appendAudit(tx, {
      ...anonymousActor(address, { staffId: user?.id ?? null, email: user?.email ?? email }),
      at: now,
      operation: MAIL_LINK_OPERATION,
      record: user ? `staff/${user.id}` : null,
      outcome,
      messageIds: [],
      detail,
    });
  try {
    const prepared = await deps.store.transact(async (tx): Promise<Prepared> => {
      const user = await tx.staff.findUserByEmail(email);
      if (!isActive(user)) {
        await record(tx, null, 'unknown_account');
        return { outcome: 'unknown_account' };
      }
      const recent = await tx.staff.countLinksSince(user.id, new Date(now.getTime() - HOUR_MS));
      if (recent >= EMAILED_LINKS_PER_HOUR) {
        await record(tx, user, 'link_rate_limited');
        return { outcome: 'link_rate_limited' };
      }
      const { smtp } = await readPortalSettings(tx);
      if (smtp === null) {
        await record(tx, user, 'mail_off');
        return { outcome: 'mail_off' };
      }
      const expiresAt = new Date(now.getTime() + EMAILED_LINK_MINUTES * 60_000);
      const url = await insertStaffLink(tx, deps.nodeId, user, now, expiresAt);
      await record(tx, user, 'ok', { expiresAt: expiresAt.toISOString() });
      return { outcome: 'ok', user, url, smtp };
    });
    if (prepared.outcome !== 'ok') return prepared.outcome;
    const { user, url, smtp } = prepared;
    const { t } = translatorFor(
      isLocale(user.language) ? user.language : deps.config.defaultLanguage,
    );
    const mailer = createMailer(smtp);
    try {
      await mailer.send({
        to: user.email,
        subject: t('mail.staffSignIn.subject'),
        text: t('mail.staffSignIn.body', { name: user.name, minutes: EMAILED_LINK_MINUTES, url }),
      });
    } catch (error) {
      // The link was made but reached nobody; it expires unused. Never log the mail: it has it.
      const detail = error instanceof Error ? error.message.slice(0, 300) : 'send failed';
      deps.log.warn({ category: 'staff', staffId: user.id, detail }, 'sign-in link mail failed');
      await deps.store.transact((tx) => record(tx, user, 'mail_failed', { detail }));
      return 'mail_failed';
    } finally {
      mailer.close();
    }
    return 'ok';
  } catch (error) {
    deps.log.error({ category: 'staff', err: error }, 'could not handle a sign-in link request');
    return 'mail_failed';
  }
}
