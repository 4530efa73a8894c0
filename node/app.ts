/**
 * The HTTP surface of a node, built from its deps and doing no I/O of its own: discovery, inbox,
 * connect, health, and the admin API under /api.
 */
import { Hono, type NotFoundHandler } from 'hono';
import { adminGuard } from './admin/admin-auth.ts';
import { createConnectRoutes } from './connect/connect-routes.ts';
import type { NodeDeps } from './deps.ts';
import { once } from './load-once.ts';
import { createHealthRoutes } from './health/health-routes.ts';
import { closeUnreadBodies } from './http/close-unread-body.ts';
import { mountLazily } from './http/lazy-routes.ts';
import { requestId } from './http/request-id.ts';
import { createInboxRoutes } from './inbox/inbox-routes.ts';
import type { PartnerLimits } from './inbox/partner-limits.ts';
import type { Scheduler } from './jobs/scheduler.ts';
import { createMetricsRoutes } from './metrics/metrics-routes.ts';
import type { OutboxWorker } from './outbox/outbox-worker.ts';
import type { PartnerKeyRefresher } from './partners/partner-keys.ts';
import type { WebhookWorker } from './webhooks/webhook-worker.ts';
import { createWellKnownRoutes } from './well-known/well-known-routes.ts';
import { appErrorHandler } from './http/error-response.ts';

export interface AppDeps extends NodeDeps {
  partnerKeys: PartnerKeyRefresher;
  /** Per-partner message rate and storage quota at the inbox (and for portal partners). */
  partnerLimits: PartnerLimits;
  outbox: OutboxWorker;
  /** Delivers domain events to webhook endpoints. */
  webhooks: WebhookWorker;
  jobs: Scheduler;
  isReady(): boolean;
}

const notFound: NotFoundHandler = (c) =>
  c.json({ error: { code: 'not_found', message: 'no such endpoint' } }, 404);

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const onError = appErrorHandler(deps.log);
  app.use('*', requestId({ log: deps.log }));
  app.use('*', closeUnreadBodies());
  app.route('/', createWellKnownRoutes(deps));
  app.route('/', createHealthRoutes(deps));
  // One guard for every path that takes the admin token: failed tokens count once per address.
  const guard = adminGuard(deps);
  app.route('/', createMetricsRoutes(deps, guard));
  app.route('/', createInboxRoutes(deps));
  app.route('/', createConnectRoutes(deps));
  // The admin API, the portal and the console load their code on first use (lazy-routes.ts).
  const admin = once(async () =>
    (await import('./admin/admin-routes.ts')).createAdminRoutes(deps, guard),
  );
  mountLazily(app, '/api', admin, { notFound, onError });
  mountLazily(
    app,
    '/portal',
    async () => (await import('./portal/portal-routes.tsx')).createPortalRoutes(deps),
    { notFound, onError },
  );
  // The console calls the same admin operations in-process: one code path, one audit trail.
  mountLazily(
    app,
    '/console',
    async () => {
      const { createConsoleRoutes } = await import('./staff/web/console-routes.tsx');
      return createConsoleRoutes(deps, await admin());
    },
    { notFound, onError },
  );

  app.notFound(notFound);
  app.onError(onError);
  return app;
}
