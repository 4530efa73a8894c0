import { base64url, CompactSign } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  checkFreshness,
  generateKeyPair,
  importVerifyKey,
  importSigningKey,
  readUnverifiedMessage,
  signMessage,
  verifyJwsSignature,
  verifyMessage,
} from '../../protocol/index.ts';
import type {
  GeneratedKeyPair,
  MessagePayload,
  PublicJwk,
  SigningKey,
  VerifyOptions,
} from '../../protocol/index.ts';

const SENDER = 'https://partners.acme.example';
const SELF = 'https://globex.example';
const NOW = new Date('2027-01-15T12:00:00.000Z');
const ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const enc = new TextEncoder();

let pair: GeneratedKeyPair;
let rotated: GeneratedKeyPair;
let signing: SigningKey;
let rotatedSigning: SigningKey;

function message(over: Partial<MessagePayload> = {}): MessagePayload {
  return {
    ...buildMessage({
      id: ID,
      kind: 'partner.update',
      from: SENDER,
      to: SELF,
      sentAt: NOW,
      body: { name: 'Acme' },
    }),
    ...over,
  };
}

function options(over: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    self: SELF,
    now: NOW,
    keysFor: async (from) => (from === SENDER ? [pair.publicJwk] : null),
    ...over,
  };
}

/** Signs arbitrary payload bytes with a valid Ed25519 signature and the given header. */
function signRaw(
  payload: string | Uint8Array,
  header: Record<string, unknown> = {},
  key: SigningKey = signing,
): Promise<string> {
  const bytes = typeof payload === 'string' ? enc.encode(payload) : payload;
  return new CompactSign(bytes)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'partner-sync+jws', ...header })
    .sign(key.key);
}

function b64(s: string): string {
  return base64url.encode(s);
}

describe('verify', () => {
  // Inside the describe, not at the top of the file: Stryker's vitest runner counts a failing
  // top-level hook as no test failing at all, so a mutant that breaks it would survive.
  beforeAll(async () => {
    pair = await generateKeyPair();
    rotated = await generateKeyPair();
    signing = await importSigningKey(pair.privateJwk);
    rotatedSigning = await importSigningKey(rotated.privateJwk);
  });

  describe('verifyMessage', () => {
    it('round-trips a signed message', async () => {
      const m = message({ ref: 'prev' });
      const jws = await signMessage(m, signing);
      const [h] = jws.split('.');
      expect(JSON.parse(new TextDecoder().decode(base64url.decode(h as string)))).toEqual({
        alg: 'EdDSA',
        kid: pair.kid,
        typ: 'partner-sync+jws',
      });
      expect(new TextDecoder().decode(base64url.decode(jws.split('.')[1] as string))).toBe(
        JSON.stringify(m),
      );
      expect(await verifyMessage(jws, options())).toEqual({ ok: true, message: m, kid: pair.kid });
    });

    it('never throws, whatever the input', async () => {
      const inputs: unknown[] = [
        null,
        undefined,
        42,
        {},
        [],
        '',
        '.',
        '..',
        'a.b.c',
        'a.b',
        '....',
      ];
      inputs.push('=.=.=', `${b64('{}')}.${b64('{}')}.`, `${b64('[]')}.${b64('{}')}.`, 'é.é.é');
      for (const input of inputs) {
        const r = await verifyMessage(input, options());
        expect(r, String(input)).toMatchObject({ ok: false, code: 'malformed', id: null });
      }
    });

    describe('malformed', () => {
      it('rejects a wrong typ, a missing kid, crit and b64:false, each for its own reason', async () => {
        const payload = JSON.stringify(message());
        const cases: Array<[Record<string, unknown>, string]> = [
          [{ typ: 'JWT' }, 'typ is not partner-sync+jws'],
          [{ typ: undefined }, 'typ is not partner-sync+jws'],
          [{ typ: 'partner-sync-receipt+jws' }, 'typ is not partner-sync+jws'],
          [{ kid: undefined }, 'kid is missing or invalid'],
          [{ kid: 42 }, 'kid is missing or invalid'],
          [{ kid: '' }, 'kid is missing or invalid'],
          [{ kid: 'k'.repeat(201) }, 'kid is missing or invalid'],
          [{ crit: ['exp'], exp: 1 }, 'crit is not supported'],
          [{ b64: false, crit: ['b64'] }, 'crit is not supported'],
          [{ b64: false }, 'b64 is not supported'],
          [{ b64: true }, 'b64 is not supported'],
        ];
        for (const [header, detail] of cases) {
          // Built by hand with a real signature: jose refuses to sign some of these headers, and
          // a header without the protocol's typ would fail on typ before reaching the check.
          const h = b64(
            JSON.stringify({ alg: 'EdDSA', kid: pair.kid, typ: 'partner-sync+jws', ...header }),
          );
          const p = b64(payload);
          const sig = await crypto.subtle.sign('Ed25519', signing.key, enc.encode(`${h}.${p}`));
          const forged = `${h}.${p}.${Buffer.from(sig).toString('base64url')}`;
          const r = await verifyMessage(forged, options());
          expect(r, JSON.stringify(header)).toEqual({
            ok: false,
            code: 'malformed',
            detail,
            id: null,
          });
        }
      });

      it('accepts a kid of exactly 200 characters', async () => {
        const kid = 'k'.repeat(200);
        const jws = await signMessage(message(), { kid, key: signing.key });
        const r = await verifyMessage(
          jws,
          options({ keysFor: async () => [{ ...pair.publicJwk, kid }] }),
        );
        expect(r).toMatchObject({ ok: true, kid });
      });

      it('rejects non-canonical base64url and a header that is not a JSON object', async () => {
        const jws = await signMessage(message(), signing);
        const [h, p, s] = jws.split('.') as [string, string, string];
        for (const bad of [
          `${h}=.${p}.${s}`,
          `${h}.${p}.${s}.x`,
          `${h}.${p}+.${s}`,
          `${h}.${p}.${s.slice(0, -1)}B`,
          `${b64('[1]')}.${p}.${s}`,
          `${b64('{"typ":"partner-sync+jws","typ":"partner-sync+jws","alg":"EdDSA","kid":"k"}')}.${p}.${s}`,
          `.${p}.${s}`,
          `${h}..${s}`,
        ]) {
          expect(await verifyMessage(bad, options()), bad).toMatchObject({ code: 'malformed' });
        }
      });

      it('rejects payload bytes that are not strict UTF-8', async () => {
        const text = JSON.stringify(message({ body: { name: 'Xx' } }));
        const bytes = enc.encode(text);
        const at = text.indexOf('Xx');
        bytes[at] = 0xc3;
        bytes[at + 1] = 0x28;
        const jws = await signRaw(bytes);
        expect(await verifyMessage(jws, options())).toMatchObject({
          ok: false,
          code: 'malformed',
          id: null,
          detail: 'payload is not valid UTF-8',
        });
      });

      it('rejects duplicate keys, also when escaped', async () => {
        const text = JSON.stringify(message());
        for (const dup of [
          text.replace('{"v":1,', '{"v":1,"v":1,'),
          text.replace('"body":{"name":"Acme"}', '"body":{"name":"Acme","na\\u006de":"Evil"}'),
        ]) {
          const r = await verifyMessage(await signRaw(dup), options());
          expect(r).toMatchObject({ ok: false, code: 'malformed', id: null });
          expect(r.ok ? '' : r.detail).toMatch(/duplicate key/);
        }
      });

      it('rejects nesting deeper than 32 and accepts 32', async () => {
        // The payload object is depth 1, so a body of 31 nested arrays reaches 32.
        const ok = message({ body: JSON.parse('['.repeat(31) + ']'.repeat(31)) });
        expect((await verifyMessage(await signRaw(JSON.stringify(ok)), options())).ok).toBe(true);
        const deep = JSON.stringify(message()).replace(
          '"body":{"name":"Acme"}',
          `"body":${'['.repeat(32)}${']'.repeat(32)}`,
        );
        const r = await verifyMessage(await signRaw(deep), options());
        expect(r).toMatchObject({ ok: false, code: 'malformed' });
        expect(r.ok ? '' : r.detail).toMatch(/nesting deeper than 32/);
      });

      it('rejects lone surrogates, escaped or raw', async () => {
        const text = JSON.stringify(message());
        const escaped = text.replace('"Acme"', '"Ac\\ud800me"');
        expect(await verifyMessage(await signRaw(escaped), options())).toMatchObject({
          code: 'malformed',
        });
        // JSON.stringify writes a lone surrogate as an escape, which is still rejected.
        const jsTyped = JSON.stringify(message({ body: { name: 'Ac\ud800me' } }));
        expect(await verifyMessage(await signRaw(jsTyped), options())).toMatchObject({
          code: 'malformed',
        });
        await expect(signMessage(message({ body: { name: '\udc00' } }), signing)).rejects.toThrow(
          TypeError,
        );
      });

      it('rejects a payload that is not an object, an extra envelope field, a bad field', async () => {
        for (const payload of [
          '[1]',
          '"text"',
          'not json',
          JSON.stringify({ ...message(), extra: true }),
          JSON.stringify({ ...message(), sentAt: '2027-01-15T13:00:00+01:00' }),
          JSON.stringify({ ...message(), kind: 7 }),
        ]) {
          const r = await verifyMessage(await signRaw(payload), options());
          expect(r, payload).toMatchObject({ ok: false, code: 'malformed' });
        }
        const r = await verifyMessage(
          await signRaw(JSON.stringify({ ...message(), extra: true })),
          options(),
        );
        expect(r).toMatchObject({ id: ID });
      });
    });

    it('rejects v:2 as unsupported_version before looking up the partner', async () => {
      let looked = false;
      const payload = JSON.stringify({ ...message(), v: 2 });
      const r = await verifyMessage(
        await signRaw(payload),
        options({
          keysFor: async () => {
            looked = true;
            return [pair.publicJwk];
          },
        }),
      );
      expect(r).toMatchObject({ ok: false, code: 'unsupported_version', id: ID });
      expect(looked).toBe(false);
    });

    it('rejects an unknown sender as unknown_partner', async () => {
      const jws = await signMessage(message({ from: 'https://stranger.example' }), signing);
      expect(await verifyMessage(jws, options())).toEqual({
        ok: false,
        code: 'unknown_partner',
        detail: 'sender is not a connected partner',
        id: ID,
      });
    });

    it('rejects a wrong `to` as wrong_recipient', async () => {
      const jws = await signMessage(message({ to: 'https://other.example' }), signing);
      expect(await verifyMessage(jws, options())).toEqual({
        ok: false,
        code: 'wrong_recipient',
        detail: 'to is not this node',
        id: ID,
      });
    });

    describe('bad_signature', () => {
      it('rejects a valid Ed25519 signature under an alg other than EdDSA (e.g. RFC 9864 "Ed25519")', async () => {
        const h = b64(JSON.stringify({ alg: 'Ed25519', kid: pair.kid, typ: 'partner-sync+jws' }));
        const p = b64(JSON.stringify(message()));
        const sig = await crypto.subtle.sign('Ed25519', signing.key, enc.encode(`${h}.${p}`));
        const jws = `${h}.${p}.${Buffer.from(sig).toString('base64url')}`;
        expect(await verifyMessage(jws, options())).toEqual({
          ok: false,
          code: 'bad_signature',
          detail: 'alg must be EdDSA',
          id: ID,
        });
      });

      it('rejects a signature one byte short, and one of the right length that does not verify', async () => {
        const jws = await signMessage(message(), signing);
        const [h, p, s2] = jws.split('.') as [string, string, string];
        const sig = Buffer.from(s2, 'base64url');
        for (const bad of [
          sig.subarray(0, 63),
          Buffer.from(sig.map((b, i) => (i === 0 ? b ^ 1 : b))),
        ]) {
          expect(await verifyMessage(`${h}.${p}.${bad.toString('base64url')}`, options())).toEqual({
            ok: false,
            code: 'bad_signature',
            detail: 'signature does not verify',
            id: ID,
          });
        }
      });

      it('rejects alg none', async () => {
        const header = b64(JSON.stringify({ alg: 'none', kid: pair.kid, typ: 'partner-sync+jws' }));
        const jws = `${header}.${b64(JSON.stringify(message()))}.`;
        expect(await verifyMessage(jws, options())).toMatchObject({
          ok: false,
          code: 'bad_signature',
          id: ID,
        });
      });

      it('rejects HS256 forged with the public key as the HMAC secret', async () => {
        for (const secret of [pair.publicJwk.x, JSON.stringify(pair.publicJwk)]) {
          const jws = await new CompactSign(enc.encode(JSON.stringify(message())))
            .setProtectedHeader({ alg: 'HS256', kid: pair.kid, typ: 'partner-sync+jws' })
            .sign(enc.encode(secret));
          expect(await verifyMessage(jws, options())).toMatchObject({
            ok: false,
            code: 'bad_signature',
          });
        }
      });

      it('rejects a tampered payload or signature', async () => {
        const jws = await signMessage(message(), signing);
        const [h, , s] = jws.split('.') as [string, string, string];
        const tampered = `${h}.${b64(JSON.stringify(message({ body: { name: 'Evil' } })))}.${s}`;
        expect(await verifyMessage(tampered, options())).toMatchObject({ code: 'bad_signature' });
        const sig = base64url.decode(s);
        sig[0] = (sig[0] as number) ^ 1;
        const badSig = `${h}.${jws.split('.')[1]}.${base64url.encode(sig)}`;
        expect(await verifyMessage(badSig, options())).toMatchObject({ code: 'bad_signature' });
        const shortSig = `${h}.${jws.split('.')[1]}.${s.slice(0, 40)}`;
        expect(await verifyMessage(shortSig, options())).toMatchObject({ code: 'bad_signature' });
      });

      it('rejects a signature by another key published under the same kid', async () => {
        const jws = await signMessage(message(), { kid: pair.kid, key: rotatedSigning.key });
        expect(await verifyMessage(jws, options())).toMatchObject({ code: 'bad_signature' });
      });
    });

    describe('unknown_key and key refresh', () => {
      it('rejects an unknown kid when there is no refresh', async () => {
        const jws = await signMessage(message(), rotatedSigning);
        expect(await verifyMessage(jws, options())).toEqual({
          ok: false,
          code: 'unknown_key',
          detail: 'kid is not a key of the sender',
          id: ID,
        });
      });

      it('looks a kid up among the sender’s keys only, not another partner’s', async () => {
        // `rotated` is the key of another partner; the message claims to come from SENDER.
        const OTHER = 'https://other-partner.example';
        const keysFor = async (from: string) =>
          from === SENDER ? [pair.publicJwk] : from === OTHER ? [rotated.publicJwk] : null;
        const jws = await signMessage(message(), rotatedSigning);
        expect(await verifyMessage(jws, options({ keysFor }))).toMatchObject({
          ok: false,
          code: 'unknown_key',
        });
        // The other partner's kid on the sender's key: the signature is checked with the
        // sender's key listed under that kid, and fails.
        const sameKid = await signMessage(message(), { kid: rotated.kid, key: rotatedSigning.key });
        const senderUnderOtherKid = async (from: string) =>
          from === SENDER ? [{ ...pair.publicJwk, kid: rotated.kid }] : [rotated.publicJwk];
        expect(
          await verifyMessage(sameKid, options({ keysFor: senderUnderOtherKid })),
        ).toMatchObject({ ok: false, code: 'bad_signature' });
      });

      it('accepts a rotated key after one successful refresh', async () => {
        const jws = await signMessage(message(), rotatedSigning);
        const calls: string[] = [];
        const r = await verifyMessage(
          jws,
          options({
            refreshKeysFor: async (from) => {
              calls.push(from);
              return [pair.publicJwk, rotated.publicJwk];
            },
          }),
        );
        expect(r).toEqual({ ok: true, message: message(), kid: rotated.kid });
        expect(calls).toEqual([SENDER]);
      });

      it('calls refresh at most once and rejects when the kid is still unknown', async () => {
        const jws = await signMessage(message(), rotatedSigning);
        let calls = 0;
        const refreshKeysFor = async (): Promise<PublicJwk[] | null> => {
          calls++;
          return [pair.publicJwk];
        };
        expect(await verifyMessage(jws, options({ refreshKeysFor }))).toMatchObject({
          code: 'unknown_key',
        });
        expect(calls).toBe(1);
        expect(
          await verifyMessage(jws, options({ refreshKeysFor: async () => null })),
        ).toMatchObject({ code: 'unknown_key' });
      });

      it('does not refresh when the kid is known', async () => {
        let calls = 0;
        const jws = await signMessage(message(), signing);
        const r = await verifyMessage(
          jws,
          options({
            refreshKeysFor: async () => {
              calls++;
              return null;
            },
          }),
        );
        expect(r.ok).toBe(true);
        expect(calls).toBe(0);
      });

      it('lets errors of the key store propagate', async () => {
        const jws = await signMessage(message(), signing);
        const failing = options({
          keysFor: async () => {
            throw new Error('database is locked');
          },
        });
        await expect(verifyMessage(jws, failing)).rejects.toThrow('database is locked');
      });
    });

    describe('stale', () => {
      it('rejects sentAt 6 minutes in the future and accepts 5', async () => {
        const future6 = await signMessage(
          message({ sentAt: new Date(NOW.getTime() + 6 * 60_000).toISOString() }),
          signing,
        );
        expect(await verifyMessage(future6, options())).toMatchObject({
          ok: false,
          code: 'stale',
          id: ID,
        });
        const future5 = await signMessage(
          message({ sentAt: new Date(NOW.getTime() + 5 * 60_000).toISOString() }),
          signing,
        );
        expect((await verifyMessage(future5, options())).ok).toBe(true);
      });

      it('rejects sentAt 31 days old and accepts 29, honouring replayWindowMs', async () => {
        const day = 24 * 3600_000;
        const old31 = await signMessage(
          message({ sentAt: new Date(NOW.getTime() - 31 * day).toISOString() }),
          signing,
        );
        expect(await verifyMessage(old31, options())).toMatchObject({ code: 'stale' });
        expect((await verifyMessage(old31, options({ replayWindowMs: 32 * day }))).ok).toBe(true);
        const old29 = await signMessage(
          message({ sentAt: new Date(NOW.getTime() - 29 * day).toISOString() }),
          signing,
        );
        expect((await verifyMessage(old29, options())).ok).toBe(true);
      });

      it('checks the signature before the time window', async () => {
        const header = b64(JSON.stringify({ alg: 'none', kid: pair.kid, typ: 'partner-sync+jws' }));
        const old = message({ sentAt: '2020-01-01T00:00:00Z' });
        const jws = `${header}.${b64(JSON.stringify(old))}.`;
        expect(await verifyMessage(jws, options())).toMatchObject({ code: 'bad_signature' });
      });
    });
  });

  describe('checkFreshness', () => {
    it('bounds sentAt on both sides, inclusively', () => {
      const at = (ms: number): string => new Date(NOW.getTime() + ms).toISOString();
      expect(checkFreshness(at(5 * 60_000), NOW)).toEqual({ ok: true });
      expect(checkFreshness(at(5 * 60_000 + 1), NOW).ok).toBe(false);
      expect(checkFreshness(at(-1000), NOW, 1000)).toEqual({ ok: true });
      expect(checkFreshness(at(-1001), NOW, 1000).ok).toBe(false);
      expect(checkFreshness('yesterday', NOW).ok).toBe(false);
      expect(() => checkFreshness(at(0), new Date(Number.NaN))).toThrow(
        new TypeError('checkFreshness: now is an invalid Date'),
      );
    });

    it('takes exactly 30 days by default, and names which bound was crossed', () => {
      const at = (ms: number): string => new Date(NOW.getTime() + ms).toISOString();
      const DAYS_30 = 30 * 24 * 3600_000;
      expect(checkFreshness(at(-DAYS_30), NOW)).toEqual({ ok: true });
      expect(checkFreshness(at(-DAYS_30 - 1), NOW)).toEqual({
        ok: false,
        detail: 'sentAt is older than the replay window',
      });
      expect(checkFreshness(at(5 * 60_000 + 1), NOW)).toEqual({
        ok: false,
        detail: 'sentAt is more than 5 minutes in the future',
      });
      expect(checkFreshness('yesterday', NOW)).toEqual({
        ok: false,
        detail: 'sentAt is not an RFC 3339 UTC time',
      });
    });

    it('accepts a window of 0 (only now) and refuses a negative or NaN window as a programmer error', () => {
      expect(checkFreshness(NOW.toISOString(), NOW, 0)).toEqual({ ok: true });
      expect(checkFreshness(new Date(NOW.getTime() - 1).toISOString(), NOW, 0).ok).toBe(false);
      for (const bad of [-1, Number.NaN]) {
        expect(() => checkFreshness(NOW.toISOString(), NOW, bad), String(bad)).toThrow(
          new TypeError('checkFreshness: replayWindowMs must be >= 0'),
        );
      }
    });
  });

  describe('verifyJwsSignature', () => {
    it('answers false, never throws, for a key that cannot verify Ed25519', async () => {
      const jws = await signMessage(message(), signing);
      const sig = Buffer.from(jws.split('.')[2] as string, 'base64url');
      const hmac = await crypto.subtle.importKey(
        'raw',
        new Uint8Array(32),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      await expect(verifyJwsSignature(jws, hmac, sig)).resolves.toBe(false);
      const verifyKey = await importVerifyKey(pair.publicJwk);
      await expect(verifyJwsSignature(jws, verifyKey, sig)).resolves.toBe(true);
    });
  });

  describe('readUnverifiedMessage', () => {
    it('reads the claimed message and header without keys', async () => {
      const jws = await signMessage(message(), signing);
      const r = await readUnverifiedMessage(jws);
      expect(r).toMatchObject({
        ok: true,
        message: message(),
        header: { alg: 'EdDSA', kid: pair.kid },
      });
      expect(readUnverifiedMessage('x')).toMatchObject({ ok: false, code: 'malformed', id: null });
    });
  });
});
