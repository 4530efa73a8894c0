/**
 * The partner portal's web pages, mounted at /portal: server-rendered, usable without JavaScript.
 * Every page but sign-in and the stylesheet needs a session, every form a CSRF token, and every
 * answer carries the security headers.
 */
import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import { requestLanguage, t } from '../i18n/index.ts';
import type { ActDeps } from './act-as-partner.ts';
import { exportHistory } from './export-history.ts';
import { portalNodeId } from './portal-ids.ts';
import { portalActionLimit } from './web/action-limit.tsx';
import { PORTAL_CSS } from './web/assets.ts';
import { createCatalogRoutes } from './web/catalog-routes.tsx';
import { createDealRoutes } from './web/deal-routes.tsx';
import { createFundRoutes } from './web/funds-routes.tsx';
import { errorPage, refusalMessage } from './web/error-page.tsx';
import { createLanguageRoute } from './web/language-route.ts';
import { HomePage } from './web/home-page.tsx';
import { pageCtx, sendPage } from './web/layout.tsx';
import { createLeadRoutes } from './web/lead-routes.tsx';
import { createOrderRoutes } from './web/orders-routes.tsx';
import type { OfferedLead } from './web/lead-pages.tsx';
import type { PortalEnv, Site } from './web/portal-env.ts';
import { portalSecurityHeaders } from './web/security-headers.ts';
import { createServiceRoutes } from './web/service-routes.tsx';
import { requireViewer } from './web/session-guard.ts';
import { createSignInLimiter } from './web/sign-in-limit.ts';
import { createSignInRoutes } from './web/sign-in-routes.tsx';
import { createStockRoutes } from './web/stock-routes.tsx';
import { redactPath } from '../http/redact-secrets.ts';
import { PENDING_STATUSES } from '../deals/deal-status.ts';
import { pageOwnedLeads } from '../leads/lead-queries.ts';

/** Records of each kind the home page's overview reads. */
const HOME_LIMIT = 100;

export function createPortalRoutes(deps: ActDeps): Hono<PortalEnv> {
  const url = new URL(deps.nodeId);
  const site: Site = {
    base: `${url.pathname.replace(/\/$/, '')}/portal`,
    vendorName: deps.config.name,
    secure: url.protocol === 'https:',
  };
  const app = new Hono<PortalEnv>();
  // First: every page, error page and form check below reads the request's language from here.
  app.use('*', requestLanguage(deps.config.defaultLanguage));
  app.use('*', portalSecurityHeaders());
  app.use('*', async function portalSiteMiddleware(c, next) {
    c.set('site', site);
    await next();
  });

  app.get('/assets/portal.css', (c) =>
    c.body(PORTAL_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );

  // A portal partner's public key, where its node id says a node publishes it.
  app.get('/partners/:uid/jwks.json', async (c) => {
    const uid = c.req.param('uid');
    if (!/^[0-9a-f-]{36}$/.test(uid))
      return c.json({ error: { code: 'not_found', message: 'no such portal partner' } }, 404);
    const partner = await deps.store.read((tx) =>
      tx.partners.getByNodeId(portalNodeId(deps.nodeId, uid)),
    );
    if (!partner)
      return c.json({ error: { code: 'not_found', message: 'no such portal partner' } }, 404);
    return c.json({ keys: partner.keys });
  });

  app.route('/', createSignInRoutes(deps, createSignInLimiter(deps, deps.config.trustedProxies)));
  app.route('/', createLanguageRoute(deps));
  app.get('/', (c) => c.redirect(`${site.base}/home`, 303));

  // Everything below needs a signed-in viewer.
  const pages = new Hono<PortalEnv>();
  pages.use('*', requireViewer(deps));
  pages.use('*', portalActionLimit(deps.clock));
  pages.get('/home', async (c) => {
    const partnerId = c.var.viewer.partner.id;
    const now = deps.clock.now();
    const overview = await deps.store.read(async (tx) => {
      // Only what the overview shows, each filtered in the query: reading the newest records of
      // any status hid an open lead or a waiting registration behind newer ones.
      const leads: OfferedLead[] = [];
      for (const state of ['open', 'accepted'] as const) {
        const page = await pageOwnedLeads(
          tx,
          { partnerId, partnerOffer: { state, now } },
          { limit: HOME_LIMIT },
        );
        for (const lead of page.leads) {
          const offer = await tx.leads.latestOffer(lead.id, partnerId);
          if (offer) leads.push({ lead, offer });
        }
      }
      const deals = [];
      for (const status of PENDING_STATUSES) {
        deals.push(
          ...(await tx.deals.list(
            { role: 'vendor', partnerId, now, status },
            { limit: HOME_LIMIT },
          )),
        );
      }
      const requests = [];
      for (const status of ['open', 'in_progress', 'waiting'] as const) {
        requests.push(
          ...(await tx.service.listRequests({ partnerId, status }, { limit: HOME_LIMIT })),
        );
      }
      return {
        leads,
        deals,
        requests,
        // What the vendor sent; the user's own sign-in requests are not news.
        notifications: (
          await tx.portal.listNotifications({ userId: c.var.viewer.user.id }, { limit: 20 })
        )
          .filter((n) => n.type !== 'sign_in')
          .slice(0, 10),
      };
    });
    return sendPage(c, <HomePage ctx={pageCtx(c, now, 'home')} overview={overview} />);
  });
  pages.get('/history.json', async (c) => {
    const history = await exportHistory(deps, c.var.viewer.partner);
    c.header('Content-Disposition', 'attachment; filename="partner-sync-history.json"');
    return c.json(history);
  });
  pages.route('/', createLeadRoutes(deps));
  pages.route('/', createDealRoutes(deps));
  pages.route('/', createServiceRoutes(deps));
  pages.route('/', createCatalogRoutes(deps));
  pages.route('/', createFundRoutes(deps));
  pages.route('/', createOrderRoutes(deps));
  pages.route('/', createStockRoutes(deps));
  app.route('/', pages);

  app.all('*', (c) => errorPage(c, 404, t('error.noSuchPage')));
  app.onError((error, c) => {
    if (error instanceof AppError && error.status < 500)
      return errorPage(c, error.status, refusalMessage(c, error));
    deps.log.error({ err: error, path: redactPath(c.req.path) }, 'portal request failed');
    return errorPage(c, 500, t('error.internal'));
  });
  return app;
}
