/**
 * The admin API under /api: JSON in and out, every operation behind the admin bearer token and
 * its roles, except the OpenAPI document that describes them.
 */
import { createSearchRoutes } from './search-routes.ts';
import { createScorecardRoutes } from './scorecard-routes.ts';
import type { Hono, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from '../app.ts';
import { AppError } from '../errors.ts';
import { createBulkRoutes } from '../bulk/bulk-routes.ts';
import { csvExport } from '../bulk/csv-export.ts';
import { createEventRoutes } from '../events/event-routes.ts';
import { createWebhookRoutes } from '../webhooks/webhook-routes.ts';
import type { AdminEnv } from './admin-env.ts';
import { createConnectNodeRoutes } from './connect-node-routes.ts';
import { createInvitationRoutes } from './invitation-routes.ts';
import { createMessageRoutes } from './message-routes.ts';
import { createNodeRoutes } from './node-routes.ts';
import { getOpenApi, OPENAPI_PATH } from './openapi-route.ts';
import { createOperationRouter } from './operation.ts';
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
import { clientAddressOf } from '../http/client-address.ts';
import { auditApiChanges } from '../staff/audit-api-changes.ts';
import { createAuditRoutes } from '../staff/audit-routes.ts';
import { createRefusalRoutes } from './refusal-routes.ts';
import { createStaffSettingsRoutes } from './staff-settings-routes.ts';

export { OPENAPI_PATH };

/** Refusals the router itself raises (a body media type it cannot read), in the API's format. */
const HTTP_CODES: Record<number, string> = {
  400: 'bad_json',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** `guard`: the node's admin guard (adminGuard), shared with /metrics so failures count once. */
export function createAdminRoutes(deps: AppDeps, guard: MiddlewareHandler<AdminEnv>) {
  const app = createOperationRouter();
  // Registered before the guard: Hono runs handlers in registration order and this one answers
  // without calling next(), so the guard below never sees a request for the document.
  app.openapi(getOpenApi, async (c) => {
    const { OPENAPI_DOCUMENT } = await import('./openapi.ts');
    return c.json(OPENAPI_DOCUMENT as unknown as Record<string, unknown>, 200);
  });
  app.use('*', guard);
  app.use('*', auditApiChanges(deps, clientAddressOf(deps.config.trustedProxies)));
  app.route('/', createAuditRoutes(deps));
  app.use('*', csvExport());
  // Before the leads routes, so that /leads/import is not read as a lead id.
  app.route('/', createBulkRoutes(deps));
  app.route('/', createNodeRoutes(deps));
  app.route('/', createInvitationRoutes(deps));
  app.route('/', createPartnerRoutes(deps));
  app.route('/', createConnectNodeRoutes(deps));
  app.route('/', createProfileRoutes(deps));
  app.route('/', createMessageRoutes(deps));
  app.route('/', createRefusalRoutes(deps));
  app.route('/', createStaffSettingsRoutes(deps));
  app.route('/', createLeadRoutes(deps));
  app.route('/', createDealRoutes(deps));
  app.route('/', createServiceRoutes(deps));
  app.route('/', createCatalogRoutes(deps));
  app.route('/', createCentralDataRoutes(deps));
  app.route('/', createPortalAdminRoutes(deps));
  app.route('/', createOrderRoutes(deps));
  app.route('/', createFundRoutes(deps));
  app.route('/', createInventoryRoutes(deps));
  app.route('/', createEventRoutes(deps));
  app.route('/', createWebhookRoutes(deps));
  app.route('/', createSearchRoutes(deps));
  app.route('/', createScorecardRoutes(deps));
  app.onError((error) => {
    if (error instanceof HTTPException && HTTP_CODES[error.status]) {
      const code = HTTP_CODES[error.status]!;
      throw new AppError(error.status, code, error.message || code.replaceAll('_', ' '));
    }
    throw error;
  });
  return app as unknown as Hono;
}
