/**
 * A rate limit on what signed-in users send (every form post), per partner: all of a company's
 * users and sessions share one bucket, so a stuck script or a held-down key cannot flood the
 * vendor's node with messages. Past it the answer is 429 with Retry-After, on a page that keeps
 * what was typed: the form comes back with the values and a button to send it again.
 */
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../clock.ts';
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
      return errorPage(
        c,
        429,
        `Your company sent more than ${perMinute} forms in a minute. Nothing was sent this time. Please wait ${wait} seconds, go back and send it again.`,
      );
    }
    return readForm(c, async () => {
      const ctx = pageCtx(c, clock.now());
      const url = new URL(c.req.url);
      const fields = Object.entries(c.var.form);
      c.res = await sendPage(
        c,
        <Layout ctx={ctx} title="Too many actions">
          <h1>Too many actions at once</h1>
          <div class="notice error" role="alert">
            <p>
              Your company sent more than {perMinute} forms in a minute. Nothing was sent this time.
              Please wait {wait} seconds, then send it again: what you entered is kept.
            </p>
          </div>
          <form method="post" action={`${url.pathname}${url.search}`}>
            {fields.map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <button type="submit">Send it again</button>
          </form>
          <p>
            <a href={href(ctx, '/home')}>Back to the overview</a>
          </p>
        </Layout>,
        429,
      );
    });
  };
}
