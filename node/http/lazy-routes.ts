/**
 * Routes whose code is loaded on their first request: the admin API, the portal and the console,
 * with what only they use (charts, mail, OIDC, CSV, page rendering). A node that exchanges
 * messages and answers probes never loads them; scripts/build.ts puts each behind a dynamic
 * `import()` in a chunk of its own. Loading all of it at start cost about 120 MB of RSS and
 * half of the start-up.
 *
 * Hono cannot add routes to a router that has already matched a request, so the sub-app is
 * mounted on an app of its own, under the same base path, and called with the request: the
 * caller's middleware (request id, unread bodies) has run and still wraps the answer.
 */
import { Hono, type Context, type Env, type ErrorHandler, type NotFoundHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import { once } from '../load-once.ts';

export interface LazyRoutesOptions {
  /** The node app's own answers, so that a lazily loaded area refuses and fails alike. */
  notFound: NotFoundHandler;
  onError: ErrorHandler;
}

/** The lazily mounted areas of each app, for routesOf. */
const LAZY_AREAS = new WeakMap<Hono, Array<() => Promise<Hono>>>();

/**
 * Every route the app serves, its lazily mounted areas' loaded (each listed with its full path,
 * beside the catch-all that loads it): for the checks that walk all of them (roles, audit, CSRF).
 */
export async function routesOf(app: Hono): Promise<RouterRoute[]> {
  const areas = await Promise.all((LAZY_AREAS.get(app) ?? []).map((load) => load()));
  return [...app.routes, ...areas.flatMap((area) => area.routes)];
}

/** Answers `base` and everything under it from the sub-app `load` resolves to, loaded once. */
export function mountLazily<E extends Env>(
  app: Hono,
  base: string,
  load: () => Promise<Hono<E>>,
  options: LazyRoutesOptions,
): void {
  const mounted = once(async () => {
    const holder = new Hono();
    holder.route(base, await load());
    holder.notFound(options.notFound);
    holder.onError(options.onError);
    return holder;
  });
  LAZY_AREAS.set(app, [...(LAZY_AREAS.get(app) ?? []), mounted]);
  const handler = async (c: Context) =>
    (await mounted()).fetch(c.req.raw, c.env, executionContextOf(c));
  app.all(base, handler);
  app.all(`${base}/*`, handler);
}

/** Hono throws on `c.executionCtx` where the runtime has none (Node). */
function executionContextOf(c: Context) {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}
