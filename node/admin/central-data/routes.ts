/**
 * Centrally maintained data beyond price lists and products, mounted under /api: accounting data
 * sets (`/accounting`, the same list routes as price lists and catalogs) and, for all three
 * kinds, a partner's own extensions and records on the copies it holds.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { ACCOUNTING, CATALOG, PRICE_LIST } from '../../catalog/list-kinds.ts';
import type { AdminEnv } from '../admin-env.ts';
import { createListRoutes } from '../catalog/list-routes.ts';
import { createExtensionRoutes } from './extension-routes.ts';

export { CENTRAL_DATA_OPENAPI_PATHS, CENTRAL_DATA_OPENAPI_SCHEMAS } from './openapi.ts';

/** Where each kind's routes live. */
export const LIST_PREFIXES = [
  [PRICE_LIST, '/price-lists'],
  [CATALOG, '/catalogs'],
  [ACCOUNTING, '/accounting'],
] as const;

export function createCentralDataRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.route('/', createListRoutes(deps, ACCOUNTING, '/accounting'));
  for (const [spec, prefix] of LIST_PREFIXES)
    app.route('/', createExtensionRoutes(deps, spec, prefix));
  return app;
}
