/**
 * The service domain's admin API, mounted under /api, and its part of the OpenAPI document:
 * service requests (`/service/requests`) and warranty claims (`/warranty/claims`).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import type { AdminEnv } from '../admin-env.ts';
import { createClaimRoutes } from './claim-routes.ts';
import { createRequestRoutes } from './request-routes.ts';

export { SERVICE_OPENAPI_PATHS, SERVICE_OPENAPI_SCHEMAS } from './openapi.ts';

export function createServiceRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.route('/', createRequestRoutes(deps));
  app.route('/', createClaimRoutes(deps));
  return app;
}
