/**
 * `POST /console/language`: the console's language switch. It works without script and without a
 * session: the choice is kept in a cookie; for a signed-in person (whose form carries the
 * session's CSRF token) it is also saved as their account's language, which every console page
 * then follows. Then back to the page the switch was on (a console path only: no open redirect).
 */
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../../app.ts';
import { isLocale, LANGUAGE_COOKIE, t } from '../../i18n/index.ts';
import { sameSecret } from '../../portal/tokens.ts';
import { errorPage } from '../../portal/web/error-page.tsx';
import type { ClientAddressOf } from '../../http/client-address.ts';
import { actorOf } from '../audit-actor.ts';
import { appendAudit } from '../audit-chain.ts';
import { CONSOLE_SESSION_COOKIE, consoleViewerOf } from '../console-sessions.ts';
import { consoleFormBody } from './console-form.ts';
import { principalOfViewer, type ConsoleEnv } from './console-env.ts';

const ONE_YEAR_S = 365 * 24 * 3600;
const BACK = /^\/[A-Za-z0-9/_.~%-]{0,300}$/;

export function createConsoleLanguageRoute(
  deps: AppDeps,
  clientAddress: ClientAddressOf,
): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.post('/language', consoleFormBody(), async (c) => {
    const site = c.var.site;
    const { lang, back, _csrf } = c.var.form;
    if (!isLocale(lang)) return errorPage(c, 400, t('error.badLanguage'));
    const cookie = getCookie(c, CONSOLE_SESSION_COOKIE);
    const viewer = cookie ? await consoleViewerOf(deps, cookie) : null;
    if (viewer) {
      if (!sameSecret(_csrf, viewer.session.csrfToken)) return errorPage(c, 403, t('error.csrf'));
      if (viewer.user.language !== lang) {
        const now = deps.clock.now();
        await deps.store.transact(async (tx) => {
          await tx.staff.updateUser(viewer.user.id, { language: lang }, now);
          await appendAudit(tx, {
            ...actorOf(principalOfViewer(viewer), clientAddress(c)),
            at: now,
            operation: 'set_language',
            record: `staff/${viewer.user.id}`,
            outcome: 'ok',
            messageIds: [],
            detail: { language: lang },
          });
        });
      }
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
        : `${site.base}${viewer ? '' : '/sign-in'}`;
    return c.redirect(target, 303);
  });
  return app;
}
