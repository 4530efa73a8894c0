/**
 * Single sign-on pages: the sign-in page's link sends the browser to the identity provider; the provider sends it back to the callback, which signs in. The flow's
 * secrets (state, nonce, PKCE verifier) stay on the server, keyed by a short-lived cookie.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { t, type MessageKey } from '../../i18n/index.ts';
import { newToken } from '../../portal/tokens.ts';
import type { ClientAddressOf } from '../../http/client-address.ts';
import { createOidcClient, signInWithOidc, type OidcDeps, type OidcFlow } from '../oidc-sign-in.ts';
import { readStaffSettings } from '../staff-settings.ts';
import { landingUrl, type ConsoleEnv } from './console-env.ts';
import { ConsoleLayout, Refusal, sendPage, siteOf } from './console-layout.tsx';
import { setConsoleSession } from './console-cookies.ts';

export const OIDC_START_PATH = '/sign-in/oidc';
export const OIDC_CALLBACK_PATH = '/sign-in/oidc/callback';
const FLOW_COOKIE = 'pss_oidc';
const MAX_FLOWS = 10_000;

const MESSAGES: Record<string, MessageKey> = {
  oidc_failed: 'refusal.oidc_failed',
  oidc_no_role: 'refusal.oidc_no_role',
  staff_removed: 'refusal.staff_removed',
  oidc_email_unverified: 'refusal.oidc_email_unverified',
};

export function createOidcRoutes(
  deps: OidcDeps,
  options: { clientAddress: ClientAddressOf },
): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const oidcClient = createOidcClient(deps);
  const flows = new Map<string, OidcFlow>();
  const callbackUrl = `${deps.nodeId.replace(/\/$/, '')}/console${OIDC_CALLBACK_PATH}`;

  const refuse = (c: Context<ConsoleEnv>, code: string, status: number) =>
    sendPage(
      c,
      <ConsoleLayout site={siteOf(c)} title={t('console.signIn.failed')}>
        <h1>{t('console.signIn.failed')}</h1>
        <Refusal code={code} message={t(MESSAGES[code] ?? 'refusal.oidc_failed')} />
        <p>
          <a href={`${siteOf(c).base}/sign-in`}>{t('console.signIn.back')}</a>
        </p>
      </ConsoleLayout>,
      status,
    );

  // A link, not a form: the page's CSP allows forms to post only to this node, and a form's
  // redirect to the provider would be blocked. Starting signs no one in; the callback's state,
  // bound to this browser by the flow cookie, is what protects the sign-in.
  app.get(OIDC_START_PATH, async (c) => {
    const { oidc } = await deps.store.read(readStaffSettings);
    if (!oidc) return refuse(c, 'oidc_failed', 404);
    let started;
    try {
      started = await oidcClient.start(oidc, callbackUrl);
    } catch (error) {
      deps.log.warn(
        { category: 'staff', err: oidcError(error) },
        'single sign-on: cannot reach the provider',
      );
      return refuse(c, 'oidc_failed', 502);
    }
    const now = Date.now();
    for (const [id, flow] of flows) if (flow.expiresAt <= now) flows.delete(id);
    if (flows.size >= MAX_FLOWS) flows.delete(flows.keys().next().value!);
    const id = newToken();
    flows.set(id, started.flow);
    // Lax: the provider's redirect back is a top-level navigation from another site.
    setCookie(c, FLOW_COOKIE, id, {
      path: `${siteOf(c).base}${OIDC_CALLBACK_PATH}`,
      httpOnly: true,
      sameSite: 'Lax',
      secure: siteOf(c).secure,
      maxAge: 600,
    });
    return c.redirect(started.url, 303);
  });

  app.get(OIDC_CALLBACK_PATH, async (c) => {
    const site = siteOf(c);
    const id = getCookie(c, FLOW_COOKIE);
    deleteCookie(c, FLOW_COOKIE, {
      path: `${site.base}${OIDC_CALLBACK_PATH}`,
      secure: site.secure,
    });
    const flow = id ? flows.get(id) : undefined;
    if (id) flows.delete(id);
    const { oidc } = await deps.store.read(readStaffSettings);
    if (!flow || flow.expiresAt <= Date.now() || !oidc) return refuse(c, 'oidc_failed', 400);
    let identity;
    try {
      const query = new URL(c.req.url).search;
      identity = await oidcClient.finish(oidc, new URL(`${callbackUrl}${query}`), flow);
    } catch (error) {
      deps.log.warn(
        { category: 'staff', err: oidcError(error) },
        'single sign-on: the provider answer failed a check',
      );
      return refuse(c, 'oidc_failed', 400);
    }
    const result = await signInWithOidc(deps, identity, options.clientAddress(c));
    if (!result.ok) return refuse(c, result.code, 403);
    setConsoleSession(c, site, result.cookie, result.expiresAt);
    return c.redirect(landingUrl(site), 303);
  });

  return app;
}

/** What is safe to log of a failed exchange: its kind and message, never tokens or secrets. */
function oidcError(error: unknown): { name: string; code?: unknown; message: string } {
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, code: (e as { code?: unknown }).code, message: e.message.slice(0, 300) };
}
