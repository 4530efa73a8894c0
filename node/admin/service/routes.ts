/** The service domain's admin API, mounted under /api, and its part of the OpenAPI document. */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import type { PathItemObject, SchemaObject } from '../openapi-types.ts';

export function createServiceRoutes(_deps: AppDeps): Hono {
  return new Hono();
}

export const SERVICE_OPENAPI_PATHS: Record<string, PathItemObject> = {};
export const SERVICE_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {};
