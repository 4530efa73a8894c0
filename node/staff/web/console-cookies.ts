/**
 * The console's cookies: the session (HttpOnly, SameSite=Lax so that the identity provider's
 * redirect back lands signed in, Secure when the node URL is https, path of the node so that
 * /api sees it) and the double-submit token of the sign-in forms before there is a session.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { newToken } from '../../portal/tokens.ts';
import { CONSOLE_SESSION_COOKIE } from '../console-sessions.ts';
import type { ConsoleSite } from './console-env.ts';

export const CONSOLE_PRE_COOKIE = 'pss_pre';

export function setConsoleSession(c: Context, site: ConsoleSite, value: string, expiresAt: Date) {
  setCookie(c, CONSOLE_SESSION_COOKIE, value, {
    path: site.cookiePath,
    httpOnly: true,
    sameSite: 'Lax',
    secure: site.secure,
    expires: expiresAt,
  });
}

export function clearConsoleSession(c: Context, site: ConsoleSite) {
  deleteCookie(c, CONSOLE_SESSION_COOKIE, { path: site.cookiePath, secure: site.secure });
}

/** The double-submit token for a sign-in form, set (or kept) as a cookie. */
export function preSessionToken(c: Context, site: ConsoleSite): string {
  const token = getCookie(c, CONSOLE_PRE_COOKIE) ?? newToken();
  setCookie(c, CONSOLE_PRE_COOKIE, token, {
    path: site.base,
    httpOnly: true,
    sameSite: 'Strict',
    secure: site.secure,
    maxAge: 3600,
  });
  return token;
}
