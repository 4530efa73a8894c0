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

beforeAll(async () => {
  pair = await generateKeyPair();
  other = await generateKeyPair();
});

describe('keys', () => {
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
      expect((await importSigningKey(bare)).kid).toBe(pair.kid);
    });

    it('throws on a JWK that is not an Ed25519 private key, or whose x does not match d', async () => {
      await expect(importSigningKey(pair.publicJwk)).rejects.toThrow(TypeError);
      await expect(importSigningKey({ ...pair.privateJwk, crv: 'X25519' })).rejects.toThrow(
        TypeError,
      );
      await expect(importSigningKey({ ...pair.privateJwk, d: other.privateJwk.d })).rejects.toThrow(
        TypeError,
      );
    });

    it('caches imported verify keys', async () => {
      const a = importVerifyKey(pair.publicJwk);
      const b = importVerifyKey({ ...pair.publicJwk });
      expect(a).toBe(b);
      await expect(importVerifyKey({ ...pair.publicJwk, x: 'short' })).rejects.toThrow(TypeError);
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
});
