/**
 * Ed25519 keys as JWKs: generation, import, validation of a partner's JWKS document.
 *
 * @module
 */
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair as joseGenerateKeyPair,
  importJWK,
} from 'jose';
import type { CryptoKey } from 'jose';
import { KeyObject, sign as nodeSign, verify as nodeVerify, type webcrypto } from 'node:crypto';
import { JWS_ALG } from './constants.ts';

/** A public Ed25519 signing key as published in a node's JWKS. */
export type PublicJwk = {
  kty: 'OKP';
  crv: 'Ed25519';
  /** base64url of the 32-byte public key. */
  x: string;
  /** Key id; for keys generated here, the RFC 7638 thumbprint. */
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
};

/** A private Ed25519 key as a JWK: the public fields plus the private `d`. Keep it secret. */
export type PrivateJwk = PublicJwk & {
  /** base64url of the 32-byte private key. */
  d: string;
};

/** A key ready to sign: its key id and the (non-extractable) WebCrypto private key. */
export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

/** A newly generated key pair. */
export interface GeneratedKeyPair {
  kid: string;
  privateJwk: PrivateJwk;
  publicJwk: PublicJwk;
}

/** Result of {@link parseJwks}. */
export type ParseJwksResult = { ok: true; keys: PublicJwk[] } | { ok: false; detail: string };

/** Most keys a JWKS document may list. */
export const MAX_JWKS_KEYS = 20;
/** Longest accepted key id. */
export const MAX_KID_LENGTH = 200;

const B64U_32 = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * Generates an Ed25519 key pair. `kid` is the RFC 7638 thumbprint (SHA-256) of the public key.
 */
export async function generateKeyPair(): Promise<GeneratedKeyPair> {
  const { privateKey } = await joseGenerateKeyPair(JWS_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (typeof jwk.x !== 'string' || typeof jwk.d !== 'string') {
    throw new Error('generateKeyPair: exported key lacks x or d');
  }
  const kid = await thumbprint(jwk.x);
  const publicJwk: PublicJwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: jwk.x,
    kid,
    alg: JWS_ALG,
    use: 'sig',
  };
  return { kid, privateJwk: { ...publicJwk, d: jwk.d }, publicJwk };
}

/** RFC 7638 thumbprint (SHA-256, base64url) of an Ed25519 public key given by its `x`. */
export function thumbprint(x: string): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256');
}

/**
 * Imports a private JWK for signing. A missing `kid` is computed as the thumbprint. The
 * resulting CryptoKey is not extractable. Throws `TypeError` when the JWK is not an Ed25519
 * private key or its `x` is not the public key of `d` (a configuration error the node should
 * report at start-up).
 */
export async function importSigningKey(
  privateJwk: PrivateJwk | Readonly<Record<string, unknown>>,
): Promise<SigningKey> {
  const j = privateJwk as Record<string, unknown>;
  if (
    j.kty !== 'OKP' ||
    j.crv !== 'Ed25519' ||
    typeof j.x !== 'string' ||
    !B64U_32.test(j.x) ||
    typeof j.d !== 'string' ||
    !B64U_32.test(j.d)
  ) {
    throw new TypeError('importSigningKey: not an Ed25519 private JWK');
  }
  if (j.kid !== undefined && !isKid(j.kid)) throw new TypeError('importSigningKey: invalid kid');
  const kid = typeof j.kid === 'string' ? j.kid : await thumbprint(j.x);
  let key: unknown;
  try {
    key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: j.x, d: j.d }, JWS_ALG, {
      extractable: false,
    });
  } catch (err) {
    // WebCrypto refuses a JWK whose x is not the public key of d.
    throw new TypeError(`importSigningKey: ${(err as Error).message}`);
  }
  if (!isCryptoKey(key) || key.type !== 'private') {
    throw new TypeError('importSigningKey: not a private key');
  }
  return { kid, key };
}

const verifyKeyCache = new Map<string, Promise<CryptoKey>>();
const MAX_CACHED_VERIFY_KEYS = 1000;

/**
 * Imports a public JWK for verification. Imported keys are cached (by kid and x, at most 1000,
 * oldest dropped first), so verifying on the hot path does not re-import. Throws `TypeError`
 * when `jwk` fails {@link isPublicJwk}.
 */
export function importVerifyKey(jwk: PublicJwk): Promise<CryptoKey> {
  if (!isPublicJwk(jwk)) return Promise.reject(new TypeError('importVerifyKey: not a PublicJwk'));
  const cacheKey = `${jwk.kid}\u0000${jwk.x}`;
  const cached = verifyKeyCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const imported = importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, JWS_ALG).then((key) => {
    if (!isCryptoKey(key)) throw new TypeError('importVerifyKey: import gave no CryptoKey');
    return key;
  });
  if (verifyKeyCache.size >= MAX_CACHED_VERIFY_KEYS) {
    const oldest = verifyKeyCache.keys().next();
    if (oldest.done !== true) verifyKeyCache.delete(oldest.value);
  }
  verifyKeyCache.set(cacheKey, imported);
  imported.catch(() => verifyKeyCache.delete(cacheKey));
  return imported;
}

/**
 * Whether `x` is a public Ed25519 signing JWK as the protocol publishes them: `kty` OKP,
 * `crv` Ed25519, `x` the base64url of 32 bytes, a non-empty `kid` of at most 200 characters,
 * `alg` EdDSA, `use` sig, and no private `d`. Other members are tolerated.
 */
export function isPublicJwk(x: unknown): x is PublicJwk {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const j = x as Record<string, unknown>;
  return (
    j.kty === 'OKP' &&
    j.crv === 'Ed25519' &&
    typeof j.x === 'string' &&
    B64U_32.test(j.x) &&
    isKid(j.kid) &&
    j.alg === JWS_ALG &&
    j.use === 'sig' &&
    !Object.hasOwn(j, 'd')
  );
}

/**
 * Reads a partner's JWKS document `{ "keys": [...] }`. Keeps the Ed25519 signing keys (each
 * normalized to exactly the {@link PublicJwk} members) and ignores keys of another `kty`/`crv`,
 * or with an `alg` other than EdDSA or a `use` other than sig. Fails when the document is not
 * that shape, lists more than {@link MAX_JWKS_KEYS} keys, contains any private key (`d`), lists
 * an Ed25519 key without a valid `kid` or `x`, or lists one kid twice.
 */
export function parseJwks(doc: unknown): ParseJwksResult {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, detail: 'JWKS is not a JSON object' };
  }
  const list = (doc as Record<string, unknown>).keys;
  if (!Array.isArray(list)) return { ok: false, detail: 'JWKS has no keys array' };
  if (list.length > MAX_JWKS_KEYS) {
    return { ok: false, detail: `JWKS lists more than ${MAX_JWKS_KEYS} keys` };
  }
  const keys: PublicJwk[] = [];
  const kids = new Set<string>();
  for (const [i, item] of list.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return { ok: false, detail: `keys[${i}] is not an object` };
    }
    const j = item as Record<string, unknown>;
    if (Object.hasOwn(j, 'd')) return { ok: false, detail: `keys[${i}] is a private key` };
    if (j.kty !== 'OKP' || j.crv !== 'Ed25519') continue;
    if (j.alg !== undefined && j.alg !== JWS_ALG) continue;
    if (j.use !== undefined && j.use !== 'sig') continue;
    if (typeof j.x !== 'string' || !B64U_32.test(j.x)) {
      return { ok: false, detail: `keys[${i}].x is not a 32-byte base64url value` };
    }
    if (!isKid(j.kid)) return { ok: false, detail: `keys[${i}].kid is missing or invalid` };
    if (kids.has(j.kid))
      return { ok: false, detail: `kid ${JSON.stringify(j.kid)} is listed twice` };
    kids.add(j.kid);
    keys.push({ kty: 'OKP', crv: 'Ed25519', x: j.x, kid: j.kid, alg: JWS_ALG, use: 'sig' });
  }
  return { ok: true, keys };
}

/** Builds the JWKS document a node publishes from its public keys. */
export function buildJwks(keys: readonly PublicJwk[]): { keys: PublicJwk[] } {
  return {
    keys: keys.map((k) => ({ kty: k.kty, crv: k.crv, x: k.x, kid: k.kid, alg: k.alg, use: k.use })),
  };
}

function isKid(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= MAX_KID_LENGTH;
}

function isCryptoKey(x: unknown): x is CryptoKey {
  return typeof x === 'object' && x !== null && 'type' in x && 'algorithm' in x;
}

const keyObjects = new WeakMap<CryptoKey, KeyObject>();

/**
 * The node:crypto `KeyObject` behind a WebCrypto key: the same OpenSSL key, without a copy, so
 * the key is still imported (and checked) by jose. Cached per key.
 */
function keyObjectOf(key: CryptoKey): KeyObject {
  let keyObject = keyObjects.get(key);
  if (keyObject === undefined) {
    keyObject = KeyObject.from(key as unknown as webcrypto.CryptoKey);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

/**
 * Ed25519 signature of `data` with a private key from {@link importSigningKey}. The same OpenSSL
 * operation as WebCrypto's `subtle.sign` (which jose calls), without WebCrypto's and jose's
 * per-call overhead; it runs on libuv's thread pool, so a batch of signatures uses every core.
 * Ed25519 is deterministic: the signature is the one jose would produce, byte for byte.
 */
export function ed25519Sign(key: CryptoKey, data: Uint8Array): Promise<Buffer> {
  const keyObject = keyObjectOf(key);
  return new Promise((resolve, reject) => {
    nodeSign(null, data, keyObject, (error, signature) =>
      error ? reject(error) : resolve(signature),
    );
  });
}

/**
 * Verifies an Ed25519 signature over `data` with a public key from {@link importVerifyKey}: the
 * OpenSSL verification WebCrypto's `subtle.verify` (and so jose's `compactVerify`) runs, on
 * libuv's thread pool. Resolves false for a signature that does not verify; rejects only when
 * the key cannot be used.
 */
export function ed25519Verify(
  key: CryptoKey,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const keyObject = keyObjectOf(key);
  return new Promise((resolve, reject) => {
    nodeVerify(null, data, keyObject, signature, (error, ok) =>
      error ? reject(error) : resolve(ok),
    );
  });
}
