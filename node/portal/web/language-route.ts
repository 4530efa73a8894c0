/**
 * `POST /language`: the language switch every page carries. It works without JavaScript and
 * without a session: the choice is kept in a cookie; for a signed-in user (whose form carries
 * the session's CSRF token) it is also saved on the user, so e-mails follow it too. Then back to
 * the page the switch was on.
 */
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLocale, LANGUAGE_COOKIE, t } from '../../i18n/index.ts';
import { viewerOf, type SessionDeps } from '../sessions.ts';
import { sameSecret } from '../tokens.ts';
import { errorPage } from './error-page.tsx';
import { formBody } from './form-body.ts';
import type { PortalEnv } from './portal-env.ts';
import { SESSION_COOKIE } from './session-guard.ts';

const ONE_YEAR_S = 365 * 24 * 3600;
/** Only a path of this portal: never another site (no open redirect). */
const BACK = /^\/[A-Za-z0-9/_.~%-]{0,300}$/;

export function createLanguageRoute(deps: SessionDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  app.post('/language', formBody(), async (c) => {
    const site = c.var.site;
    const { lang, back, _csrf } = c.var.form;
    if (!isLocale(lang)) return errorPage(c, 400, t('error.badLanguage'));
    const cookie = getCookie(c, SESSION_COOKIE);
    const viewer = cookie ? await viewerOf(deps, cookie) : null;
    if (viewer) {
      if (!sameSecret(_csrf, viewer.session.csrfToken)) return errorPage(c, 403, t('error.csrf'));
      await deps.store.transact((tx) => tx.portal.setUserLanguage(viewer.user.id, lang));
    }
    setCookie(c, LANGUAGE_COOKIE, lang, {
      path: site.base,
      httpOnly: true,
      sameSite: 'Lax',
      secure: site.secure,
      maxAge: ONE_YEAR_S,
    });
    const target =
      back && BACK.test(back) && !back.includes('//') && back.startsWith(`${site.base}/`)
        ? back
        : `${site.base}/${viewer ? 'home' : 'sign-in'}`;
    return c.redirect(target, 303);
  });
  return app;
}
