/**
 * Sealing, in place, the staff secrets (TOTP keys, the identity provider's client secret) a node
 * wrote in the clear before it had a storage key; what they are is in rows/staff-secrets.ts.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { staffSettings, staffUsers } from '../../db/schema/staff.ts';
import { isSealed, type SecretBox } from '../../identity/secret-box.ts';
import {
  hasClientSecret,
  OIDC_KEY,
  sealStaffSetting,
  TOTP_KEY_PURPOSE,
} from '../rows/staff-secrets.ts';

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
