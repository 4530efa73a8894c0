/**
 * The staff settings, kept in the database (staff_settings) so that an owner changes them with
 * the CLI without a restart: whether a second factor is mandatory, session and link lifetimes,
 * the per-account lockout, and the OpenID Connect provider with its group-to-role mapping.
 */
import { ROLES, type Role } from '../domain-kernel/roles.ts';
import type { StoreTx } from '../store/store.ts';

export interface OidcSettings {
  /** The provider's issuer URL; its discovery document is read from there. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token / userinfo claim that lists the person's groups. */
  groupsClaim: string;
  /** Provider group → roles it grants; a person gets the union over their groups. */
  groupRoles: Record<string, Role[]>;
}

export interface StaffSettings {
  requireTotp: boolean;
  /** A session unused this long ends. */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  sessionMaxHours: number;
  linkHours: number;
  /** Failed sign-ins in a row that lock an account… */
  lockoutThreshold: number;
  /** …for this long. */
  lockoutMinutes: number;
  oidc: OidcSettings | null;
}

export const DEFAULT_STAFF_SETTINGS: Readonly<StaffSettings> = Object.freeze({
  requireTotp: false,
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  linkHours: 24,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  oidc: null,
});

export async function readStaffSettings(tx: StoreTx): Promise<StaffSettings> {
  return { ...DEFAULT_STAFF_SETTINGS, ...(await tx.staff.settings()) } as StaffSettings;
}

/** What may be shown: the client secret only as whether one is set. */
export function staffSettingsView(s: StaffSettings) {
  return {
    requireTotp: s.requireTotp,
    sessionIdleMinutes: s.sessionIdleMinutes,
    sessionMaxHours: s.sessionMaxHours,
    linkHours: s.linkHours,
    lockoutThreshold: s.lockoutThreshold,
    lockoutMinutes: s.lockoutMinutes,
    oidc:
      s.oidc === null
        ? null
        : {
            issuer: s.oidc.issuer,
            clientId: s.oidc.clientId,
            clientSecretSet: s.oidc.clientSecret !== '',
            groupsClaim: s.oidc.groupsClaim,
            groupRoles: s.oidc.groupRoles,
          },
  };
}

/** The roles a person's provider groups grant, in ROLES order. */
export function rolesForGroups(oidc: OidcSettings, groups: readonly string[]): Role[] {
  const granted = new Set<Role>();
  for (const g of groups) for (const r of oidc.groupRoles[g] ?? []) granted.add(r);
  return ROLES.filter((r) => granted.has(r));
}
