/**
 * The orders domain's admin API, mounted under /api, and its part of the OpenAPI document:
 * orders (`/orders`) and the seller's receivables (`/receivables`).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import type { AdminEnv } from '../admin-env.ts';
import { createOrderAdminRoutes } from './order-routes.ts';
import { createReceivableRoutes } from './receivable-routes.ts';

export { ORDER_OPENAPI_PATHS, ORDER_OPENAPI_SCHEMAS } from './openapi.ts';

export function createOrderRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.route('/', createOrderAdminRoutes(deps));
  app.route('/', createReceivableRoutes(deps));
  return app;
}
