/**
 * The domains whose operations are still described by hand (their `openapi.ts`), while they move
 * to declared operations one by one. Their roles follow from the domain; this file goes away with
 * the last of them.
 */
import type { PathItemObject, SchemaObject } from './openapi-types.ts';
import type { Role } from '../domain-kernel/roles.ts';
import { READ, rolesOf, SENSITIVE, type Domain } from './role-rule.ts';
import { INTEGRATION_OPENAPI_PATHS } from '../webhooks/integration-openapi.ts';

export const LEGACY_PATHS: Record<string, PathItemObject> = {
  ...INTEGRATION_OPENAPI_PATHS,
};

export const LEGACY_SCHEMAS: Record<string, SchemaObject> = {};

/** The domain whose role writes, by the hand-described operation's tag. */
const DOMAIN_OF_TAG: Record<string, Domain> = {
  // The bulk imports: the roles of the single create in the same domain.
  leads: 'leads',
  invitations: 'partners',
};

/** The one rule of role-rule.ts, for the operations still described by hand. */
export function legacyRoles(tag: string, method: string, _path: string): readonly Role[] {
  if (method === 'get') return READ;
  const domain = DOMAIN_OF_TAG[tag];
  return domain ? rolesOf(domain) : SENSITIVE;
}
