/**
 * Headers every portal answer carries: a strict Content Security Policy (no script at all, styles
 * only from our own stylesheet, forms only to us, no framing), no MIME sniffing, no referrer (a
 * sign-in link must not leak through one), and no caching of pages that show a partner's records.
 */
import type { MiddlewareHandler } from 'hono';

export const PORTAL_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'";

export const PORTAL_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': PORTAL_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
});

export function portalSecurityHeaders(): MiddlewareHandler {
  return async function portalSecurityHeadersMiddleware(c, next) {
    await next();
    for (const [name, value] of Object.entries(PORTAL_SECURITY_HEADERS))
      c.res.headers.set(name, value);
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
