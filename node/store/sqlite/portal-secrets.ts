/**
 * The portal's secrets in the database, sealed with the node's storage key (secret-box.ts): each
 * portal partner's private key and the SMTP password. The repo seals on write and opens on read;
 * `sealStoredSecrets` seals, in place, the clear values a node wrote before it had the key.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { portalPartners, portalSettings } from '../../db/schema/portal.ts';
import { isSealed, type SecretBox } from '../../identity/secret-box.ts';

/** What each sealed value is bound to (the cipher's additional data). */
export const PRIVATE_KEY_PURPOSE = 'portal_partners.private_jwk';
export const SMTP_PASSWORD_PURPOSE = 'portal_settings.smtp.password';
const SMTP_KEY = 'smtp';

type SmtpValue = { password?: string | null } & Record<string, unknown>;

/** A settings value as stored: the SMTP password sealed. */
export function sealSetting(box: SecretBox, key: string, value: unknown): unknown {
  if (key !== SMTP_KEY || !hasPassword(value)) return value;
  return { ...value, password: box.seal(value.password, SMTP_PASSWORD_PURPOSE) };
}

/** A settings value as read: the SMTP password opened. */
export function openSetting(box: SecretBox, key: string, value: unknown): unknown {
  if (key !== SMTP_KEY || !hasPassword(value)) return value;
  return { ...value, password: box.open(value.password, SMTP_PASSWORD_PURPOSE) };
}

function hasPassword(value: unknown): value is SmtpValue & { password: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as SmtpValue).password === 'string'
  );
}

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
