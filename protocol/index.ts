/**
 * partner-sync/1 protocol library: message envelope, Ed25519 compact JWS signing and
 * verification, receipts, discovery, I-JSON parsing and JSON Schema validation.
 *
 * Depends only on jose, ajv (+ ajv-formats), uuid, canonicalize and node builtins; it never
 * imports the node's server, storage or HTTP client. See `protocol/PROTOCOL.md`.
 *
 * @module
 */
export * from './constants.ts';
export * from './codes.ts';
export * from './ijson.ts';
export * from './timestamp.ts';
export * from './node-id.ts';
export * from './message.ts';
export * from './message-kinds.ts';
export * from './keys.ts';
export * from './compact-jws.ts';
export * from './read-message.ts';
export * from './sign.ts';
export * from './verify.ts';
export * from './receipt.ts';
export * from './discovery.ts';
export * from './schema-registry.ts';
export * from './partner-profile.ts';
export * from './inbox.ts';
export * from './content-hash.ts';
