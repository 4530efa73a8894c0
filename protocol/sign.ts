/**
 * Signing messages as compact JWS.
 *
 * @module
 */
import { CompactSign } from 'jose';
import { JWS_ALG, MESSAGE_TYP } from './constants.ts';
import { parseIJson } from './ijson.ts';
import type { SigningKey } from './keys.ts';
import { checkEnvelope } from './message.ts';
import type { MessagePayload } from './message.ts';

const encoder = new TextEncoder();

/**
 * Signs a message: a compact JWS whose protected header is exactly
 * `{ "alg": "EdDSA", "kid": key.kid, "typ": "partner-sync+jws" }` and whose payload is the UTF-8
 * of `JSON.stringify(payload)`. Store and re-send the returned string as is: it is what the
 * recipient verifies, deduplicates and receipts.
 *
 * Throws `TypeError` when the payload would be rejected as `malformed` by a recipient (bad
 * envelope, lone surrogates, nesting deeper than 32): that is a programmer error.
 */
export async function signMessage(payload: MessagePayload, key: SigningKey): Promise<string> {
  const checked = checkEnvelope(payload);
  if (!checked.ok) throw new TypeError(`signMessage: ${checked.detail}`);
  const text = JSON.stringify(payload);
  const ijson = parseIJson(text);
  if (!ijson.ok) throw new TypeError(`signMessage: payload is not I-JSON: ${ijson.detail}`);
  return signCompact(text, MESSAGE_TYP, key);
}

/**
 * Signs `payloadText` (UTF-8 encoded) as a compact JWS with header `{ alg, kid, typ }`.
 * Low-level: prefer {@link signMessage} and `signReceipt`, which check what they sign.
 */
export async function signCompact(
  payloadText: string,
  typ: string,
  key: SigningKey,
): Promise<string> {
  return new CompactSign(encoder.encode(payloadText))
    .setProtectedHeader({ alg: JWS_ALG, kid: key.kid, typ })
    .sign(key.key);
}
