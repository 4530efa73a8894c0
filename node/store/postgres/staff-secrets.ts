/**
 * Sealing, in place, the staff secrets (TOTP keys, the identity provider's client secret) a node
 * wrote in the clear before it had a storage key; what they are is in rows/staff-secrets.ts.
 */
import { eq } from 'drizzle-orm';
import type { PgDb } from '../../db/open-postgres.ts';
import { staffSettings, staffUsers } from '../../db/pg-schema/staff.ts';
import { isSealed, type SecretBox } from '../../identity/secret-box.ts';
import {
  hasClientSecret,
  OIDC_KEY,
  sealStaffSetting,
  TOTP_KEY_PURPOSE,
} from '../rows/staff-secrets.ts';

/** Seals every clear staff secret in place; returns how many. Without a key, does nothing. */
export async function sealStoredStaffSecrets(db: PgDb, box: SecretBox): Promise<number> {
  if (!box.hasKey) return 0;
  let sealed = 0;
  for (const row of await db.select().from(staffUsers)) {
    if (row.totpKey === null || isSealed(row.totpKey)) continue;
    await db
      .update(staffUsers)
      .set({ totpKey: box.seal(row.totpKey, TOTP_KEY_PURPOSE) })
      .where(eq(staffUsers.id, row.id));
    sealed++;
  }
  const [oidc] = await db.select().from(staffSettings).where(eq(staffSettings.key, OIDC_KEY));
  if (oidc) {
    const value = JSON.parse(oidc.value) as unknown;
    if (hasClientSecret(value) && !isSealed(value.clientSecret)) {
      await db
        .update(staffSettings)
        .set({ value: JSON.stringify(sealStaffSetting(box, OIDC_KEY, value)) })
        .where(eq(staffSettings.key, OIDC_KEY));
      sealed++;
    }
  }
  return sealed;
}
