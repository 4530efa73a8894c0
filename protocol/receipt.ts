/**
 * Receipts: the recipient's signed statement that it accepted (or had already accepted) the
 * exact JWS a sender posted. The message and its receipt together prove what was sent and
 * received.
 *
 * @module
 */
import { hash } from 'node:crypto';
import { checkProtectedHeader, decodeCompactJws } from './compact-jws.ts';
import { JWS_ALG, PROTOCOL_VERSION, RECEIPT_TYP } from './constants.ts';
import { decodeUtf8Strict, parseIJson } from './ijson.ts';
import { importVerifyKey, isPublicJwk } from './keys.ts';
import type { PublicJwk, SigningKey } from './keys.ts';
import { MAX_MESSAGE_ID_LENGTH } from './message.ts';
import { isNodeId } from './node-id.ts';
import { signCompact } from './sign.ts';
import { formatUtcTimestamp, isUtcTimestamp } from './timestamp.ts';
import { verifyJwsSignature } from './verify.ts';

/** The payload of a receipt JWS. */
export interface ReceiptPayload {
  v: 1;
  /** Id of the message receipted. */
  receiptFor: string;
  /** The recipient of the message (who signs the receipt). */
  from: string;
  /** The sender of the message. */
  to: string;
  status: 'accepted' | 'duplicate';
  /** {@link digestOf} the JWS string received. */
  digest: string;
  /** RFC 3339 UTC time the message was (first) accepted. */
  receivedAt: string;
}

/** What the sender expects a receipt to state. */
export interface ReceiptExpectation {
  receiptFor: string;
  from: string;
  to: string;
  digest: string;
}

/** Options of {@link verifyReceipt}. */
export interface VerifyReceiptOptions {
  /** Keys of the recipient that signed the receipt. */
  keys: PublicJwk[];
  expect: ReceiptExpectation;
}

/** Result of {@link verifyReceipt}. */
export type VerifyReceiptResult =
  | { ok: true; receipt: ReceiptPayload; kid: string }
  | { ok: false; code: 'malformed' | 'unknown_key' | 'bad_signature' | 'mismatch'; detail: string };

/** A receipt payload whose `status` has not yet been checked against the known statuses. */
export type ReceiptPayloadShape = Omit<ReceiptPayload, 'status'> & { status: string };

/** Result of {@link checkReceiptPayload}. */
export type CheckReceiptResult =
  { ok: true; receipt: ReceiptPayloadShape } | { ok: false; detail: string };

const DIGEST_PATTERN = /^sha-256=[A-Za-z0-9_-]{43}$/;
const RECEIPT_FIELDS = new Set(['v', 'receiptFor', 'from', 'to', 'status', 'digest', 'receivedAt']);

/** `"sha-256=" + base64url(SHA-256(UTF-8 bytes of jws))`, without padding. */
export function digestOf(jws: string): string {
  // One-shot: half the time of createHash().update().digest() on a message's 1-2 KB, paid by
  // every message on both sides. A string is hashed as its UTF-8 bytes.
  return 'sha-256=' + hash('sha256', jws, 'base64url');
}

/** Builds a receipt payload for the message JWS `jws` received. */
export function buildReceipt(input: {
  receiptFor: string;
  from: string;
  to: string;
  status: 'accepted' | 'duplicate';
  jws: string;
  receivedAt: Date;
}): ReceiptPayload {
  return {
    v: PROTOCOL_VERSION,
    receiptFor: input.receiptFor,
    from: input.from,
    to: input.to,
    status: input.status,
    digest: digestOf(input.jws),
    receivedAt: formatUtcTimestamp(input.receivedAt),
  };
}

/**
 * Signs a receipt: compact JWS with header
 * `{ "alg": "EdDSA", "kid": key.kid, "typ": "partner-sync-receipt+jws" }`.
 * Throws `TypeError` when the payload is not a valid receipt (programmer error).
 */
export async function signReceipt(payload: ReceiptPayload, key: SigningKey): Promise<string> {
  const checked = checkReceiptPayload(payload);
  if (!checked.ok) throw new TypeError(`signReceipt: ${checked.detail}`);
  if (!isReceiptStatus(checked.receipt.status)) throw new TypeError('signReceipt: bad status');
  return signCompact(JSON.stringify(checked.receipt), RECEIPT_TYP, key);
}

/**
 * Verifies a receipt against what the sender sent. Never throws. Codes: `malformed` (not a
 * receipt JWS, or payload not a receipt), `bad_signature` (alg other than EdDSA, or the
 * signature does not verify), `unknown_key` (kid not among `opts.keys`), `mismatch`
 * (`receiptFor`, `from`, `to` or `digest` differ from `opts.expect`, or the status is neither
 * `accepted` nor `duplicate`). A receipt that is not ok is not a delivery.
 */
export async function verifyReceipt(
  receipt: unknown,
  opts: VerifyReceiptOptions,
): Promise<VerifyReceiptResult> {
  const decoded = decodeCompactJws(receipt);
  if (!decoded.ok) return { ok: false, code: 'malformed', detail: decoded.detail };
  const header = checkProtectedHeader(decoded.header, RECEIPT_TYP);
  if (!header.ok) return { ok: false, code: 'malformed', detail: header.detail };
  const text = decodeUtf8Strict(decoded.payload);
  if (!text.ok) return { ok: false, code: 'malformed', detail: text.detail };
  const parsed = parseIJson(text.text);
  if (!parsed.ok) return { ok: false, code: 'malformed', detail: `payload: ${parsed.detail}` };
  const checked = checkReceiptPayload(parsed.value);
  if (!checked.ok) return { ok: false, code: 'malformed', detail: checked.detail };

  if (header.alg !== JWS_ALG) {
    return { ok: false, code: 'bad_signature', detail: `alg must be ${JWS_ALG}` };
  }
  const jwk = opts.keys.find((k) => k.kid === header.kid && isPublicJwk(k));
  if (jwk === undefined) {
    return { ok: false, code: 'unknown_key', detail: 'kid is not a key of the recipient' };
  }
  // The payload checked above was decoded from exactly the segment the signature covers.
  let verified = false;
  try {
    verified = await verifyJwsSignature(
      receipt as string,
      await importVerifyKey(jwk),
      decoded.signature,
    );
  } catch {
    // A key that cannot be imported verifies nothing.
  }
  if (!verified) return { ok: false, code: 'bad_signature', detail: 'signature does not verify' };

  const r = checked.receipt;
  const status = r.status;
  if (!isReceiptStatus(status)) return { ok: false, code: 'mismatch', detail: 'status is invalid' };
  for (const field of ['receiptFor', 'from', 'to', 'digest'] as const) {
    if (r[field] !== opts.expect[field]) {
      return { ok: false, code: 'mismatch', detail: `${field} differs from what was sent` };
    }
  }
  return { ok: true, receipt: { ...r, status }, kid: jwk.kid };
}

/**
 * Checks the shape of a receipt payload: exactly the receipt fields, `v` 1, `receiptFor` a
 * string of 1 to 200 characters, `from`/`to` node ids, `status` a string, `digest` a SHA-256
 * digest as {@link digestOf} writes it, `receivedAt` an RFC 3339 UTC time. Whether `status` is
 * a known one is left to the caller ({@link isReceiptStatus}). The result is a fresh object.
 */
export function checkReceiptPayload(x: unknown): CheckReceiptResult {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) {
    return { ok: false, detail: 'receipt is not a JSON object' };
  }
  const p = x as Record<string, unknown>;
  for (const key of Object.keys(p)) {
    if (!RECEIPT_FIELDS.has(key)) return { ok: false, detail: 'receipt has an unknown field' };
  }
  if (p.v !== PROTOCOL_VERSION) return { ok: false, detail: 'v must be 1' };
  if (
    typeof p.receiptFor !== 'string' ||
    p.receiptFor.length === 0 ||
    p.receiptFor.length > MAX_MESSAGE_ID_LENGTH
  ) {
    return { ok: false, detail: 'receiptFor is missing or invalid' };
  }
  if (!isNodeId(p.from) || !isNodeId(p.to))
    return { ok: false, detail: 'from/to must be node ids' };
  if (typeof p.status !== 'string') return { ok: false, detail: 'status is missing' };
  if (typeof p.digest !== 'string' || !DIGEST_PATTERN.test(p.digest)) {
    return { ok: false, detail: 'digest must be sha-256=<base64url>' };
  }
  if (!isUtcTimestamp(p.receivedAt)) {
    return { ok: false, detail: 'receivedAt must be an RFC 3339 UTC time' };
  }
  const receipt: ReceiptPayloadShape = {
    v: PROTOCOL_VERSION,
    receiptFor: p.receiptFor,
    from: p.from,
    to: p.to,
    status: p.status,
    digest: p.digest,
    receivedAt: p.receivedAt,
  };
  return { ok: true, receipt };
}

/** Whether `x` is a receipt status: `accepted` or `duplicate`. */
export function isReceiptStatus(x: unknown): x is ReceiptPayload['status'] {
  return x === 'accepted' || x === 'duplicate';
}
