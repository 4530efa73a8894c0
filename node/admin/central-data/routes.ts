/**
 * Centrally maintained data beyond price lists and products, mounted under /api: accounting data
 * sets (`/accounting`, the same list routes as price lists and catalogs) and, for all three
 * kinds, a partner's own extensions and records on the copies it holds.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import type { AdminEnv } from '../admin-env.ts';
import { LIST_KINDS } from '../catalog/list-operations.ts';
import { createListRoutes } from '../catalog/list-routes.ts';
import { EXTENSION_OPERATIONS_BY_KIND } from './extension-operations.ts';
import { createExtensionRoutes } from './extension-routes.ts';

export function createCentralDataRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.route('/', createListRoutes(deps, LIST_KINDS[2]));
  for (const [kind, ops] of EXTENSION_OPERATIONS_BY_KIND) {
    app.route('/', createExtensionRoutes(deps, kind, ops));
  }
  return app;
}
