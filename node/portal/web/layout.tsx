/** The frame of every portal page: header and navigation, main content, and who is signed in. */
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
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
  | 'funds'
  | 'orders'
  | 'stock';

export interface PageCtx {
  site: Site;
  viewer: PortalViewer | null;
  now: Date;
  section?: Section;
}

const NAV: Array<{ section: Section; path: string; label: string }> = [
  { section: 'home', path: '/home', label: 'Overview' },
  { section: 'leads', path: '/leads', label: 'Leads' },
  { section: 'deals', path: '/deals', label: 'Deals' },
  { section: 'requests', path: '/requests', label: 'Service requests' },
  { section: 'claims', path: '/claims', label: 'Warranty claims' },
  { section: 'funds', path: '/funds', label: 'Marketing funds' },
  { section: 'prices', path: '/price-lists', label: 'Price lists' },
  { section: 'products', path: '/products', label: 'Products' },
  { section: 'orders', path: '/orders', label: 'Orders' },
  { section: 'stock', path: '/stock', label: 'Stock' },
];

export const href = (ctx: { site: Site }, path: string): string => `${ctx.site.base}${path}`;

export const CsrfInput: FC<{ ctx: PageCtx }> = ({ ctx }) =>
  ctx.viewer ? <input type="hidden" name="_csrf" value={ctx.viewer.session.csrfToken} /> : null;

export const Layout: FC<{ ctx: PageCtx; title: string; children?: Child }> = ({
  ctx,
  title,
  children,
}) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · ${ctx.site.vendorName} partner portal`}</title>
      <link rel="stylesheet" href={href(ctx, '/assets/portal.css')} />
    </head>
    <body>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <p class="brand">{ctx.site.vendorName} · Partner portal</p>
        {ctx.viewer && (
          <NavList
            items={NAV.map((n) => ({
              href: href(ctx, n.path),
              label: n.label,
              current: ctx.section === n.section,
            }))}
          />
        )}
      </header>
      <main id="main" tabindex={-1}>
        {children}
      </main>
      {ctx.viewer && (
        <footer class="bottom">
          <p>
            Signed in as {ctx.viewer.user.name} ({ctx.viewer.user.email}) for{' '}
            {ctx.viewer.partner.name}.
          </p>
          <p>
            <a href={href(ctx, '/history.json')}>Download your message history</a>
          </p>
          <form method="post" action={href(ctx, '/sign-out')}>
            <CsrfInput ctx={ctx} />
            <button type="submit" class="secondary">
              Sign out
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

/** The page context of a request: the site, the signed-in viewer (if any), the time. */
export function pageCtx(c: Context, now: Date, section?: Section): PageCtx {
  const site = (c.get('site') as Site | undefined) ?? {
    base: '/portal',
    vendorName: 'Partner',
    secure: false,
  };
  const viewer = (c.get('viewer') as PortalViewer | undefined) ?? null;
  return { site, viewer, now, ...(section && { section }) };
}
