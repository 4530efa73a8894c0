/**
 * A rate limit on what signed-in users send (every form post), per partner: all of a company's
 * users and sessions share one bucket, so a stuck script or a held-down key cannot flood the
 * vendor's node with messages. Past it the answer is 429 with Retry-After, on a page that keeps
 * what was typed: the form comes back with the values and a button to send it again.
 */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../clock.ts';
import { t } from '../../i18n/index.ts';
import { errorPage } from './error-page.tsx';
import { formBody } from './form-body.ts';
import { href, Layout, pageCtx, sendPage } from './layout.tsx';
import type { PortalEnv } from './portal-env.ts';
import { createTokenBuckets } from '../../http/token-buckets.ts';

export const PORTAL_ACTIONS_PER_MINUTE = 30;
const MAX_TRACKED = 10_000;

/** After `requireViewer()`; reads the form only when it refuses, to hand it back. */
export function portalActionLimit(
  clock: Clock,
  perMinute = PORTAL_ACTIONS_PER_MINUTE,
): MiddlewareHandler<PortalEnv> {
  const buckets = createTokenBuckets(clock, { perMinute, maxKeys: MAX_TRACKED });
  const readForm = formBody();
  return async function portalActionLimitMiddleware(c, next) {
    if (c.req.method !== 'POST') return next();
    const wait = buckets.take(`partner:${c.var.viewer.partner.id}`);
    if (wait === 0) return next();
    c.header('Retry-After', String(wait));
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    // A form with files (multipart) is not echoed back: the files could not be carried over.
    if (type !== 'application/x-www-form-urlencoded') {
      return errorPage(c, 429, t('error.actionLimit', { perMinute, seconds: wait }));
    }
    return readForm(c, async () => {
      const ctx = pageCtx(c, clock.now());
      const url = new URL(c.req.url);
      const fields = Object.entries(c.var.form);
      c.res = await sendPage(
        c,
        <Layout ctx={ctx} title={t('actionLimit.title')}>
          <h1>{t('actionLimit.heading')}</h1>
          <div class="notice error" role="alert">
            <p>{t('actionLimit.text', { perMinute, seconds: wait })}</p>
          </div>
          <form method="post" action={`${url.pathname}${url.search}`}>
            {fields.map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <button type="submit">{t('actionLimit.again')}</button>
          </form>
          <p>
            <a href={href(ctx, '/home')}>{t('error.backHome')}</a>
          </p>
        </Layout>,
        429,
      );
    });
  };
}
