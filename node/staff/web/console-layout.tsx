/**
 * The frame of the console's pages, with the portal's stylesheet and component library: the
 * navigation lists only the areas the person's roles allow, and works without script.
 */
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import { t, useTranslator } from '../../i18n/index.ts';
import { NavList } from '../../portal/web/components.tsx';
import { sendPage } from '../../portal/web/layout.tsx';
import type { ConsoleViewer } from '../console-sessions.ts';
import { visibleAreas, type AreaKey } from './console-areas.ts';
import type { ConsoleSite } from './console-env.ts';

export { sendPage };

const TEXT = {
  brand: 'Staff console',
  skip: 'Skip to content',
  signedInAs: 'Signed in as',
  account: 'Your account and sign-out',
  code: 'Code:',
};

export const ConsoleLayout: FC<{
  site: ConsoleSite;
  title: string;
  viewer?: ConsoleViewer | null;
  area?: AreaKey;
  children?: Child;
}> = ({ site, title, viewer, area, children }) => (
  <html lang={useTranslator().locale}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · ${site.vendorName} console`}</title>
      <link rel="stylesheet" href={`${site.base}/assets/portal.css`} />
    </head>
    <body>
      <a class="skip" href="#main">
        {TEXT.skip}
      </a>
      <header class="top">
        <p class="brand">
          {site.vendorName} · {TEXT.brand}
        </p>
        {viewer && (
          <NavList
            items={visibleAreas(viewer.user).map((a) => ({
              href: `${site.base}${a.path}`,
              label: a.labelKey ? t(a.labelKey) : a.label,
              current: a.key === area,
            }))}
          />
        )}
        {viewer && (
          <form method="get" action={`${site.base}/search`} role="search" class="site-search">
            <label for="site-q">{t('console.search.label')}</label>{' '}
            <input id="site-q" name="q" type="search" maxlength={100} required />{' '}
            <button type="submit" class="secondary">
              {t('console.search.button')}
            </button>
          </form>
        )}
      </header>
      <main id="main" tabindex={-1}>
        {children}
      </main>
      {viewer && (
        <footer class="bottom">
          <p>
            {TEXT.signedInAs} {viewer.user.name} ({viewer.user.email}).{' '}
            <a href={site.base}>{TEXT.account}</a>
          </p>
        </footer>
      )}
    </body>
  </html>
);

/** A refusal shown on a page: the words for people, the stable code for support and scripts. */
export const Refusal: FC<{ code: string; message: string }> = ({ code, message }) => (
  <div class="notice error" role="alert" data-code={code}>
    <p>{message}</p>
    <p class="hint">
      {TEXT.code} {code}
    </p>
  </div>
);

/** The session's CSRF token in a form; the console checks it before calling the API. */
export const Csrf: FC<{ viewer: ConsoleViewer }> = ({ viewer }) => (
  <input type="hidden" name="_csrf" value={viewer.session.csrfToken} />
);

export const siteOf = (c: Context): ConsoleSite => c.get('site') as ConsoleSite;
