/**
 * Result codes of the inbox: per-message rejection codes and whole-request error codes.
 *
 * @module
 */

/**
 * Codes of a `rejected` inbox result, in the order the checks run (see the protocol brief).
 * A rejection is final: the sender dead-letters the message.
 */
export const REJECTION_CODES = [
  'malformed',
  'unsupported_version',
  'unknown_partner',
  'wrong_recipient',
  'unknown_key',
  'bad_signature',
  'stale',
  'unsupported_kind',
  'invalid_body',
  'forbidden',
  'id_conflict',
  'conflict',
] as const;

/** A per-message rejection code. */
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** Codes of whole-request errors, answered as `{ "error": { "code", "message" } }`. */
export const REQUEST_ERROR_CODES = [
  'bad_request',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'partner_rate_limited',
  'partner_quota_exceeded',
  'not_ready',
] as const;

/** A whole-request error code. */
export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];

/**
 * The HTTP status that goes with each whole-request error code:
 * 400 not JSON / wrong shape / empty / too many messages, 413 body over `maxBodyBytes`,
 * 415 wrong content type, 429 rate limited (by client address, or by the signing partner's
 * message rate or storage quota; with `Retry-After`), 503 not ready.
 */
export const REQUEST_ERROR_STATUS: Readonly<Record<RequestErrorCode, 400 | 413 | 415 | 429 | 503>> =
  {
    bad_request: 400,
    payload_too_large: 413,
    unsupported_media_type: 415,
    rate_limited: 429,
    partner_rate_limited: 429,
    partner_quota_exceeded: 429,
    not_ready: 503,
  };

/** Whether `x` is one of {@link REJECTION_CODES}. */
export function isRejectionCode(x: unknown): x is RejectionCode {
  return (REJECTION_CODES as readonly unknown[]).includes(x);
}

/** Whether `x` is one of {@link REQUEST_ERROR_CODES}. */
export function isRequestErrorCode(x: unknown): x is RequestErrorCode {
  return (REQUEST_ERROR_CODES as readonly unknown[]).includes(x);
}
