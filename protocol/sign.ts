/**
 * Signing messages as compact JWS.
 *
 * @module
 */
import { JWS_ALG, MESSAGE_TYP } from './constants.ts';
import { checkIJson } from './ijson.ts';
import { ed25519Sign } from './keys.ts';
import type { SigningKey } from './keys.ts';
import { buildMessage, checkEnvelope } from './message.ts';
import type { BuildMessageInput, MessagePayload } from './message.ts';

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
  return signEnvelope(payload, key);
}

/**
 * Builds a message ({@link buildMessage}, which checks its envelope) and signs it: the JWS
 * {@link signMessage} returns for that payload, without checking the envelope a second time.
 */
export async function signNewMessage(input: BuildMessageInput, key: SigningKey): Promise<string> {
  return signEnvelope(buildMessage(input), key);
}

/** Signs a payload whose envelope is checked; its text is checked here (I-JSON). */
async function signEnvelope(payload: MessagePayload, key: SigningKey): Promise<string> {
  const text = JSON.stringify(payload);
  // The text is checked, not parsed again: the value is `payload` itself.
  const ijson = checkIJson(text);
  if (!ijson.ok) throw new TypeError(`signMessage: payload is not I-JSON: ${ijson.detail}`);
  return signCompact(text, MESSAGE_TYP, key);
}

/**
 * Signs `payloadText` (UTF-8 encoded) as a compact JWS with header `{ alg, kid, typ }`.
 * Low-level: prefer {@link signMessage} and `signReceipt`, which check what they sign.
 *
 * The result is byte for byte what jose's `CompactSign` produces with
 * `setProtectedHeader({ alg, kid, typ })` (the header serialized in that member order, base64url
 * without padding, a deterministic Ed25519 signature); a test holds the two equal. The signature
 * itself is computed by {@link ed25519Sign}, off the main thread.
 */
export async function signCompact(
  payloadText: string,
  typ: string,
  key: SigningKey,
): Promise<string> {
  const header = Buffer.from(JSON.stringify({ alg: JWS_ALG, kid: key.kid, typ })).toString(
    'base64url',
  );
  const input = `${header}.${Buffer.from(payloadText, 'utf8').toString('base64url')}`;
  const signature = await ed25519Sign(key.key, Buffer.from(input, 'latin1'));
  return `${input}.${signature.toString('base64url')}`;
}
