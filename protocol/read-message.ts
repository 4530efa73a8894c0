/**
 * Reading a message JWS without verifying it: the `malformed` and `unsupported_version` checks
 * that run before any key is looked up.
 *
 * @module
 */
import { checkProtectedHeader, decodeCompactJws } from './compact-jws.ts';
import { MESSAGE_TYP } from './constants.ts';
import { decodeUtf8Strict, parseIJson } from './ijson.ts';
import { checkEnvelope } from './message.ts';
import type { MessagePayload } from './message.ts';

/** Result of {@link readUnverifiedMessage}. */
export type ReadMessageResult =
  | {
      ok: true;
      /** The claimed message: NOT authenticated yet. */
      message: MessagePayload;
      /** The protected header's `alg` and `kid`. */
      header: { alg: string; kid: string };
      /** The payload bytes, as the signature covers them. */
      payload: Uint8Array;
      /** The signature bytes. */
      signature: Uint8Array;
    }
  | { ok: false; code: 'malformed' | 'unsupported_version'; detail: string; id: string | null };

/**
 * Reads a message JWS without checking its signature: three canonical base64url segments, a
 * protected header with `typ` `partner-sync+jws`, a string `alg` and `kid`, no `crit` or `b64`,
 * a payload of strict UTF-8 that is I-JSON (no duplicate keys, no lone surrogates, depth at most
 * 32) and an object whose envelope passes `checkEnvelope`. Never throws.
 *
 * Use it for decisions that must precede verification (where to fetch keys from, as the connect
 * flow does); treat everything in `message` as a claim until `verifyMessage` succeeds.
 */
export function readUnverifiedMessage(jws: unknown): ReadMessageResult {
  const decoded = decodeCompactJws(jws);
  if (!decoded.ok) return malformed(decoded.detail);
  const header = checkProtectedHeader(decoded.header, MESSAGE_TYP);
  if (!header.ok) return malformed(header.detail);
  const text = decodeUtf8Strict(decoded.payload);
  if (!text.ok) return malformed(text.detail);
  const parsed = parseIJson(text.text);
  if (!parsed.ok) return malformed(`payload: ${parsed.detail}`);
  const envelope = checkEnvelope(parsed.value);
  if (!envelope.ok) return envelope;
  return {
    ok: true,
    message: envelope.message,
    header: { alg: header.alg, kid: header.kid },
    payload: decoded.payload,
    signature: decoded.signature,
  };
}

function malformed(detail: string): ReadMessageResult {
  return { ok: false, code: 'malformed', detail, id: null };
}
