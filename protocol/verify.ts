/**
 * The inbound check of a message, in the order the protocol fixes: `malformed`,
 * `unsupported_version`, `unknown_partner`, `wrong_recipient`, `unknown_key` / `bad_signature`,
 * `stale`. Kind, schema, authorization and deduplication are the node's later steps.
 *
 * @module
 */
import type { RejectionCode } from './codes.ts';
import type { CryptoKey } from 'jose';
import { DEFAULT_REPLAY_WINDOW_MS, JWS_ALG, MAX_FUTURE_SKEW_MS } from './constants.ts';
import { ed25519Verify, importVerifyKey, isPublicJwk } from './keys.ts';
import type { PublicJwk } from './keys.ts';
import type { MessagePayload } from './message.ts';
import { readUnverifiedMessage } from './read-message.ts';
import { parseUtcTimestamp } from './timestamp.ts';

/** Options of {@link verifyMessage}. */
export interface VerifyOptions {
  /** This node's id; the message's `to` must equal it. */
  self: string;
  /** The receiver's current time. */
  now: Date;
  /** How old `sentAt` may be; default {@link DEFAULT_REPLAY_WINDOW_MS} (30 days). */
  replayWindowMs?: number;
  /**
   * Keys of the partner named in `from`, or null when `from` is not a known partner
   * (→ `unknown_partner`). Errors it throws propagate out of {@link verifyMessage}.
   */
  keysFor(from: string): Promise<PublicJwk[] | null>;
  /**
   * Called at most once per verification when the header's kid is not among `keysFor`'s keys;
   * returns a fresh key set (or null). Rate limiting the refetch (once a minute per partner) is
   * the caller's job. Errors it throws propagate out of {@link verifyMessage}.
   */
  refreshKeysFor?(from: string): Promise<PublicJwk[] | null>;
}

/** Result of {@link verifyMessage}. `id` is the payload's id when it could be read, else null. */
export type VerifyResult =
  | { ok: true; message: MessagePayload; kid: string }
  | { ok: false; code: RejectionCode; detail: string; id: string | null };

/** Result of {@link checkFreshness}. */
export type FreshnessResult = { ok: true } | { ok: false; detail: string };

const ED25519_SIGNATURE_BYTES = 64;

/**
 * Verifies an inbound message JWS. Never throws for any `jws` value: every failure is a result
 * with its rejection code. (Errors thrown by `keysFor` / `refreshKeysFor` propagate unchanged,
 * since a failing key store is not the sender's fault and must not become a final rejection.)
 *
 * The payload is decoded from the compact form and checked (strict UTF-8, I-JSON, envelope)
 * before any key lookup or signature check, cheapest first. The returned `message` is parsed from
 * exactly the bytes whose signature was verified.
 */
export async function verifyMessage(jws: unknown, opts: VerifyOptions): Promise<VerifyResult> {
  const read = readUnverifiedMessage(jws);
  if (!read.ok) return reject(read.code, read.detail, read.id);
  const { message, header, signature } = read;
  const id = message.id;

  const keys = await opts.keysFor(message.from);
  if (keys === null) return reject('unknown_partner', 'sender is not a connected partner', id);
  if (message.to !== opts.self) return reject('wrong_recipient', 'to is not this node', id);
  if (header.alg !== JWS_ALG) return reject('bad_signature', `alg must be ${JWS_ALG}`, id);

  let jwk = findKey(keys, header.kid);
  if (jwk === undefined && opts.refreshKeysFor !== undefined) {
    const fresh = await opts.refreshKeysFor(message.from);
    if (fresh !== null) jwk = findKey(fresh, header.kid);
  }
  if (jwk === undefined) return reject('unknown_key', 'kid is not a key of the sender', id);

  if (signature.byteLength !== ED25519_SIGNATURE_BYTES) {
    return reject('bad_signature', 'signature does not verify', id);
  }
  let key: CryptoKey;
  try {
    key = await importVerifyKey(jwk);
  } catch {
    return reject('unknown_key', 'the sender key could not be imported', id);
  }
  // The signature covers the header and payload segments exactly as received, and `message` was
  // parsed from exactly those payload bytes (readUnverifiedMessage decoded the canonical
  // segments), so the message returned is the one whose bytes were verified.
  if (!(await verifyJwsSignature(jws as string, key, signature))) {
    return reject('bad_signature', 'signature does not verify', id);
  }

  const fresh = checkFreshness(message.sentAt, opts.now, opts.replayWindowMs);
  if (!fresh.ok) return reject('stale', fresh.detail, id);
  return { ok: true, message, kid: jwk.kid };
}

/**
 * Checks `sentAt` against the receiver's clock: at most {@link MAX_FUTURE_SKEW_MS} (5 minutes)
 * in the future and not older than `replayWindowMs` (default 30 days). Both bounds are inclusive.
 * Throws `TypeError` on an invalid `now` or a negative window (programmer errors).
 */
export function checkFreshness(
  sentAt: string,
  now: Date,
  replayWindowMs: number = DEFAULT_REPLAY_WINDOW_MS,
): FreshnessResult {
  if (Number.isNaN(now.getTime())) throw new TypeError('checkFreshness: now is an invalid Date');
  if (!(replayWindowMs >= 0)) throw new TypeError('checkFreshness: replayWindowMs must be >= 0');
  const t = parseUtcTimestamp(sentAt);
  if (t === null) return { ok: false, detail: 'sentAt is not an RFC 3339 UTC time' };
  const ahead = t - now.getTime();
  if (ahead > MAX_FUTURE_SKEW_MS) {
    return { ok: false, detail: 'sentAt is more than 5 minutes in the future' };
  }
  if (-ahead > replayWindowMs)
    return { ok: false, detail: 'sentAt is older than the replay window' };
  return { ok: true };
}

/**
 * Checks the Ed25519 signature of a compact JWS whose segments were already decoded and checked
 * (canonical base64url, header with `alg` EdDSA and no `crit` or `b64`): the signature bytes
 * over the ASCII of `header.payload`, as RFC 7515 §5.2 verifies them. Never throws: a key that
 * cannot verify is a signature that does not verify.
 *
 * This is what jose's `compactVerify` checks once its own parsing passes, with the same OpenSSL
 * verification WebCrypto runs; a test holds the two to the same answers. The check runs on
 * libuv's thread pool, so the verifications of a batch proceed in parallel.
 */
export async function verifyJwsSignature(
  jws: string,
  key: CryptoKey,
  signature: Uint8Array,
): Promise<boolean> {
  if (!scalarBelowOrder(signature)) return false;
  try {
    return await ed25519Verify(
      key,
      Buffer.from(jws.slice(0, jws.lastIndexOf('.')), 'latin1'),
      signature,
    );
  } catch {
    return false;
  }
}

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian bytes. */
const ORDER_LE = [
  237, 211, 245, 92, 26, 99, 18, 88, 214, 156, 247, 162, 222, 249, 222, 20, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 16,
];

/**
 * Whether an Ed25519 signature's S (its last 32 bytes, little-endian) is below the group order L.
 * RFC 8032 §5.1.7 refuses a signature whose S is not, and OpenSSL checks it before any curve
 * arithmetic; checked here, such a signature costs no trip to the thread pool. Random bytes fail
 * it 15 times in 16, so most garbage a flood sends is refused for the price of a comparison (a
 * forger who keeps S below L still costs a whole verification). Other lengths are left to the
 * verification, which refuses them.
 */
function scalarBelowOrder(signature: Uint8Array): boolean {
  if (signature.byteLength !== ED25519_SIGNATURE_BYTES) return true;
  for (let i = 31; i >= 0; i--) {
    const s = signature[32 + i]!;
    const l = ORDER_LE[i]!;
    if (s !== l) return s < l;
  }
  return false;
}

function findKey(keys: readonly PublicJwk[], kid: string): PublicJwk | undefined {
  return keys.find((k) => k.kid === kid && isPublicJwk(k));
}

function reject(code: RejectionCode, detail: string, id: string | null): VerifyResult {
  return { ok: false, code, detail, id };
}
