/**
 * Changing the staff settings (an owner's act: `partner-sync staff settings`): each change is
 * checked, then all are stored and audited together. The OIDC client secret is never audited.
 */
import { ROLES, type Role } from '../domain-kernel/roles.ts';
import { badRequest } from '../errors.ts';
import type { AuditActor } from './audit-actor.ts';
import { appendAudit } from './audit-chain.ts';
import type { StaffDeps } from './staff-accounts.ts';
import {
  readStaffSettings,
  staffSettingsView,
  type OidcSettings,
  type StaffSettings,
} from './staff-settings.ts';

export const SETTING_BOUNDS = {
  sessionIdleMinutes: { min: 5, max: 24 * 60 },
  sessionMaxHours: { min: 1, max: 24 * 30 },
  linkHours: { min: 1, max: 24 * 7 },
  lockoutThreshold: { min: 3, max: 100 },
  lockoutMinutes: { min: 1, max: 24 * 60 },
} as const;

type NumericKey = keyof typeof SETTING_BOUNDS;

export interface StaffSettingsChange extends Partial<
  Pick<StaffSettings, NumericKey | 'requireTotp'>
> {
  /** null turns single sign-on off. */
  oidc?: OidcSettings | null;
}

/** `group=role` pairs (several roles per group by repeating the group) into the mapping. */
export function parseGroupRoles(pairs: readonly string[]): Record<string, Role[]> {
  const map: Record<string, Role[]> = {};
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    const group = pair.slice(0, eq).trim();
    const role = pair.slice(eq + 1).trim();
    if (eq <= 0 || group.length > 200 || !(ROLES as readonly string[]).includes(role)) {
      throw badRequest(
        'invalid_setting',
        `"${pair}" is not GROUP=ROLE with a role among ${ROLES.join(', ')}`,
        'groupRoles',
      );
    }
    const roles = (map[group] ??= []);
    if (!roles.includes(role as Role)) roles.push(role as Role);
  }
  return map;
}

function checkOidc(oidc: OidcSettings): void {
  let issuer: URL;
  try {
    issuer = new URL(oidc.issuer);
  } catch {
    throw badRequest('invalid_setting', 'the OIDC issuer must be a URL', 'oidcIssuer');
  }
  if (issuer.protocol !== 'https:' && issuer.protocol !== 'http:') {
    throw badRequest('invalid_setting', 'the OIDC issuer must be an https URL', 'oidcIssuer');
  }
  if (!oidc.clientId || oidc.clientId.length > 500) {
    throw badRequest('invalid_setting', 'give the OIDC client id', 'oidcClientId');
  }
  if (!oidc.clientSecret || oidc.clientSecret.length > 500) {
    throw badRequest('invalid_setting', 'give the OIDC client secret', 'oidcClientSecret');
  }
  if (!/^[\w.:/-]{1,100}$/.test(oidc.groupsClaim)) {
    throw badRequest(
      'invalid_setting',
      'the groups claim is a claim name such as groups',
      'oidcGroupsClaim',
    );
  }
}

export async function changeStaffSettings(
  deps: StaffDeps,
  change: StaffSettingsChange,
  actor: AuditActor,
) {
  for (const [key, bounds] of Object.entries(SETTING_BOUNDS) as Array<
    [NumericKey, { min: number; max: number }]
  >) {
    const value = change[key];
    if (
      value !== undefined &&
      (!Number.isSafeInteger(value) || value < bounds.min || value > bounds.max)
    ) {
      throw badRequest(
        'invalid_setting',
        `${key} must be from ${bounds.min} to ${bounds.max}`,
        key,
      );
    }
  }
  if (change.oidc) checkOidc(change.oidc);
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const changed: string[] = [];
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) continue;
      await tx.staff.setSetting(key, value, now);
      changed.push(key);
    }
    const after = staffSettingsView(await readStaffSettings(tx));
    if (changed.length > 0) {
      await appendAudit(tx, {
        ...actor,
        at: now,
        operation: 'settings.staff',
        record: 'settings/staff',
        outcome: 'ok',
        messageIds: [],
        detail: { changed, after },
      });
    }
    return after;
  });
}
