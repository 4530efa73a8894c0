/**
 * The staff accounts' secrets in the database, sealed with the node's storage key
 * (secret-box.ts) like the portal's: each person's TOTP key, whose copy would let anyone with a
 * backup of the database produce their second factor, and the identity provider's client secret.
 * The repos seal on write and open on read; each engine's `sealStoredStaffSecrets`
 * (sqlite/staff-secrets.ts, postgres/staff-secrets.ts) seals, in place, the clear values a node
 * wrote before it sealed them. What follows is the part both engines share.
 */
import type { SecretBox } from '../../identity/secret-box.ts';

/** What each sealed value is bound to (the cipher's additional data). */
export const TOTP_KEY_PURPOSE = 'staff_users.totp_key';
export const OIDC_SECRET_PURPOSE = 'staff_settings.oidc.client_secret';
export const OIDC_KEY = 'oidc';

type OidcValue = { clientSecret: string } & Record<string, unknown>;

export function hasClientSecret(value: unknown): value is OidcValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { clientSecret?: unknown }).clientSecret === 'string'
  );
}

/** A staff setting as stored: the client secret sealed. */
export function sealStaffSetting(box: SecretBox, key: string, value: unknown): unknown {
  if (key !== OIDC_KEY || !hasClientSecret(value)) return value;
  return { ...value, clientSecret: box.seal(value.clientSecret, OIDC_SECRET_PURPOSE) };
}

/** A staff setting as read: the client secret opened. */
export function openStaffSetting(box: SecretBox, key: string, value: unknown): unknown {
  if (key !== OIDC_KEY || !hasClientSecret(value)) return value;
  return { ...value, clientSecret: box.open(value.clientSecret, OIDC_SECRET_PURPOSE) };
}
