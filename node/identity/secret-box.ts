/**
 * Encryption of the few secrets the database must hold (portal partners' private keys, the SMTP
 * password, staff TOTP keys, the OIDC client secret), so that a copy of `partner-sync.db` alone reveals none of them. AES-256-GCM from
 * node:crypto with the storage key kept in the 0600 keys file (key-store.ts); a fresh 12-byte IV
 * per value, and the place a value is kept (`purpose`) as additional data, so a sealed value
 * copied into another column does not open.
 *
 * A sealed value reads `sealed:v1:<iv>.<ciphertext>.<tag>` (base64url). Values written before
 * the node had a storage key are clear; `open` passes them through, and the node seals them at
 * its next start (seal-stored-secrets.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** Whether this box holds a key; without one `seal` keeps the value clear. */
  readonly hasKey: boolean;
  seal(plain: string, purpose: string): string;
  /** The clear value of a sealed one; a clear value is returned as it is. */
  open(value: string, purpose: string): string;
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** A new random storage key, base64url, for the keys file. */
export function newStorageKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}

export function createSecretBox(storageKey: string | null): SecretBox {
  const key = storageKey === null ? null : Buffer.from(storageKey, 'base64url');
  if (key !== null && key.length !== KEY_BYTES) {
    throw new Error(`the storage key must be ${KEY_BYTES} bytes`);
  }
  return {
    hasKey: key !== null,
    seal(plain, purpose) {
      if (key === null) return plain;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, sealed, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return `${PREFIX}${parts.join('.')}`;
    },
    open(value, purpose) {
      if (!isSealed(value)) return value;
      if (key === null) {
        throw new Error('a sealed secret was found but the keys file holds no storage key');
      }
      const [iv, sealed, tag] = value
        .slice(PREFIX.length)
        .split('.')
        .map((p) => Buffer.from(p, 'base64url'));
      if (!iv || !sealed || !tag) throw new Error('a sealed secret is malformed');
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(purpose, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
    },
  };
}
