/**
 * The service domain's admin API, mounted under /api, and its part of the OpenAPI document:
 * service requests (`/service/requests`), service agreements (`/service/agreements`), charges
 * of billable requests (`/service/charges`) and warranty claims (`/warranty/claims`).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import type { AdminEnv } from '../admin-env.ts';
import { createAgreementRoutes } from './agreement-routes.ts';
import { createChargeRoutes } from './charge-routes.ts';
import { createClaimRoutes } from './claim-routes.ts';
import { createRequestRoutes } from './request-routes.ts';

import {
  SERVICE_OPENAPI_PATHS as REQUEST_AND_CLAIM_PATHS,
  SERVICE_OPENAPI_SCHEMAS as REQUEST_AND_CLAIM_SCHEMAS,
} from './openapi.ts';
import { SHARED_SERVICE_OPENAPI_PATHS, withSharedServices } from './shared-openapi.ts';

export const SERVICE_OPENAPI_PATHS = {
  ...REQUEST_AND_CLAIM_PATHS,
  ...SHARED_SERVICE_OPENAPI_PATHS,
};
export const SERVICE_OPENAPI_SCHEMAS = withSharedServices(REQUEST_AND_CLAIM_SCHEMAS);

export function createServiceRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.route('/', createRequestRoutes(deps));
  app.route('/', createAgreementRoutes(deps));
  app.route('/', createChargeRoutes(deps));
  app.route('/', createClaimRoutes(deps));
  return app;
}
