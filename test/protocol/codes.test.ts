import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isRejectionCode,
  isRequestErrorCode,
  REJECTION_CODES,
  REQUEST_ERROR_CODES,
  REQUEST_ERROR_STATUS,
} from '../../protocol/index.ts';

const defs = JSON.parse(readFileSync('schemas/defs.schema.json', 'utf8'));
const spec = readFileSync('protocol/PROTOCOL.md', 'utf8');

describe('codes', () => {
  it('has the rejection codes of the schema, in the order the checks run', () => {
    expect([...REJECTION_CODES]).toEqual(defs.$defs.rejectionCode.enum);
    // PROTOCOL.md §4 lists them in the same order.
    const listed = [...spec.matchAll(/^\| `([a-z_]+)` \| .* \| dead letter \|$/gm)].map(
      (m) => m[1],
    );
    expect(listed.filter((c) => isRejectionCode(c))).toEqual([...REJECTION_CODES]);
  });

  it('has the whole-request error codes of the schema, each with the status PROTOCOL.md gives', () => {
    expect([...REQUEST_ERROR_CODES]).toEqual(defs.$defs.requestErrorCode.enum);
    expect(REQUEST_ERROR_STATUS).toEqual({
      bad_request: 400,
      payload_too_large: 413,
      unsupported_media_type: 415,
      rate_limited: 429,
      partner_rate_limited: 429,
      partner_quota_exceeded: 429,
      not_ready: 503,
    });
    for (const code of REQUEST_ERROR_CODES) {
      expect(spec).toContain(`| ${REQUEST_ERROR_STATUS[code]} | \`${code}\` |`);
    }
  });

  it('tells a rejection code from anything else', () => {
    for (const code of REJECTION_CODES) expect(isRejectionCode(code), code).toBe(true);
    for (const other of ['', 'MALFORMED', 'bad_request', 'expired', 'toString', null, 1, {}]) {
      expect(isRejectionCode(other), String(other)).toBe(false);
    }
    expect(isRejectionCode(['malformed'])).toBe(false);
  });

  it('tells a whole-request error code from anything else', () => {
    for (const code of REQUEST_ERROR_CODES) expect(isRequestErrorCode(code), code).toBe(true);
    for (const other of ['', 'malformed', 'Rate_limited', null, 429, undefined]) {
      expect(isRequestErrorCode(other), String(other)).toBe(false);
    }
    expect(isRequestErrorCode(['not_ready'])).toBe(false);
  });
});
