/**
 * The catalog domain's admin API, mounted under /api, declared in ./list-operations.ts: price
 * lists (`/price-lists`, with prices and CSV) and product catalogs (`/catalogs`).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import type { AdminEnv } from '../admin-env.ts';
import { LIST_KINDS } from './list-operations.ts';
import { createListRoutes } from './list-routes.ts';
import { createPriceRoutes } from './price-routes.ts';

export function createCatalogRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  // Before the list routes, so that /price-lists/{ref}/price is not read as something else.
  app.route('/', createPriceRoutes(deps));
  app.route('/', createListRoutes(deps, LIST_KINDS[0]));
  app.route('/', createListRoutes(deps, LIST_KINDS[1]));
  return app;
}
