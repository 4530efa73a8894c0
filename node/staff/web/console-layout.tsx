/**
 * The frame of the console's pages, with the portal's stylesheet and component library: the
 * navigation lists only the areas the person's roles allow, and works without script. Every page
 * is in the person's language (node/i18n: their account's language, else the switch's cookie,
 * else `Accept-Language`, else the node's `defaultLanguage`) and carries the language switch.
 */
import type { Context } from 'hono';
import { tryGetContext } from 'hono/context-storage';
import type { Child, FC } from 'hono/jsx';
import { CATALOGS } from '../../i18n/locales.ts';
import { LOCALE_NAMES, LOCALES, t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { NavList } from '../../portal/web/components.tsx';
import { sendPage } from '../../portal/web/layout.tsx';
import type { ConsoleViewer } from '../console-sessions.ts';
import { visibleAreas, type AreaKey } from '../console-areas.ts';
import type { ConsoleEnv, ConsoleSite } from './console-env.ts';

export { sendPage };

/** Each area's name in the navigation (the areas' own labels are the English names). */
export const AREA_LABELS: Record<AreaKey, MessageKey> = {
  today: 'console.nav.today',
  partners: 'console.nav.partners',
  leads: 'console.nav.leads',
  deals: 'console.nav.deals',
  service: 'console.nav.service',
  orders: 'console.nav.orders',
  catalog: 'console.nav.catalog',
  funds: 'console.nav.funds',
  inventory: 'console.nav.inventory',
  messages: 'console.nav.messages',
  settings: 'console.nav.settings',
};

/**
 * The language switch: a form that works without script. Signed in, it carries the session's
 * CSRF token and the choice is saved on the account (console-language-route.ts).
 */
const ConsoleLanguageSwitch: FC<{ site: ConsoleSite; viewer?: ConsoleViewer | null }> = ({
  site,
  viewer,
}) => {
  const locale = useTranslator().locale;
  const back = tryGetContext()?.req.path ?? site.base;
  return (
    <form method="post" action={`${site.base}/language`} class="lang-switch">
      {viewer && <input type="hidden" name="_csrf" value={viewer.session.csrfToken} />}
      <input type="hidden" name="back" value={back} />
      <span class="visually-hidden">{t('layout.language')}</span>
      {LOCALES.filter((l) => l !== locale).map((l) => (
        <button type="submit" name="lang" value={l} lang={l} class="link">
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </form>
  );
};

/**
 * The link to the person's notifications with their unread count, on every page beside the
 * areas' navigation (a landmark of its own: it is the person's, not an area).
 */
const InboxLink: FC<{ site: ConsoleSite; current: boolean }> = ({ site, current }) => {
  const unread = tryGetContext<ConsoleEnv>()?.var.unreadNotifications ?? 0;
  return (
    <nav aria-label={t('console.notifications.title')} class="inbox-link">
      <a href={`${site.base}/notifications`} aria-current={current ? 'page' : undefined}>
        {t('console.notifications.nav', { count: unread })}
      </a>
    </nav>
  );
};

export const ConsoleLayout: FC<{
  site: ConsoleSite;
  title: string;
  viewer?: ConsoleViewer | null;
  /** The area the page belongs to, or the person's own notifications. */
  area?: AreaKey | 'notifications';
  children?: Child;
}> = ({ site, title, viewer, area, children }) => (
  <html lang={useTranslator().locale}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{t('console.documentTitle', { title, vendor: site.vendorName })}</title>
      <link rel="stylesheet" href={`${site.base}/assets/portal.css`} />
    </head>
    <body>
      <a class="skip" href="#main">
        {t('layout.skip')}
      </a>
      <header class="top">
        <p class="brand">{t('console.brand', { vendor: site.vendorName })}</p>
        {viewer && (
          <NavList
            label={t('layout.mainNav')}
            items={visibleAreas(viewer.user).map((a) => ({
              href: `${site.base}${a.path}`,
              label: t(AREA_LABELS[a.key]),
              current: a.key === area,
            }))}
          />
        )}
        {viewer && <InboxLink site={site} current={area === 'notifications'} />}
        {viewer && (
          <form method="get" action={`${site.base}/search`} role="search" class="site-search">
            <label for="site-q">{t('console.search.label')}</label>{' '}
            <input id="site-q" name="q" type="search" maxlength={100} required />{' '}
            <button type="submit" class="secondary">
              {t('console.search.button')}
            </button>
          </form>
        )}
        <ConsoleLanguageSwitch site={site} viewer={viewer} />
      </header>
      <main id="main" tabindex={-1}>
        {children}
      </main>
      {viewer && (
        <footer class="bottom">
          <p>
            {t('console.signedInAs', { name: viewer.user.name, email: viewer.user.email })}{' '}
            <a href={site.base}>{t('console.account')}</a>
          </p>
        </footer>
      )}
    </body>
  </html>
);

/**
 * The words for an admin API refusal, by its stable code, in the page's language: English pages
 * show the API's own message; others the catalog's `refusal.<code>`, else general words. The
 * code itself is shown beside them for support and scripts.
 */
export function refusalWords(code: string, message: string): string {
  const tr = useTranslator();
  if (tr.locale === 'en') return message;
  const key = `refusal.${code}`;
  return key in CATALOGS[tr.locale] ? tr.t(key as MessageKey) : tr.t('console.refused');
}

/**
 * A refusal shown on a page: the words for people (already in the page's language; an API's
 * message goes through `refusalWords`), the stable code for support and scripts.
 */
export const Refusal: FC<{ code: string; message: string }> = ({ code, message }) => (
  <div class="notice error" role="alert" data-code={code}>
    <p>{message}</p>
    <p class="hint">{t('console.code', { code })}</p>
  </div>
);

/** The session's CSRF token in a form; the console checks it before calling the API. */
export const Csrf: FC<{ viewer: ConsoleViewer }> = ({ viewer }) => (
  <input type="hidden" name="_csrf" value={viewer.session.csrfToken} />
);

export const siteOf = (c: Context): ConsoleSite => c.get('site') as ConsoleSite;
