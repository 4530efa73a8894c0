/** The vendor-managed inventory domain's admin API, mounted under /api, and its part of the OpenAPI document. */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import type { AdminEnv } from '../admin-env.ts';
import type { PathItemObject, SchemaObject } from '../openapi-types.ts';

export const INVENTORY_OPENAPI_PATHS: Record<string, PathItemObject> = {};
export const INVENTORY_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {};

export function createInventoryRoutes(_deps: AppDeps): Hono<AdminEnv> {
  return new Hono<AdminEnv>();
}
