/**
 * The staff accounts' secrets in the database, sealed with the node's storage key
 * (secret-box.ts) like the portal's: each person's TOTP key, whose copy would let anyone with a
 * backup of the database produce their second factor, and the identity provider's client secret.
 * The repo seals on write and opens on read; `sealStoredStaffSecrets` seals, in place, the clear
 * values a node wrote before it sealed them.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { staffSettings, staffUsers } from '../../db/schema/staff.ts';
import { isSealed, type SecretBox } from '../../identity/secret-box.ts';

/** What each sealed value is bound to (the cipher's additional data). */
export const TOTP_KEY_PURPOSE = 'staff_users.totp_key';
export const OIDC_SECRET_PURPOSE = 'staff_settings.oidc.client_secret';
const OIDC_KEY = 'oidc';

type OidcValue = { clientSecret: string } & Record<string, unknown>;

function hasClientSecret(value: unknown): value is OidcValue {
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

/** Seals every clear staff secret in place; returns how many. Without a key, does nothing. */
export function sealStoredStaffSecrets(db: Db, box: SecretBox): number {
  if (!box.hasKey) return 0;
  let sealed = 0;
  for (const row of db.select().from(staffUsers).all()) {
    if (row.totpKey === null || isSealed(row.totpKey)) continue;
    db.update(staffUsers)
      .set({ totpKey: box.seal(row.totpKey, TOTP_KEY_PURPOSE) })
      .where(eq(staffUsers.id, row.id))
      .run();
    sealed++;
  }
  const oidc = db.select().from(staffSettings).where(eq(staffSettings.key, OIDC_KEY)).get();
  if (oidc) {
    const value = JSON.parse(oidc.value) as unknown;
    if (hasClientSecret(value) && !isSealed(value.clientSecret)) {
      db.update(staffSettings)
        .set({ value: JSON.stringify(sealStaffSetting(box, OIDC_KEY, value)) })
        .where(eq(staffSettings.key, OIDC_KEY))
        .run();
      sealed++;
    }
  }
  return sealed;
}
