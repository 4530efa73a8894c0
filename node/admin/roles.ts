/**
 * The staff roles (fixed names) and the rule that decides whether a caller may perform an admin
 * operation. Each admin operation declares the roles it needs; owner and admin may do everything.
 */
export const ROLES = [
  'owner',
  'admin',
  'channel_manager',
  'service_agent',
  'order_desk',
  'finance',
  'viewer',
] as const;

export type Role = (typeof ROLES)[number];

/** Who is calling the admin API; set by the authentication middleware as the context variable `principal`. */
export interface Principal {
  kind: 'admin-token' | 'api-token' | 'session';
  staffId: string | null;
  email: string | null;
  roles: readonly Role[];
  tokenId: string | null;
}

/** owner and admin may do everything; anyone else needs one of the operation's roles. */
export function mayPerform(
  principal: Pick<Principal, 'roles'>,
  required: readonly Role[],
): boolean {
  return principal.roles.some((r) => r === 'owner' || r === 'admin' || required.includes(r));
}
