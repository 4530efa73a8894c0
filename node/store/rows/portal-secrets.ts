/**
 * The portal's secrets as stored, sealed with the node's storage key (secret-box.ts): each portal
 * partner's private key and the SMTP password. Both stores seal on write and open on read.
 */
import type { SecretBox } from '../../identity/secret-box.ts';

/** What each sealed value is bound to (the cipher's additional data). */
export const PRIVATE_KEY_PURPOSE = 'portal_partners.private_jwk';
export const SMTP_PASSWORD_PURPOSE = 'portal_settings.smtp.password';
export const SMTP_KEY = 'smtp';

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

export function hasPassword(value: unknown): value is SmtpValue & { password: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as SmtpValue).password === 'string'
  );
}
