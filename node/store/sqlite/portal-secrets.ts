/**
 * The portal's secrets in the database, sealed with the node's storage key (secret-box.ts): each
 * portal partner's private key and the SMTP password. The repo seals on write and opens on read;
 * `sealStoredSecrets` seals, in place, the clear values a node wrote before it had the key.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { portalPartners, portalSettings } from '../../db/schema/portal.ts';
import { isSealed, type SecretBox } from '../../identity/secret-box.ts';
import { hasPassword, PRIVATE_KEY_PURPOSE, sealSetting, SMTP_KEY } from '../rows/portal-secrets.ts';

export {
  openSetting,
  PRIVATE_KEY_PURPOSE,
  SMTP_PASSWORD_PURPOSE,
  sealSetting,
} from '../rows/portal-secrets.ts';

/** Seals every clear secret in place; returns how many. Without a key, does nothing. */
export function sealStoredSecrets(db: Db, box: SecretBox): number {
  if (!box.hasKey) return 0;
  let sealed = 0;
  for (const row of db.select().from(portalPartners).all()) {
    if (isSealed(row.privateJwk)) continue;
    db.update(portalPartners)
      .set({ privateJwk: box.seal(row.privateJwk, PRIVATE_KEY_PURPOSE) })
      .where(eq(portalPartners.partnerId, row.partnerId))
      .run();
    sealed++;
  }
  const smtp = db.select().from(portalSettings).where(eq(portalSettings.key, SMTP_KEY)).get();
  if (smtp) {
    const value = JSON.parse(smtp.value) as unknown;
    if (hasPassword(value) && !isSealed(value.password)) {
      db.update(portalSettings)
        .set({ value: JSON.stringify(sealSetting(box, SMTP_KEY, value)) })
        .where(eq(portalSettings.key, SMTP_KEY))
        .run();
      sealed++;
    }
  }
  return sealed;
}
