/**
 * The catalog domain's admin API, mounted under /api, and its part of the OpenAPI document:
 * price lists (`/price-lists`, with prices and CSV) and product catalogs (`/catalogs`).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { CATALOG, PRICE_LIST } from '../../catalog/list-kinds.ts';
import type { AdminEnv } from '../admin-env.ts';
import { createListRoutes } from './list-routes.ts';
import { createPriceRoutes } from './price-routes.ts';
import { createProductRoutes } from './product-routes.ts';

export { CATALOG_OPENAPI_PATHS, CATALOG_OPENAPI_SCHEMAS } from './openapi.ts';

export function createCatalogRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.route('/', createPriceRoutes(deps));
  app.route('/', createListRoutes(deps, PRICE_LIST, '/price-lists'));
  app.route('/', createProductRoutes(deps));
  app.route('/', createListRoutes(deps, CATALOG, '/catalogs'));
  return app;
}
