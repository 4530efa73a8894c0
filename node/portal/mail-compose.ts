/**
 * A queued portal notification as the mail its user gets, in the user's language as it is now;
 * a sign-in link is made only now, so that its token exists only in the mail. Loaded by the mail
 * job (mail-job.ts) with the first mail due.
 */
import type { NodeDeps } from '../deps.ts';
import { translatorFor } from '../i18n/index.ts';
import type { PortalNotification } from '../store/portal-store.ts';
import type { Mail } from './mailer.ts';
import { mailLocale } from './notifications.ts';
import { issueLinkInTx } from './portal-access.ts';
import { portalUrl } from './portal-ids.ts';
import { REQUESTED_LINK_MINUTES } from './portal-settings.ts';

/** A sign-in link asked for long ago is no longer expected: it is dropped, not sent. */
const SIGN_IN_STALE_MS = 60 * 60_000;

export async function composeMail(
  deps: NodeDeps,
  n: PortalNotification,
  now: Date,
): Promise<Mail | 'drop' | null> {
  return deps.store.transact(async (tx) => {
    const user = await tx.portal.getUser(n.userId);
    if (!user || user.revokedAt) return 'drop';
    // In the user's language as it is now (a sign-in link is composed only now).
    const { t } = translatorFor(mailLocale(user, deps.config.defaultLanguage));
    if (n.type === 'sign_in') {
      if (now.getTime() - n.createdAt.getTime() > SIGN_IN_STALE_MS) return 'drop';
      // The link is made now, so the token exists only in the mail.
      const link = await issueLinkInTx(
        tx,
        deps.nodeId,
        user,
        'request',
        now,
        new Date(now.getTime() + REQUESTED_LINK_MINUTES * 60_000),
      );
      return {
        to: user.email,
        subject: t('mail.signIn.subject'),
        text: t('mail.signIn.body', {
          name: user.name,
          minutes: REQUESTED_LINK_MINUTES,
          url: link.url,
        }),
      };
    }
    return {
      to: user.email,
      subject: n.subject,
      text: t('mail.notification', {
        name: user.name,
        body: n.body,
        url: portalUrl(deps.nodeId, n.path),
      }),
    };
  });
}
