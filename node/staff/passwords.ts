/**
 * Passwords, hashed with argon2id (the OWASP-recommended parameters that @node-rs/argon2 uses by
 * default: 19 MiB, 2 passes, 1 lane). A sign-in for an unknown account still verifies against a
 * dummy hash, so that the answer's timing does not tell who has an account.
 */
import { hash, verify } from '@node-rs/argon2';
import { badRequest } from '../errors.ts';

export const PASSWORD_LENGTH = { min: 12, max: 256 } as const;

let dummyHash: Promise<string> | undefined;

export function checkNewPassword(password: string): void {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
    throw badRequest(
      'invalid_password',
      `choose a password of ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters`,
      'password',
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when `password` matches `stored`; with no stored hash, spends the same time and says no. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (password.length === 0 || password.length > PASSWORD_LENGTH.max) return false;
  if (stored === null) {
    dummyHash ??= hash('not a password of anyone');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
