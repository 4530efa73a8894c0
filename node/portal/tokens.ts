/** Secrets the portal hands out (sign-in links, session cookies, form tokens) and how they compare. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashToken } from '../partners/invitations.ts';

export { hashToken };

/** 32 random bytes, base64url: too many to guess, short enough for a link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two secrets in time independent of where they differ. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
