/**
 * The admin API under /api: JSON in and out, every operation behind the admin bearer token except
 * the OpenAPI document that describes them.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';
import { adminAuth } from './admin-auth.ts';
import { createConnectNodeRoutes } from './connect-node-routes.ts';
import { createInvitationRoutes } from './invitation-routes.ts';
import { createMessageRoutes } from './message-routes.ts';
import { createNodeRoutes } from './node-routes.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import { createPartnerRoutes } from './partner-routes.ts';
import { createProfileRoutes } from './profile-routes.ts';
import { createDealRoutes } from './deals/routes.ts';
import { createLeadRoutes } from './leads/routes.ts';
import { createServiceRoutes } from './service/routes.ts';
import { createCatalogRoutes } from './catalog/routes.ts';
import { createCentralDataRoutes } from './central-data/routes.ts';
import { createPortalAdminRoutes } from './portal/routes.ts';
import { createOrderRoutes } from './orders/routes.ts';
import { createFundRoutes } from './funds/routes.ts';
import { createInventoryRoutes } from './inventory/routes.ts';

export const OPENAPI_PATH = '/openapi.json';

export function createAdminRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  // Registered before the guard: Hono runs handlers in registration order and this one answers
  // without calling next(), so the guard below never sees a request for the document.
  app.get(OPENAPI_PATH, (c) => c.json(OPENAPI_DOCUMENT));
  app.use(
    '*',
    adminAuth({
      store: deps.store,
      clock: deps.clock,
      log: deps.log,
      trustedProxies: deps.config.trustedProxies,
    }),
  );
  app.route('/', createNodeRoutes(deps));
  app.route('/', createInvitationRoutes(deps));
  app.route('/', createPartnerRoutes(deps));
  app.route('/', createConnectNodeRoutes(deps));
  app.route('/', createProfileRoutes(deps));
  app.route('/', createMessageRoutes(deps));
  app.route('/', createLeadRoutes(deps));
  app.route('/', createDealRoutes(deps));
  app.route('/', createServiceRoutes(deps));
  app.route('/', createCatalogRoutes(deps));
  app.route('/', createCentralDataRoutes(deps));
  app.route('/', createPortalAdminRoutes(deps));
  app.route('/', createOrderRoutes(deps));
  app.route('/', createFundRoutes(deps));
  app.route('/', createInventoryRoutes(deps));
  return app;
}
