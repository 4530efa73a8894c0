/** The frame of every portal page: header and navigation, main content, and who is signed in. */
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import {
  LOCALE_NAMES,
  LOCALES,
  localeOf,
  translatorFor,
  type Translator,
} from '../../i18n/index.ts';
import type { PortalViewer } from '../sessions.ts';
import { NavList } from './components.tsx';
import type { Site } from './portal-env.ts';

export type Section =
  | 'home'
  | 'leads'
  | 'deals'
  | 'requests'
  | 'claims'
  | 'prices'
  | 'products'
  | 'accounting'
  | 'funds'
  | 'orders'
  | 'stock';

export interface PageCtx {
  site: Site;
  viewer: PortalViewer | null;
  now: Date;
  section?: Section;
  /** The request's language: texts (`tr.t`) and formats. */
  tr: Translator;
  /** The page's own path, where the language switch comes back to. */
  path: string;
}

const NAV: Array<{ section: Section; path: string }> = [
  { section: 'home', path: '/home' },
  { section: 'leads', path: '/leads' },
  { section: 'deals', path: '/deals' },
  { section: 'requests', path: '/requests' },
  { section: 'claims', path: '/claims' },
  { section: 'funds', path: '/funds' },
  { section: 'prices', path: '/price-lists' },
  { section: 'products', path: '/products' },
  { section: 'accounting', path: '/accounting' },
  { section: 'orders', path: '/orders' },
  { section: 'stock', path: '/stock' },
];

/**
 * The language switch: a form that works without JavaScript. It posts to `/language`, which saves
 * the choice for a signed-in user and sets a cookie in any case, then comes back to this page.
 */
export const LanguageSwitch: FC<{ ctx: PageCtx }> = ({ ctx }) => (
  <form method="post" action={href(ctx, '/language')} class="lang-switch">
    <CsrfInput ctx={ctx} />
    <input type="hidden" name="back" value={ctx.path} />
    <span class="visually-hidden">{ctx.tr.t('layout.language')}</span>
    {LOCALES.filter((l) => l !== ctx.tr.locale).map((l) => (
      <button type="submit" name="lang" value={l} lang={l} class="link">
        {LOCALE_NAMES[l]}
      </button>
    ))}
  </form>
);

export const href = (ctx: { site: Site }, path: string): string => `${ctx.site.base}${path}`;

export const CsrfInput: FC<{ ctx: PageCtx }> = ({ ctx }) =>
  ctx.viewer ? <input type="hidden" name="_csrf" value={ctx.viewer.session.csrfToken} /> : null;

export const Layout: FC<{ ctx: PageCtx; title: string; children?: Child }> = ({
  ctx,
  title,
  children,
}) => (
  <html lang={ctx.tr.locale}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{ctx.tr.t('layout.documentTitle', { title, vendor: ctx.site.vendorName })}</title>
      <link rel="stylesheet" href={href(ctx, '/assets/portal.css')} />
    </head>
    <body>
      <a class="skip" href="#main">
        {ctx.tr.t('layout.skip')}
      </a>
      <header class="top">
        <p class="brand">{ctx.tr.t('layout.brand', { vendor: ctx.site.vendorName })}</p>
        {ctx.viewer && (
          <NavList
            label={ctx.tr.t('layout.mainNav')}
            items={NAV.map((n) => ({
              href: href(ctx, n.path),
              label: ctx.tr.t(`nav.${n.section}`),
              current: ctx.section === n.section,
            }))}
          />
        )}
        <LanguageSwitch ctx={ctx} />
      </header>
      <main id="main" tabindex={-1}>
        {children}
      </main>
      {ctx.viewer && (
        <footer class="bottom">
          <p>
            {ctx.tr.t('layout.signedInAs', {
              name: ctx.viewer.user.name,
              email: ctx.viewer.user.email,
              partner: ctx.viewer.partner.name,
            })}
          </p>
          <p>
            <a href={href(ctx, '/history.json')}>{ctx.tr.t('layout.history')}</a>
          </p>
          <form method="post" action={href(ctx, '/sign-out')}>
            <CsrfInput ctx={ctx} />
            <button type="submit" class="secondary">
              {ctx.tr.t('layout.signOut')}
            </button>
          </form>
        </footer>
      )}
    </body>
  </html>
);

/** Sends a page: the document type, then the rendered (and escaped) tree. */
export async function sendPage(c: Context, page: unknown, status = 200): Promise<Response> {
  const body = await (page as Promise<string> | string);
  return c.html(`<!DOCTYPE html>${String(body)}`, status as 200);
}

/**
 * The page context of a request: the site, the signed-in viewer (if any), the time, and the
 * request's language (see node/i18n/request-language.ts).
 */
export function pageCtx(c: Context, now: Date, section?: Section): PageCtx {
  const site = (c.get('site') as Site | undefined) ?? {
    base: '/portal',
    vendorName: 'Partner',
    secure: false,
  };
  const viewer = (c.get('viewer') as PortalViewer | undefined) ?? null;
  const tr = translatorFor(localeOf(c));
  return { site, viewer, now, tr, path: c.req.path, ...(section && { section }) };
}
