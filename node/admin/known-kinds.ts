/**
 * The kinds an operator may name in a partner's allowed list: every kind this node has a schema
 * or a handler for. (A partner type's default kinds are accepted on top, by the profile parser.)
 */
import type { NodeDeps } from '../deps.ts';

export function knownKinds(deps: Pick<NodeDeps, 'schemas' | 'handlers'>): string[] {
  return [...new Set([...deps.schemas.kinds(), ...deps.handlers.kinds()])].sort();
}
