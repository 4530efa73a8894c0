import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../protocol/index.ts';

const sha = (text: string) =>
  'sha-256=' + createHash('sha256').update(text, 'utf8').digest('base64url');

describe('content-hash', () => {
  it('is sha-256= and the unpadded base64url SHA-256 of the RFC 8785 canonical JSON', () => {
    expect(contentHash([])).toBe('sha-256=T1PNoYwrqgwDVLtfmj7L5e0Sq02OEbqHPC8RFhICuUU');
    const lines = [{ sku: 'A-1', price: '10.00', unit: 'each' }];
    expect(contentHash(lines)).toBe(sha('[{"price":"10.00","sku":"A-1","unit":"each"}]'));
    expect(contentHash(lines)).toMatch(/^sha-256=[A-Za-z0-9_-]{43}$/);
  });

  it('does not depend on member order or spacing, and does on every value', () => {
    expect(contentHash({ b: 1, a: [1, 2] })).toBe(contentHash({ a: [1, 2], b: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
    // Numbers in their ECMAScript form, strings with non-ASCII UTF-8 encoded.
    expect(contentHash({ n: 1.5e3, s: 'é' })).toBe(sha('{"n":1500,"s":"é"}'));
  });

  it('throws TypeError for what is not JSON', () => {
    for (const bad of [undefined, () => 1, Number.NaN, Number.POSITIVE_INFINITY, 10n]) {
      expect(() => contentHash(bad), String(bad)).toThrow(TypeError);
    }
    expect(() => contentHash(undefined)).toThrow(/^contentHash: /);
    expect(() => contentHash(Number.NaN)).toThrow(/^contentHash: /);
  });
});
