/**
 * The marketing funds domain's admin API, mounted under /api, and its part of the OpenAPI
 * document: allocations and balances (`/funds/allocations`, `/funds/balances`) and expense
 * claims (`/funds/claims`).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import type { AdminEnv } from '../admin-env.ts';
import { createAllocationRoutes } from './allocation-routes.ts';
import { createClaimRoutes } from './claim-routes.ts';

export { FUND_OPENAPI_PATHS, FUND_OPENAPI_SCHEMAS } from './openapi.ts';

export function createFundRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.route('/', createAllocationRoutes(deps));
  app.route('/', createClaimRoutes(deps));
  return app;
}
