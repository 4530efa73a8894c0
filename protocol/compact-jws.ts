/**
 * Strict reading of a compact JWS (RFC 7515 §7.1) before any signature check: three canonical
 * base64url segments, a protected header that is an I-JSON object, and the payload bytes.
 *
 * @module
 */
import { decodeUtf8Strict, parseIJson } from './ijson.ts';

/** The parts of a compact JWS, decoded but not verified. */
export interface DecodedCompactJws {
  /** The protected header (a JSON object). */
  header: Record<string, unknown>;
  /** The payload bytes, exactly as the signature covers them. */
  payload: Uint8Array;
  /** The signature bytes (empty for `alg: none`). */
  signature: Uint8Array;
}

/** Result of {@link decodeCompactJws}. */
export type DecodeCompactJwsResult =
  ({ ok: true } & DecodedCompactJws) | { ok: false; detail: string };

/** Result of {@link checkProtectedHeader}. */
export type ProtectedHeaderResult =
  { ok: true; alg: string; kid: string } | { ok: false; detail: string };

const B64U = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes a compact JWS without verifying it. Fails (never throws) when `jws` is not a string of
 * three base64url segments in canonical form (no padding, no stray bits), when the header or
 * payload segment is empty, or when the header is not an I-JSON object.
 */
export function decodeCompactJws(jws: unknown): DecodeCompactJwsResult {
  if (typeof jws !== 'string') return { ok: false, detail: 'not a string' };
  const parts = jws.split('.');
  if (parts.length !== 3) return { ok: false, detail: 'not a compact JWS (three segments)' };
  const [h, p, s] = parts as [string, string, string];
  if (h === '' || p === '') return { ok: false, detail: 'empty header or payload segment' };
  const header = decodeSegment(h);
  const payload = decodeSegment(p);
  const signature = decodeSegment(s);
  if (header === null || payload === null || signature === null) {
    return { ok: false, detail: 'segment is not canonical base64url' };
  }
  const utf8 = decodeUtf8Strict(header);
  if (!utf8.ok) return { ok: false, detail: 'header is not UTF-8' };
  const parsed = parseIJson(utf8.text);
  if (!parsed.ok) return { ok: false, detail: `header: ${parsed.detail}` };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, detail: 'header is not a JSON object' };
  }
  return { ok: true, header: value as Record<string, unknown>, payload, signature };
}

/**
 * Checks a protected header for the protocol: `typ` must equal `expectedTyp`, `kid` must be a
 * non-empty string, `alg` a string, and the header must not use `crit` or `b64` (RFC 7797
 * unencoded payloads). The caller decides what an `alg` other than EdDSA means.
 */
export function checkProtectedHeader(
  header: Record<string, unknown>,
  expectedTyp: string,
): ProtectedHeaderResult {
  if (header.typ !== expectedTyp) return { ok: false, detail: `typ is not ${expectedTyp}` };
  if (Object.hasOwn(header, 'crit')) return { ok: false, detail: 'crit is not supported' };
  if (Object.hasOwn(header, 'b64')) return { ok: false, detail: 'b64 is not supported' };
  if (typeof header.alg !== 'string') return { ok: false, detail: 'alg is missing' };
  if (typeof header.kid !== 'string' || header.kid === '' || header.kid.length > 200) {
    return { ok: false, detail: 'kid is missing or invalid' };
  }
  return { ok: true, alg: header.alg, kid: header.kid };
}

/** Decodes one canonical base64url segment; null when it is not one. */
function decodeSegment(segment: string): Uint8Array | null {
  if (!B64U.test(segment) || segment.length % 4 === 1) return null;
  // Reject non-canonical encodings (stray low bits), so one value has one spelling: the last
  // character of a segment that ends mid-byte carries bits no byte uses, and they must be zero.
  // (Checked on that one character instead of encoding the bytes again and comparing.)
  const rest = segment.length % 4;
  if (rest !== 0) {
    const last = B64U_VALUE.indexOf(segment[segment.length - 1]!);
    if ((last & (rest === 2 ? 0x0f : 0x03)) !== 0) return null;
  }
  const bytes = Buffer.from(segment, 'base64url');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The base64url alphabet, each character at its value. */
const B64U_VALUE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
