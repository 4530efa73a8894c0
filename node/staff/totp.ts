/**
 * TOTP second factor (RFC 6238: 30-second steps, 6 digits, SHA-1, as every authenticator app
 * reads it), computed as HOTP over the node's clock so that tests can move time. A code is
 * accepted one step early or late, and each step only once.
 */
import { randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';

const PERIOD_S = 30;
const DIGITS = 6;

export function newTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(20));
}

export const totpKeyText = (key: Uint8Array): string => encodeBase32NoPadding(key);

/** The key from its base32 text, or null when it is not one of ours (20 bytes). */
export function totpKeyFromText(text: string): Uint8Array | null {
  try {
    const key = decodeBase32IgnorePadding(text.replace(/\s+/g, '').toUpperCase());
    return key.length === 20 ? key : null;
  } catch {
    return null;
  }
}

export function totpUri(issuer: string, account: string, key: Uint8Array): string {
  return createTOTPKeyURI(issuer, account, key, PERIOD_S, DIGITS);
}

/** The time step a code matched (to refuse it next time), or null. */
export function matchTotp(
  key: Uint8Array,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD_S);
  for (const candidate of [step, step - 1, step + 1]) {
    if (lastStep !== null && candidate <= lastStep) continue;
    if (verifyHOTP(key, BigInt(candidate), DIGITS, code)) return candidate;
  }
  return null;
}
