import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPLAY_WINDOW_MS,
  JWS_ALG,
  MAX_FUTURE_SKEW_MS,
  MAX_JSON_DEPTH,
  MESSAGE_TYP,
  PROTOCOL_NAME,
  PROTOCOL_VERSION,
  RECEIPT_TYP,
} from '../../protocol/index.ts';

const spec = readFileSync('protocol/PROTOCOL.md', 'utf8');
const schema = (name: string) => JSON.parse(readFileSync(`schemas/${name}.schema.json`, 'utf8'));

// The constants are the wire: each must say what PROTOCOL.md and schemas/ say, so that a node
// written from the spec alone interoperates with this one.
describe('constants', () => {
  it('names the protocol and its version as the discovery, envelope and receipt schemas do', () => {
    expect(PROTOCOL_NAME).toBe('partner-sync/1');
    expect(schema('discovery').properties.protocol.const).toBe(PROTOCOL_NAME);
    expect(PROTOCOL_VERSION).toBe(1);
    expect(schema('envelope').properties.v.const).toBe(PROTOCOL_VERSION);
    expect(schema('receipt').properties.v.const).toBe(PROTOCOL_VERSION);
  });

  it('has the JWS header values of PROTOCOL.md §2 and §5', () => {
    expect(MESSAGE_TYP).toBe('partner-sync+jws');
    expect(RECEIPT_TYP).toBe('partner-sync-receipt+jws');
    expect(JWS_ALG).toBe('EdDSA');
    expect(spec).toContain(
      `{ "alg": "${JWS_ALG}", "kid": <signing key id>, "typ": "${MESSAGE_TYP}" }`,
    );
    expect(spec).toContain(`{ "alg": "${JWS_ALG}", "kid", "typ": "${RECEIPT_TYP}" }`);
  });

  it('bounds nesting at 32 and time at 5 minutes ahead and 30 days back (PROTOCOL.md §2, §3.3)', () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(spec).toContain(`nesting\nof objects and arrays at most ${MAX_JSON_DEPTH} deep`);
    expect(MAX_FUTURE_SKEW_MS).toBe(5 * 60 * 1000);
    expect(spec).toContain('`sentAt` is more than 5 minutes after the recipient');
    expect(DEFAULT_REPLAY_WINDOW_MS).toBe(30 * 24 * 60 * 60 * 1000);
    expect(spec).toContain('window (30 days by default');
  });
});
