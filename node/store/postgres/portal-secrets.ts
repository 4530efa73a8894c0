/** Sealing, in place, the portal secrets a node wrote in the clear before it had a storage key. */
import { eq } from 'drizzle-orm';
import type { PgDb } from '../../db/open-postgres.ts';
import { portalPartners, portalSettings } from '../../db/pg-schema/portal.ts';
import { isSealed, type SecretBox } from '../../identity/secret-box.ts';
import { hasPassword, PRIVATE_KEY_PURPOSE, sealSetting, SMTP_KEY } from '../rows/portal-secrets.ts';

/** Seals every clear secret in place; returns how many. Without a key, does nothing. */
export async function sealStoredSecrets(db: PgDb, box: SecretBox): Promise<number> {
  if (!box.hasKey) return 0;
  let sealed = 0;
  for (const row of await db.select().from(portalPartners)) {
    if (isSealed(row.privateJwk)) continue;
    await db
      .update(portalPartners)
      .set({ privateJwk: box.seal(row.privateJwk, PRIVATE_KEY_PURPOSE) })
      .where(eq(portalPartners.partnerId, row.partnerId));
    sealed++;
  }
  const [smtp] = await db.select().from(portalSettings).where(eq(portalSettings.key, SMTP_KEY));
  if (smtp) {
    const value = JSON.parse(smtp.value) as unknown;
    if (hasPassword(value) && !isSealed(value.password)) {
      await db
        .update(portalSettings)
        .set({ value: JSON.stringify(sealSetting(box, SMTP_KEY, value)) })
        .where(eq(portalSettings.key, SMTP_KEY));
      sealed++;
    }
  }
  return sealed;
}
