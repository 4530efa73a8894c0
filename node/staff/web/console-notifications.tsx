/**
 * The person's notifications (node/staff/notifications): newest first in keyset pages, each with
 * its record's link and a "mark read" form, a "mark all read" form, and the e-mail digest setting
 * shown on their account page. Every form carries the session's CSRF token and works without
 * script. A person's inbox is their own: nothing here needs an area role, and each notification
 * is shown only while the reader's roles see its area (staff-inbox.ts).
 */
import { Hono, type Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { AppDeps } from '../../app.ts';
import { AppError } from '../../errors.ts';
import { t, useTranslator } from '../../i18n/index.ts';
import { NextPage, SelectField } from '../../portal/web/components.tsx';
import type { DigestFrequency } from '../../store/staff-notification-store.ts';
import { clientAddressOf } from '../../http/client-address.ts';
import { actorOf } from '../audit-actor.ts';
import type { ConsoleViewer } from '../console-sessions.ts';
import { notificationText } from '../notifications/notification-text.ts';
import {
  markOwnRead,
  parseDigestFrequency,
  parseNotificationId,
  readInbox,
  setOwnDigest,
} from '../notifications/staff-inbox.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { principalOfViewer, type ConsoleEnv, type ConsoleSite } from './console-env.ts';
import { ConsoleLayout, Csrf, Refusal, refusalWords, sendPage, siteOf } from './console-layout.tsx';

export const NOTIFICATIONS_PATH = '/notifications';

/** The digest setting on the person's account page (console-home.tsx). */
export const DigestSettingForm: FC<{
  site: ConsoleSite;
  viewer: ConsoleViewer;
  frequency: DigestFrequency;
}> = ({ site, viewer, frequency }) => (
  <section aria-labelledby="digest-title">
    <h2 id="digest-title">{t('console.digest.title')}</h2>
    <form method="post" action={`${site.base}${NOTIFICATIONS_PATH}/digest`}>
      <Csrf viewer={viewer} />
      <SelectField
        name="frequency"
        label={t('console.digest.legend')}
        hint={t('console.digest.intro')}
        value={frequency}
        required
        options={[
          ['off', t('console.digest.off')],
          ['hourly', t('console.digest.hourly')],
          ['daily', t('console.digest.daily')],
        ]}
      />
      <button type="submit">{t('console.digest.save')}</button>
    </form>
  </section>
);

export function createNotificationPages(deps: AppDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const clientAddress = clientAddressOf(deps.config.trustedProxies);
  const inboxUrl = (base: string, query = '') => `${base}${NOTIFICATIONS_PATH}${query}`;

  app.get(NOTIFICATIONS_PATH, async (c) => {
    const site = siteOf(c);
    const viewer = c.var.staffViewer;
    const raw = c.req.query('before');
    const before = raw !== undefined && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : undefined;
    const page = await readInbox(deps, viewer.user, before);
    const marked = c.req.query('marked');
    const tr = useTranslator();
    return sendPage(
      c,
      <ConsoleLayout
        site={site}
        title={t('console.notifications.title')}
        viewer={viewer}
        area="notifications"
      >
        <h1>{t('console.notifications.title')}</h1>
        {marked !== undefined && /^[0-9]{1,6}$/.test(marked) && (
          <div class="notice done" role="status">
            <p>{t('console.notifications.marked', { count: Number(marked) })}</p>
          </div>
        )}
        <p>{t('console.notifications.intro')}</p>
        <p id="unread-count" data-unread={page.unread}>
          {t('console.notifications.unreadCount', { count: page.unread })}
        </p>
        {page.unread > 0 && (
          <form method="post" action={inboxUrl(site.base, '/read-all')}>
            <Csrf viewer={viewer} />
            <button type="submit" class="secondary">
              {t('console.notifications.markAllRead')}
            </button>
          </form>
        )}
        {page.notifications.length === 0 && <p>{t('console.notifications.none')}</p>}
        <ul class="cards" id="notifications">
          {page.notifications.map((n) => (
            <li
              class="card"
              data-notification={n.type}
              data-id={n.id}
              data-read={n.readAt ? 'true' : 'false'}
            >
              <p>
                <span class="status">
                  {n.readAt ? t('console.notifications.read') : t('console.notifications.unread')}
                </span>{' '}
                <span class="muted">{tr.time(n.createdAt)}</span>
              </p>
              <p>{notificationText(n, tr)}</p>
              <p>
                <a href={`${site.base}${n.path}`}>{t('console.notifications.open')}</a>
              </p>
              {!n.readAt && (
                <form method="post" action={inboxUrl(site.base, '/read')}>
                  <Csrf viewer={viewer} />
                  <input type="hidden" name="id" value={String(n.id)} />
                  <button type="submit" class="secondary">
                    {t('console.notifications.markRead')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {before !== undefined && (
          <p class="pager">
            <a href={inboxUrl(site.base)}>{t('console.notifications.newest')}</a>
          </p>
        )}
        <NextPage
          href={page.next === null ? null : inboxUrl(site.base, `?before=${page.next}`)}
          label={t('console.notifications.older')}
        />
      </ConsoleLayout>,
    );
  });

  const marked = (base: string, count: number) => inboxUrl(base, `?marked=${count}`);

  /** A forged or stale form: the refusal with its code, on the inbox's frame. */
  const refused = (c: Context<ConsoleEnv>, error: AppError) =>
    sendPage(
      c,
      <ConsoleLayout
        site={siteOf(c)}
        title={t('console.notifications.title')}
        viewer={c.var.staffViewer}
        area="notifications"
      >
        <h1>{t('console.notifications.title')}</h1>
        <Refusal code={error.code} message={refusalWords(error.code, error.message)} />
      </ConsoleLayout>,
      error.status,
    );
  const orRefused = async (c: Context<ConsoleEnv>, fn: () => Promise<Response>) => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return refused(c, error);
      throw error;
    }
  };

  app.post(`${NOTIFICATIONS_PATH}/read`, consoleFormBody(), csrfCheck(), (c) =>
    orRefused(c, async () => {
      const id = parseNotificationId(c.var.form.id);
      const count = await markOwnRead(deps, c.var.staffViewer.user, [id]);
      return c.redirect(marked(siteOf(c).base, count), 303);
    }),
  );

  app.post(`${NOTIFICATIONS_PATH}/read-all`, consoleFormBody(), csrfCheck(), async (c) => {
    const count = await markOwnRead(deps, c.var.staffViewer.user, 'all');
    return c.redirect(marked(siteOf(c).base, count), 303);
  });

  app.post(`${NOTIFICATIONS_PATH}/digest`, consoleFormBody(), csrfCheck(), (c) =>
    orRefused(c, async () => {
      const viewer = c.var.staffViewer;
      // The form offers only its three values; anything else is a forged or stale form.
      const frequency = parseDigestFrequency(c.var.form.frequency);
      const actor = actorOf(principalOfViewer(viewer), clientAddress(c));
      await setOwnDigest(deps, viewer.user, frequency, actor);
      return c.redirect(`${siteOf(c).base}?done=digest`, 303);
    }),
  );

  return app;
}
