/**
 * Whether a person may call an admin operation, from the operation's own declaration (its
 * `x-roles`, or the domain's roles while it is still described by hand). The console offers an
 * action only when this says yes, so what a page offers and what the API allows cannot drift
 * apart; the API still checks on every call.
 */
import { mayPerform, type Principal, type Role } from '../../domain-kernel/roles.ts';
import { OPERATIONS } from '../../admin/operations.ts';

export type OperationMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let byKey: Map<string, readonly Role[]> | null = null;

/** The roles besides owner and admin that may call `method path` (the document's path form). */
export function operationRoles(method: OperationMethod, path: string): readonly Role[] {
  byKey ??= new Map(OPERATIONS.map((o) => [`${o.method} ${o.path}`, o.roles]));
  const roles = byKey.get(`${method} ${path}`);
  // A programmer error: the console names an operation the API does not have.
  if (!roles) throw new Error(`no admin operation ${method} ${path}`);
  return roles;
}

export const mayCall = (
  principal: Pick<Principal, 'roles'>,
  method: OperationMethod,
  path: string,
): boolean => mayPerform(principal, operationRoles(method, path));
