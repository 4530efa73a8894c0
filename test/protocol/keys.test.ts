import { calculateJwkThumbprint, compactVerify, CompactSign } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildJwks,
  generateKeyPair,
  importSigningKey,
  importVerifyKey,
  isPublicJwk,
  parseJwks,
} from '../../protocol/index.ts';
import type { GeneratedKeyPair } from '../../protocol/index.ts';

let pair: GeneratedKeyPair;
let other: GeneratedKeyPair;

describe('keys', () => {
  // Inside the describe, not at the top of the file: Stryker's vitest runner counts a failing
  // top-level hook as no test failing at all, so a mutant that breaks it would survive.
  beforeAll(async () => {
    pair = await generateKeyPair();
    other = await generateKeyPair();
  });

  describe('generateKeyPair', () => {
    it('returns an Ed25519 pair whose kid is the RFC 7638 thumbprint', async () => {
      expect(pair.publicJwk).toEqual({
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        kid: pair.kid,
        alg: 'EdDSA',
        use: 'sig',
      });
      expect(pair.privateJwk).toEqual({ ...pair.publicJwk, d: expect.any(String) });
      const expected = await calculateJwkThumbprint({
        kty: 'OKP',
        crv: 'Ed25519',
        x: pair.publicJwk.x,
      });
      expect(pair.kid).toBe(expected);
      expect(pair.kid).not.toBe(other.kid);
      // Generated here too, not only in beforeAll: what a node publishes must pass the check its
      // partners run on it (a key without use sig is no signing key to them).
      const fresh = await generateKeyPair();
      expect(fresh.publicJwk).toMatchObject({
        kty: 'OKP',
        crv: 'Ed25519',
        alg: 'EdDSA',
        use: 'sig',
      });
      expect(parseJwks({ keys: [fresh.publicJwk] })).toEqual({ ok: true, keys: [fresh.publicJwk] });
    });
  });

  describe('importSigningKey / importVerifyKey', () => {
    it('imports keys that sign and verify', async () => {
      const signing = await importSigningKey(pair.privateJwk);
      expect(signing.kid).toBe(pair.kid);
      expect(signing.key.extractable).toBe(false);
      const jws = await new CompactSign(new TextEncoder().encode('hi'))
        .setProtectedHeader({ alg: 'EdDSA' })
        .sign(signing.key);
      const verifyKey = await importVerifyKey(pair.publicJwk);
      const { payload } = await compactVerify(jws, verifyKey);
      expect(new TextDecoder().decode(payload)).toBe('hi');
    });

    it('computes the kid when the private JWK has none', async () => {
      const { kid: _kid, alg: _alg, use: _use, ...bare } = pair.privateJwk;
      const thumbprint = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: bare.x });
      expect((await importSigningKey(bare)).kid).toBe(thumbprint);
    });

    it('throws on a JWK that is not an Ed25519 private key, or whose x does not match d', async () => {
      await expect(importSigningKey(pair.publicJwk)).rejects.toThrow(TypeError);
      await expect(importSigningKey({ ...pair.privateJwk, crv: 'X25519' })).rejects.toThrow(
        TypeError,
      );
      // WebCrypto's own reason is passed on: the operator sees that the key data is wrong.
      await expect(importSigningKey({ ...pair.privateJwk, d: other.privateJwk.d })).rejects.toThrow(
        new TypeError('importSigningKey: Invalid keyData'),
      );
    });

    it('caches imported verify keys', async () => {
      const a = importVerifyKey(pair.publicJwk);
      const b = importVerifyKey({ ...pair.publicJwk });
      expect(a).toBe(b);
      await expect(importVerifyKey({ ...pair.publicJwk, x: 'short' })).rejects.toThrow(
        new TypeError('importVerifyKey: not a PublicJwk'),
      );
    });
  });

  describe('isPublicJwk', () => {
    it('accepts a published key and tolerates extra members', () => {
      expect(isPublicJwk(pair.publicJwk)).toBe(true);
      expect(isPublicJwk({ ...pair.publicJwk, key_ops: ['verify'] })).toBe(true);
    });

    it('rejects private keys and wrong members', () => {
      const bad = [
        pair.privateJwk,
        { ...pair.publicJwk, kty: 'EC' },
        { ...pair.publicJwk, crv: 'Ed448' },
        { ...pair.publicJwk, alg: 'ES256' },
        { ...pair.publicJwk, use: 'enc' },
        { ...pair.publicJwk, kid: '' },
        { ...pair.publicJwk, x: pair.publicJwk.x.slice(1) },
        { ...pair.publicJwk, x: `${pair.publicJwk.x.slice(0, 42)}B` },
        null,
        [],
        'jwk',
      ];
      for (const k of bad) expect(isPublicJwk(k), JSON.stringify(k)).toBe(false);
    });
  });

  describe('parseJwks', () => {
    it('keeps Ed25519 signing keys, normalized, and ignores other key types', () => {
      const doc = {
        keys: [
          { ...pair.publicJwk, key_ops: ['verify'] },
          { kty: 'RSA', n: 'abc', e: 'AQAB', kid: 'rsa' },
          { kty: 'OKP', crv: 'X25519', x: other.publicJwk.x, kid: 'x' },
          { kty: 'OKP', crv: 'Ed25519', x: other.publicJwk.x, kid: other.kid },
          { ...other.publicJwk, kid: 'enc', use: 'enc' },
        ],
      };
      expect(parseJwks(doc)).toEqual({
        ok: true,
        keys: [pair.publicJwk, { ...other.publicJwk }],
      });
    });

    it('round-trips what buildJwks publishes', () => {
      const doc = JSON.parse(JSON.stringify(buildJwks([pair.publicJwk, other.publicJwk])));
      expect(parseJwks(doc)).toEqual({ ok: true, keys: [pair.publicJwk, other.publicJwk] });
    });

    it('rejects a document with a private key, too many keys, a duplicate kid or a bad shape', () => {
      expect(parseJwks({ keys: [pair.privateJwk] }).ok).toBe(false);
      expect(parseJwks({ keys: [{ kty: 'RSA', d: 'secret' }] }).ok).toBe(false);
      expect(parseJwks({ keys: Array.from({ length: 21 }, () => ({ kty: 'RSA' })) }).ok).toBe(
        false,
      );
      expect(parseJwks({ keys: Array.from({ length: 20 }, () => ({ kty: 'RSA' })) })).toEqual({
        ok: true,
        keys: [],
      });
      expect(parseJwks({ keys: [pair.publicJwk, pair.publicJwk] }).ok).toBe(false);
      expect(parseJwks({ keys: [{ ...pair.publicJwk, kid: undefined }] }).ok).toBe(false);
      expect(parseJwks({ keys: [{ ...pair.publicJwk, x: 'AAAA' }] }).ok).toBe(false);
      for (const doc of [null, [], {}, { keys: {} }, { keys: [1] }, 'x']) {
        expect(parseJwks(doc).ok, JSON.stringify(doc)).toBe(false);
      }
    });
  });

  describe('keys: bounds and refusals', () => {
    it('refuses a private JWK of another key type or curve, or with a bad x or d, naming why', async () => {
      const refused = [
        { ...pair.privateJwk, kty: 'EC' },
        { ...pair.privateJwk, crv: 'Ed448' },
        { ...pair.privateJwk, x: 5 },
        { ...pair.privateJwk, x: pair.privateJwk.x.slice(1) },
        { ...pair.privateJwk, d: 5 },
        { ...pair.privateJwk, d: pair.privateJwk.d.slice(1) },
        { ...pair.privateJwk, d: `${pair.privateJwk.d.slice(0, 42)}B` },
      ];
      for (const jwk of refused) {
        await expect(importSigningKey(jwk), JSON.stringify(jwk)).rejects.toThrow(
          new TypeError('importSigningKey: not an Ed25519 private JWK'),
        );
      }
    });

    it('takes a kid of 1 to 200 characters and refuses an empty one or 201', async () => {
      expect((await importSigningKey({ ...pair.privateJwk, kid: 'k'.repeat(200) })).kid).toBe(
        'k'.repeat(200),
      );
      expect((await importSigningKey({ ...pair.privateJwk, kid: 'k' })).kid).toBe('k');
      for (const kid of ['', 'k'.repeat(201), 7]) {
        await expect(importSigningKey({ ...pair.privateJwk, kid })).rejects.toThrow(
          new TypeError('importSigningKey: invalid kid'),
        );
      }
      expect(isPublicJwk({ ...pair.publicJwk, kid: 'k'.repeat(200) })).toBe(true);
      expect(isPublicJwk({ ...pair.publicJwk, kid: 'k'.repeat(201) })).toBe(false);
      expect(isPublicJwk({ ...pair.publicJwk, kid: 7 })).toBe(false);
      expect(isPublicJwk({ ...pair.publicJwk, x: 7 })).toBe(false);
    });

    it('keeps at most 1000 imported verify keys, dropping the oldest first', () => {
      const ask = (kid: string) => importVerifyKey({ ...pair.publicJwk, kid });
      // Fill the cache with keys of this test only, whatever earlier tests left in it.
      for (let i = 0; i < 1000; i++) void ask(`cache-flood-${i}`);
      const first = ask('cache-first');
      for (let i = 0; i < 999; i++) void ask(`cache-fill-${i}`);
      expect(ask('cache-first')).toBe(first);
      void ask('cache-fill-999');
      expect(ask('cache-first')).not.toBe(first);
    });

    it('caches by kid and x together: the same kid with another x is another key', async () => {
      const a = importVerifyKey({ ...pair.publicJwk, kid: 'shared-kid' });
      const b = importVerifyKey({ ...other.publicJwk, kid: 'shared-kid' });
      expect(b).not.toBe(a);
      const data = new TextEncoder().encode('x');
      const signing = await importSigningKey(other.privateJwk);
      const jws = await new CompactSign(data)
        .setProtectedHeader({ alg: 'EdDSA' })
        .sign(signing.key);
      await expect(compactVerify(jws, await b)).resolves.toBeTruthy();
      await expect(compactVerify(jws, await a)).rejects.toThrow();
    });

    it('ignores keys for another algorithm or use, and names what it refuses', () => {
      expect(
        parseJwks({ keys: [{ ...other.publicJwk, alg: 'ES256' }, { ...pair.publicJwk }] }),
      ).toEqual({ ok: true, keys: [pair.publicJwk] });
      const bare = { kty: 'OKP', crv: 'Ed25519', x: pair.publicJwk.x, kid: pair.kid };
      expect(parseJwks({ keys: [bare] })).toEqual({ ok: true, keys: [pair.publicJwk] });
      expect(parseJwks({ keys: [{ kty: 'OKP', crv: 'X25519', x: 'bad', kid: 'x' }] })).toEqual({
        ok: true,
        keys: [],
      });
      expect(parseJwks({ keys: [{ kty: 'EC', crv: 'Ed25519', x: 'bad', kid: 'x' }] })).toEqual({
        ok: true,
        keys: [],
      });
      const cases: [unknown, string][] = [
        ['x', 'JWKS is not a JSON object'],
        [null, 'JWKS is not a JSON object'],
        [[], 'JWKS is not a JSON object'],
        [{ keys: 'x' }, 'JWKS has no keys array'],
        [{ keys: Array.from({ length: 21 }, () => ({})) }, 'JWKS lists more than 20 keys'],
        [{ keys: [pair.publicJwk, null] }, 'keys[1] is not an object'],
        [{ keys: [[]] }, 'keys[0] is not an object'],
        [{ keys: [{ kty: 'RSA', d: 'x' }] }, 'keys[0] is a private key'],
        [{ keys: [{ ...bare, x: 5 }] }, 'keys[0].x is not a 32-byte base64url value'],
        [{ keys: [{ ...bare, x: `${bare.x}A` }] }, 'keys[0].x is not a 32-byte base64url value'],
        [{ keys: [{ ...bare, kid: '' }] }, 'keys[0].kid is missing or invalid'],
        [{ keys: [{ ...bare, kid: 'k'.repeat(201) }] }, 'keys[0].kid is missing or invalid'],
        [
          { keys: [bare, { ...other.publicJwk, kid: pair.kid }] },
          `kid "${pair.kid}" is listed twice`,
        ],
      ];
      for (const [doc, detail] of cases) {
        expect(parseJwks(doc), detail).toEqual({ ok: false, detail });
      }
    });

    it('publishes exactly the public members', () => {
      const doc = buildJwks([{ ...pair.publicJwk, extra: 1, d: 'secret' } as never]);
      expect(doc).toEqual({ keys: [pair.publicJwk] });
    });
  });
});
