/**
 * The domains whose operations are still described by hand (their `openapi.ts`), while they move
 * to declared operations one by one. Their roles follow from the domain; this file goes away with
 * the last of them.
 */
import type { PathItemObject, SchemaObject } from './openapi-types.ts';
import { ROLES, type Role } from '../domain-kernel/roles.ts';
import { REFUSAL_OPENAPI_PATHS } from './refusal-openapi.ts';
import { INTEGRATION_OPENAPI_PATHS } from '../webhooks/integration-openapi.ts';
import { AUDIT_OPENAPI_PATHS, AUDIT_OPENAPI_SCHEMAS } from '../staff/audit-openapi.ts';
import { CATALOG_OPENAPI_PATHS, CATALOG_OPENAPI_SCHEMAS } from './catalog/routes.ts';
import { CENTRAL_DATA_OPENAPI_PATHS, CENTRAL_DATA_OPENAPI_SCHEMAS } from './central-data/routes.ts';
import { INVENTORY_OPENAPI_PATHS, INVENTORY_OPENAPI_SCHEMAS } from './inventory/routes.ts';

export const LEGACY_PATHS: Record<string, PathItemObject> = {
  ...CATALOG_OPENAPI_PATHS,
  ...CENTRAL_DATA_OPENAPI_PATHS,
  ...INVENTORY_OPENAPI_PATHS,
  ...AUDIT_OPENAPI_PATHS,
  ...REFUSAL_OPENAPI_PATHS,
  ...INTEGRATION_OPENAPI_PATHS,
};

export const LEGACY_SCHEMAS: Record<string, SchemaObject> = {
  ...CATALOG_OPENAPI_SCHEMAS,
  ...CENTRAL_DATA_OPENAPI_SCHEMAS,
  ...INVENTORY_OPENAPI_SCHEMAS,
  ...AUDIT_OPENAPI_SCHEMAS,
};

const DOMAIN_ROLE: Record<string, Role | null> = {
  service: 'service_agent',
  'price lists': 'order_desk',
  catalogs: 'order_desk',
  // Payment terms, tax, currencies and account codes are the finance department's.
  accounting: 'finance',
  orders: 'order_desk',
  inventory: 'order_desk',
  funds: 'channel_manager',
};

/** Receivables, payments and the decisions on claims are finance's; the rest the domain's. */
export function legacyRoles(tag: string, method: string, path: string): readonly Role[] {
  // Who did what is for owners and admins only, reading included.
  if (tag === 'audit') return [];
  const financial =
    /receivable|payment/.test(path) ||
    (tag === 'funds' && /claims\/\{[^}]+\}\/decision/.test(path));
  const role: Role | null = financial ? 'finance' : (DOMAIN_ROLE[tag] ?? null);
  // Orders, catalogs, service and funds are every desk's context (finance books what the order
  // desk accepted, the service agent looks up the order a request is about): any role reads them.
  if (method === 'get') return ROLES.filter((r) => r !== 'owner' && r !== 'admin');
  return role ? [role] : [];
}
