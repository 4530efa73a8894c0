/**
 * The portal's access checks: the session cookie (set HttpOnly, SameSite=Lax, Secure on https),
 * the signed-in viewer on every page, and the CSRF token on every form. Without a session a page
 * sends the browser to sign-in; a form is refused with 403.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { setSavedLanguage, t } from '../../i18n/index.ts';
import { viewerOf, type SessionDeps } from '../sessions.ts';
import { sameSecret } from '../tokens.ts';
import { errorPage } from './error-page.tsx';
import type { PortalEnv, Site } from './portal-env.ts';

export const SESSION_COOKIE = 'psp_session';
/** The double-submit token of the sign-in forms, before there is a session. */
export const PRE_SESSION_COOKIE = 'psp_pre';

export function setSessionCookie(c: Context, site: Site, value: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, value, {
    path: site.base,
    httpOnly: true,
    sameSite: 'Lax',
    secure: site.secure,
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context, site: Site): void {
  deleteCookie(c, SESSION_COOKIE, { path: site.base, secure: site.secure });
}

export function requireViewer(deps: SessionDeps): MiddlewareHandler<PortalEnv> {
  return async function requireViewerMiddleware(c, next) {
    const site = c.get('site');
    const cookie = getCookie(c, SESSION_COOKIE);
    const viewer = cookie ? await viewerOf(deps, cookie) : null;
    if (!viewer) {
      if (cookie) clearSessionCookie(c, site);
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        return c.redirect(`${site.base}/sign-in`, 303);
      }
      return errorPage(c, 403, t('error.notSignedIn'));
    }
    c.set('viewer', viewer);
    setSavedLanguage(c, viewer.user.language);
    await next();
  };
}

/** After `formBody()` and `requireViewer()`: the form must carry the session's token. */
export function csrfCheck(): MiddlewareHandler<PortalEnv> {
  return async function csrfCheckMiddleware(c, next) {
    if (!sameSecret(c.var.form._csrf, c.var.viewer.session.csrfToken)) {
      return errorPage(c, 403, t('error.csrf'));
    }
    await next();
  };
}
