/**
 * The staff console, mounted at /console: sign-in pages, then (behind a session) a first page
 * with the person's name, roles and account security, and sign-out. Every answer carries the
 * portal's security headers, every form a CSRF token, and every change is audited.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { routePath } from 'hono/route';
import type { AppDeps } from '../../app.ts';
import { AppError } from '../../errors.ts';
import { requestLanguage, setSavedLanguage, t } from '../../i18n/index.ts';
import { clientAddressOf } from '../../http/client-address.ts';
import { PORTAL_CSS } from '../../portal/web/assets.ts';
import { errorPage } from '../../portal/web/error-page.tsx';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { portalSecurityHeaders } from '../../portal/web/security-headers.ts';
import {
  disableOwnTotp,
  enableOwnTotp,
  setOwnPassword,
  signOutEverywhere,
} from '../account-security.ts';
import { actorOf, type AuditActor } from '../audit-actor.ts';
import { appendAudit } from '../audit-chain.ts';
import { STAFF_CODES } from '../staff-errors.ts';
import { CONSOLE_SESSION_COOKIE, consoleViewerOf, endConsoleSession } from '../console-sessions.ts';
import { newTotpKey, totpKeyText, totpUri } from '../totp.ts';
import { inProcessAdminApi } from './console-api.ts';
import { createDealPages } from './console-deals.tsx';
import { ConsoleHome } from './console-home.tsx';
import { createLeadPages } from './console-leads.tsx';
import { createOrderPages } from './console-orders.tsx';
import { createCatalogPages } from './console-catalog.tsx';
import { createFundsPages } from './console-funds.tsx';
import { createAllocationPages } from './console-fund-allocation.tsx';
import { createInventoryPages } from './console-inventory.tsx';
import { createMessagePages } from './console-messages.tsx';
import { createSettingsPages } from './console-settings.tsx';
import { createSearchPage } from './console-search.tsx';
import { createPartnerPages } from './console-partners.tsx';
import { createServicePages } from './console-service.tsx';
import { createTodayRoutes } from './console-today.tsx';
import { createMyRefusalPages } from './console-my-refusals.tsx';
import { createNotificationPages } from './console-notifications.tsx';
import { digestFrequencyOf, unreadCount } from '../notifications/staff-inbox.ts';
import { clearConsoleSession } from './console-cookies.ts';
import { createConsoleLanguageRoute } from './console-language-route.ts';
import { principalOfViewer, type ConsoleEnv, type ConsoleSite } from './console-env.ts';
import { refusalWords, sendPage, siteOf } from './console-layout.tsx';
import { createOidcRoutes, OIDC_START_PATH } from './oidc-routes.tsx';
import { createConsoleSignInRoutes } from './sign-in-routes.tsx';

export function createConsoleRoutes(deps: AppDeps, admin: Hono): Hono<ConsoleEnv> {
  const adminApi = inProcessAdminApi(admin, deps.log);
  const url = new URL(deps.nodeId);
  const nodePath = url.pathname.replace(/\/$/, '');
  const site: ConsoleSite = {
    base: `${nodePath}/console`,
    cookiePath: nodePath === '' ? '/' : nodePath,
    vendorName: deps.config.name,
    secure: url.protocol === 'https:',
  };
  const clientAddress = clientAddressOf(deps.config.trustedProxies);
  const app = new Hono<ConsoleEnv>();
  app.use('*', requestLanguage(deps.config.defaultLanguage));
  app.use('*', portalSecurityHeaders());
  app.use('*', async function consoleSiteMiddleware(c, next) {
    c.set('site', site);
    c.set('adminApi', adminApi);
    await next();
  });
  app.get('/assets/portal.css', (c) =>
    c.body(PORTAL_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );
  app.route('/', createConsoleLanguageRoute(deps, clientAddress));
  // Before the link routes: /sign-in/oidc would otherwise be taken for a link token.
  app.route('/', createOidcRoutes(deps, { clientAddress }));
  app.route(
    '/',
    createConsoleSignInRoutes(deps, {
      clientAddress,
      clock: deps.clock,
      oidcStartPath: OIDC_START_PATH,
    }),
  );

  const pages = new Hono<ConsoleEnv>();
  pages.use('*', requireStaff(deps));
  const actor = (c: Context<ConsoleEnv>) =>
    actorOf(principalOfViewer(c.var.staffViewer), clientAddress(c));
  pages.use('*', auditRefusedChanges(deps, actor));

  const home = async (
    c: Context<ConsoleEnv>,
    opts: { errors?: { field: string; message: string } } = {},
    status = 200,
  ) => {
    const viewer = c.var.staffViewer;
    const key = newTotpKey();
    const digest = await digestFrequencyOf(deps, viewer.user);
    return sendPage(
      c,
      <ConsoleHome
        site={siteOf(c)}
        viewer={viewer}
        digest={digest}
        done={c.req.query('done')}
        errors={opts.errors}
        totpSetup={
          viewer.user.totpKey
            ? null
            : { key: totpKeyText(key), uri: totpUri(site.vendorName, viewer.user.email, key) }
        }
      />,
      status,
    );
  };
  const done = (c: Context<ConsoleEnv>, what: string) =>
    c.redirect(`${site.base}?done=${what}`, 303);

  /** A refused form comes back with its error at the top, linked to the field. */
  const orFormError = async (c: Context<ConsoleEnv>, fn: () => Promise<Response>) => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AppError && error.status < 500) {
        return home(
          c,
          {
            errors: {
              field: error.field ?? 'password',
              message: t('console.refusalWithCode', {
                message: refusalWords(error.code, error.message),
                code: error.code,
              }),
            },
          },
          error.status,
        );
      }
      throw error;
    }
  };

  pages.get('/', (c) => home(c));
  pages.post('/password', consoleFormBody(), csrfCheck(), (c) =>
    orFormError(c, async () => {
      await setOwnPassword(deps, c.var.staffViewer.user, c.var.form.password ?? '', actor(c));
      return done(c, 'password');
    }),
  );
  pages.post('/totp', consoleFormBody(), csrfCheck(), (c) =>
    orFormError(c, async () => {
      const form = c.var.form;
      await enableOwnTotp(deps, c.var.staffViewer.user, form.key ?? '', form.code ?? '', actor(c));
      return done(c, 'totp');
    }),
  );
  pages.post('/totp/off', consoleFormBody(), csrfCheck(), (c) =>
    orFormError(c, async () => {
      await disableOwnTotp(deps, c.var.staffViewer.user, actor(c));
      return done(c, 'totp-off');
    }),
  );
  pages.post('/sign-out', consoleFormBody(), csrfCheck(), async (c) => {
    const viewer = c.var.staffViewer;
    await endConsoleSession(deps, viewer.session, actor(c));
    clearConsoleSession(c, site);
    return c.redirect(`${site.base}/sign-in`, 303);
  });
  pages.post('/sign-out-everywhere', consoleFormBody(), csrfCheck(), async (c) => {
    await signOutEverywhere(deps, c.var.staffViewer.user, actor(c));
    clearConsoleSession(c, site);
    return c.redirect(`${site.base}/sign-in`, 303);
  });
  pages.route('/', createTodayRoutes());
  pages.route('/', createMyRefusalPages());
  pages.route('/', createNotificationPages(deps));
  pages.route('/', createPartnerPages(deps.nodeId));
  pages.route('/', createDealPages());
  pages.route('/', createLeadPages());
  pages.route('/', createServicePages());
  pages.route('/', createOrderPages());
  pages.route('/', createCatalogPages());
  pages.route('/', createAllocationPages());
  pages.route('/', createFundsPages());
  pages.route('/', createInventoryPages());
  pages.route('/', createMessagePages());
  pages.route('/', createSettingsPages(deps));
  pages.route('/', createSearchPage());
  app.route('/', pages);
  return app;
}

/** Pages need a live session: without one, a page goes to sign-in and a form is refused. */
/**
 * A change the person's roles do not allow is refused by the console before the API is called,
 * so the API's audit of refused changes (audit-api-changes.ts) never sees it: recorded here
 * alike, under the person, with forbidden_role as the outcome. A refused page view is not.
 */
function auditRefusedChanges(
  deps: AppDeps,
  actor: (c: Context<ConsoleEnv>) => AuditActor,
): MiddlewareHandler<ConsoleEnv> {
  return async function auditRefusedChangesMiddleware(c, next) {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || !c.get('refusedRole')) return;
    await deps.store.transact((tx) =>
      appendAudit(tx, {
        ...actor(c),
        at: deps.clock.now(),
        // The route as declared, its parameters' patterns left out: `/console/deals/:id/decision`.
        operation: `${c.req.method} ${routePath(c, -1).replace(/\{[^/]*\}/g, '')}`,
        record: null,
        outcome: STAFF_CODES.forbiddenRole,
        messageIds: [],
        detail: { status: c.res.status, path: c.req.path.slice(0, 300) },
      }),
    );
  };
}

function requireStaff(deps: AppDeps): MiddlewareHandler<ConsoleEnv> {
  return async function requireStaffMiddleware(c, next) {
    const site = siteOf(c);
    const cookie = getCookie(c, CONSOLE_SESSION_COOKIE);
    const viewer = cookie ? await consoleViewerOf(deps, cookie) : null;
    if (!viewer) {
      if (cookie) clearConsoleSession(c, site);
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        return c.redirect(`${site.base}/sign-in`, 303);
      }
      return errorPage(c, 403, t('error.notSignedIn'));
    }
    c.set('staffViewer', viewer);
    // The navigation shows it on every page: one count on an index per request.
    c.set('unreadNotifications', await unreadCount(deps, viewer.user));
    // The account's language, when the console speaks it, is the person's saved choice.
    setSavedLanguage(c, viewer.user.language);
    await next();
  };
}
