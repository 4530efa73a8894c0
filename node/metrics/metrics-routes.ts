/**
 * GET /metrics in Prometheus text format. Off unless the operator turns it on (`metrics`
 * setting): the labels name partners and the counts tell business volume. With `token`, the
 * scraper sends the dedicated metricsToken or the admin token as a bearer.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import type { NodeDeps } from '../deps.ts';
import { nodeStatus } from '../node-status.ts';
import { METRICS_CONTENT_TYPE, type NodeMetrics } from './metrics.ts';

export const METRICS_PATH = '/metrics';

export type MetricsDeps = Pick<
  NodeDeps,
  'config' | 'nodeId' | 'keys' | 'store' | 'clock' | 'log'
> & {
  metrics?: NodeMetrics | undefined;
};

/** `adminGuard`: the node's admin guard (admin-auth.ts), shared with /api so failures count once. */
export function createMetricsRoutes(deps: MetricsDeps, adminGuard: MiddlewareHandler): Hono {
  const app = new Hono();
  const { metrics } = deps;
  if (deps.config.metrics === 'off' || metrics === undefined) return app;
  if (deps.config.metrics === 'token') {
    app.use(METRICS_PATH, metricsAuth(adminGuard, deps.config.metricsToken));
  }
  app.get(METRICS_PATH, async (c) => {
    metrics.setStatus(await nodeStatus(deps));
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': METRICS_CONTENT_TYPE });
  });
  return app;
}

/** The dedicated token if it matches, else the admin API's guard (with its failure limits). */
function metricsAuth(
  admin: MiddlewareHandler,
  metricsToken: string | undefined,
): MiddlewareHandler {
  const expected = metricsToken === undefined ? undefined : Buffer.from(metricsToken);
  return async function metricsAuthMiddleware(c, next) {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const given = match?.[1] === undefined ? undefined : Buffer.from(match[1]);
    if (
      expected !== undefined &&
      given !== undefined &&
      given.length === expected.length &&
      timingSafeEqual(given, expected)
    ) {
      return next();
    }
    return admin(c, next);
  };
}
