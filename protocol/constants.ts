/**
 * Protocol-wide constants of partner-sync/1.
 *
 * @module
 */

/** The protocol name a node announces in its discovery document. */
export const PROTOCOL_NAME = 'partner-sync/1';

/** The value of the `v` field of every message and receipt payload. */
export const PROTOCOL_VERSION = 1;

/** The `typ` header parameter of a message JWS. */
export const MESSAGE_TYP = 'partner-sync+jws';

/** The `typ` header parameter of a receipt JWS. */
export const RECEIPT_TYP = 'partner-sync-receipt+jws';

/** The only JWS algorithm the protocol accepts (Ed25519 signatures). */
export const JWS_ALG = 'EdDSA';

/** Maximum nesting of objects and arrays in a payload (I-JSON profile of the protocol). */
export const MAX_JSON_DEPTH = 32;

/** How far a message's `sentAt` may lie in the future of the receiver's clock (5 minutes). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** Default age after which a message is `stale` and can no longer be accepted (30 days). */
export const DEFAULT_REPLAY_WINDOW_MS = 30 * 24 * 3600_000;
