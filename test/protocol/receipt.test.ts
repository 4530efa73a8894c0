import { createHash } from 'node:crypto';
import { CompactSign } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  buildReceipt,
  digestOf,
  generateKeyPair,
  importSigningKey,
  signMessage,
  signReceipt,
  verifyReceipt,
} from '../../protocol/index.ts';
import type {
  GeneratedKeyPair,
  ReceiptExpectation,
  ReceiptPayload,
  SigningKey,
} from '../../protocol/index.ts';

const SENDER = 'https://partners.acme.example';
const RECIPIENT = 'https://globex.example';
const NOW = new Date('2027-01-15T12:00:00.000Z');

let recipient: GeneratedKeyPair;
let stranger: GeneratedKeyPair;
let recipientKey: SigningKey;
let strangerKey: SigningKey;
let senderKey: SigningKey;
let jws: string;
let payload: ReceiptPayload;
let expectation: ReceiptExpectation;

describe('receipt', () => {
  // Inside the describe, not at the top of the file: Stryker's vitest runner counts a failing
  // top-level hook as no test failing at all, so a mutant that breaks it would survive.
  beforeAll(async () => {
    recipient = await generateKeyPair();
    stranger = await generateKeyPair();
    recipientKey = await importSigningKey(recipient.privateJwk);
    strangerKey = await importSigningKey(stranger.privateJwk);
    senderKey = await importSigningKey((await generateKeyPair()).privateJwk);
    const message = buildMessage({
      kind: 'partner.update',
      from: SENDER,
      to: RECIPIENT,
      body: { name: 'Acme' },
      sentAt: NOW,
    });
    jws = await signMessage(message, senderKey);
    payload = buildReceipt({
      receiptFor: message.id,
      from: RECIPIENT,
      to: SENDER,
      status: 'accepted',
      jws,
      receivedAt: NOW,
    });
    expectation = { receiptFor: message.id, from: RECIPIENT, to: SENDER, digest: digestOf(jws) };
  });

  describe('digestOf', () => {
    it('is sha-256= and the unpadded base64url SHA-256 of the string', () => {
      expect(digestOf('abc')).toBe('sha-256=ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
      expect(digestOf(jws)).toMatch(/^sha-256=[A-Za-z0-9_-]{43}$/);
    });

    it('hashes the UTF-8 bytes of the string, whatever characters it holds', () => {
      const text = 'Ünïcødé 名前 😀 \u0000';
      const utf8 = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('base64url');
      expect(digestOf(text)).toBe(`sha-256=${utf8}`);
    });
  });

  describe('signReceipt / verifyReceipt', () => {
    it('verifies a valid receipt', async () => {
      const receipt = await signReceipt(payload, recipientKey);
      const header = JSON.parse(
        Buffer.from(receipt.split('.')[0] as string, 'base64url').toString(),
      );
      expect(header).toEqual({ alg: 'EdDSA', kid: recipient.kid, typ: 'partner-sync-receipt+jws' });
      expect(
        await verifyReceipt(receipt, { keys: [recipient.publicJwk], expect: expectation }),
      ).toEqual({ ok: true, receipt: payload, kid: recipient.kid });
    });

    it('accepts a duplicate receipt', async () => {
      const receipt = await signReceipt({ ...payload, status: 'duplicate' }, recipientKey);
      const r = await verifyReceipt(receipt, { keys: [recipient.publicJwk], expect: expectation });
      expect(r).toMatchObject({ ok: true, receipt: { status: 'duplicate' } });
    });

    it('is a mismatch when the digest or another expected field differs', async () => {
      const receipt = await signReceipt(payload, recipientKey);
      const keys = [recipient.publicJwk];
      const tampered = { ...expectation, digest: digestOf(`${jws}x`) };
      expect(await verifyReceipt(receipt, { keys, expect: tampered })).toEqual({
        ok: false,
        code: 'mismatch',
        detail: 'digest differs from what was sent',
      });
      for (const field of ['receiptFor', 'from', 'to'] as const) {
        const expect2 = { ...expectation, [field]: 'https://other.example' };
        expect(await verifyReceipt(receipt, { keys, expect: expect2 })).toEqual({
          ok: false,
          code: 'mismatch',
          detail: `${field} differs from what was sent`,
        });
      }
    });

    it('is a mismatch when the status is neither accepted nor duplicate', async () => {
      const forged = await new CompactSign(
        new TextEncoder().encode(JSON.stringify({ ...payload, status: 'rejected' })),
      )
        .setProtectedHeader({ alg: 'EdDSA', kid: recipient.kid, typ: 'partner-sync-receipt+jws' })
        .sign(recipientKey.key);
      expect(
        await verifyReceipt(forged, { keys: [recipient.publicJwk], expect: expectation }),
      ).toEqual({ ok: false, code: 'mismatch', detail: 'status is invalid' });
      await expect(
        signReceipt({ ...payload, status: 'rejected' as 'accepted' }, recipientKey),
      ).rejects.toThrow(new TypeError('signReceipt: bad status'));
    });

    it('is unknown_key when signed by a key not among the keys', async () => {
      const receipt = await signReceipt(payload, strangerKey);
      expect(
        await verifyReceipt(receipt, { keys: [recipient.publicJwk], expect: expectation }),
      ).toMatchObject({ ok: false, code: 'unknown_key' });
    });

    it('is bad_signature when signed by another key under a known kid', async () => {
      const receipt = await signReceipt(payload, { kid: recipient.kid, key: strangerKey.key });
      expect(
        await verifyReceipt(receipt, { keys: [recipient.publicJwk], expect: expectation }),
      ).toMatchObject({ ok: false, code: 'bad_signature' });
      const none = `${Buffer.from(
        JSON.stringify({ alg: 'none', kid: recipient.kid, typ: 'partner-sync-receipt+jws' }),
      ).toString('base64url')}.${receipt.split('.')[1]}.`;
      expect(
        await verifyReceipt(none, { keys: [recipient.publicJwk], expect: expectation }),
      ).toMatchObject({ ok: false, code: 'bad_signature' });
    });

    it('is malformed for a message JWS, garbage or a bad payload', async () => {
      const keys = [recipient.publicJwk];
      expect(await verifyReceipt(jws, { keys, expect: expectation })).toEqual({
        ok: false,
        code: 'malformed',
        detail: 'typ is not partner-sync-receipt+jws',
      });
      for (const bad of [null, 5, 'x', 'a.b.c']) {
        expect(await verifyReceipt(bad, { keys, expect: expectation })).toMatchObject({
          ok: false,
          code: 'malformed',
        });
      }
      const extra = await new CompactSign(
        new TextEncoder().encode(JSON.stringify({ ...payload, extra: 1 })),
      )
        .setProtectedHeader({ alg: 'EdDSA', kid: recipient.kid, typ: 'partner-sync-receipt+jws' })
        .sign(recipientKey.key);
      expect(await verifyReceipt(extra, { keys, expect: expectation })).toEqual({
        ok: false,
        code: 'malformed',
        detail: 'receipt has an unknown field',
      });
    });

    it('refuses to sign an invalid receipt payload', async () => {
      await expect(signReceipt({ ...payload, digest: 'md5=x' }, recipientKey)).rejects.toThrow(
        new TypeError('signReceipt: digest must be sha-256=<base64url>'),
      );
    });

    // A receipt is the sender's proof of delivery: anything that is not exactly a receipt payload
    // under a receipt header is `malformed`, whether or not its signature would verify.
    describe('verifyReceipt refuses what is not a receipt', () => {
      const HEADER = { alg: 'EdDSA', typ: 'partner-sync-receipt+jws' };

      /** A receipt JWS over `payloadText`, validly signed by the recipient unless `unsigned`. */
      async function receiptOver(
        payloadText: string | Uint8Array,
        header: Record<string, unknown> = {},
        unsigned = false,
      ): Promise<string> {
        const bytes = typeof payloadText === 'string' ? enc.encode(payloadText) : payloadText;
        const fullHeader = { ...HEADER, kid: recipient.kid, ...header };
        if (unsigned) {
          return `${b64(JSON.stringify({ ...fullHeader, alg: 'none' }))}.${Buffer.from(bytes).toString('base64url')}.`;
        }
        const h = b64(JSON.stringify(fullHeader));
        const p = Buffer.from(bytes).toString('base64url');
        const sig = await crypto.subtle.sign('Ed25519', recipientKey.key, enc.encode(`${h}.${p}`));
        return `${h}.${p}.${Buffer.from(sig).toString('base64url')}`;
      }

      const enc = new TextEncoder();
      const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
      const bad = (over: Record<string, unknown>) => JSON.stringify({ ...payload, ...over });
      const without = (field: string) => {
        const copy: Record<string, unknown> = { ...payload };
        delete copy[field];
        return JSON.stringify(copy);
      };

      const cases: Array<[string, () => string | Uint8Array, RegExp]> = [
        ['v 2', () => bad({ v: 2 }), /^v must be 1$/],
        ['v "1"', () => bad({ v: '1' }), /^v must be 1$/],
        ['no v', () => without('v'), /^v must be 1$/],
        ['receivedAt "yesterday"', () => bad({ receivedAt: 'yesterday' }), /^receivedAt /],
        [
          'receivedAt 30 February',
          () => bad({ receivedAt: '2027-02-30T12:00:00.000Z' }),
          /^receivedAt /,
        ],
        ['receivedAt a number', () => bad({ receivedAt: NOW.getTime() }), /^receivedAt /],
        ['no receivedAt', () => without('receivedAt'), /^receivedAt /],
        ['receiptFor empty', () => bad({ receiptFor: '' }), /^receiptFor /],
        ['receiptFor 201 characters', () => bad({ receiptFor: 'x'.repeat(201) }), /^receiptFor /],
        ['receiptFor a number', () => bad({ receiptFor: 7 }), /^receiptFor /],
        ['from not a node id', () => bad({ from: 'globex' }), /^from\/to /],
        ['to not a node id', () => bad({ to: 'acme' }), /^from\/to /],
        ['status missing', () => without('status'), /^status is missing$/],
        ['status a number', () => bad({ status: 1 }), /^status is missing$/],
        [
          'digest one character short',
          () => bad({ digest: payload.digest.slice(0, -1) }),
          /^digest /,
        ],
        [
          'digest of another algorithm',
          () => bad({ digest: payload.digest.replace('sha-256', 'sha-512') }),
          /^digest /,
        ],
        ['digest missing', () => without('digest'), /^digest /],
        ['an unknown field', () => bad({ note: 'hi' }), /^receipt has an unknown field$/],
        ['an array', () => JSON.stringify([payload]), /^receipt is not a JSON object$/],
        ['a string', () => JSON.stringify('receipt'), /^receipt is not a JSON object$/],
        ['a number', () => '1', /^receipt is not a JSON object$/],
        ['null', () => 'null', /^receipt is not a JSON object$/],
        ['not JSON', () => '{"v":1,', /^payload: /],
        ['a duplicate member', () => `{"v":1,${bad({}).slice(1, -1)}}`, /^payload: /],
        ['not UTF-8', () => Uint8Array.of(0x7b, 0xff, 0x7d), /UTF-8/],
      ];

      for (const [name, make, detail] of cases) {
        it(`is malformed for a payload with ${name}, signed or not`, async () => {
          for (const unsigned of [false, true]) {
            const receipt = await receiptOver(make(), {}, unsigned);
            const r = await verifyReceipt(receipt, {
              keys: [recipient.publicJwk],
              expect: expectation,
            });
            expect(r, `unsigned: ${unsigned}`).toMatchObject({ ok: false, code: 'malformed' });
            expect(r.ok ? '' : r.detail).toMatch(detail);
          }
        });
      }

      it('verifies the same payload under the helper when it is a receipt (control)', async () => {
        const r = await verifyReceipt(await receiptOver(JSON.stringify(payload)), {
          keys: [recipient.publicJwk],
          expect: expectation,
        });
        expect(r).toEqual({ ok: true, receipt: payload, kid: recipient.kid });
      });

      const headers: Array<[string, Record<string, unknown>, string]> = [
        ['the message typ', { typ: 'partner-sync+jws' }, 'typ is not partner-sync-receipt+jws'],
        ['no typ', { typ: undefined }, 'typ is not partner-sync-receipt+jws'],
        ['crit', { crit: ['exp'], exp: 1 }, 'crit is not supported'],
        ['b64: false', { b64: false }, 'b64 is not supported'],
        ['no alg', { alg: undefined }, 'alg is missing'],
        ['no kid', { kid: undefined }, 'kid is missing or invalid'],
        ['an empty kid', { kid: '' }, 'kid is missing or invalid'],
        ['a kid of 201 characters', { kid: 'k'.repeat(201) }, 'kid is missing or invalid'],
      ];
      for (const [name, header, detail] of headers) {
        it(`is malformed for a validly signed receipt whose header has ${name}`, async () => {
          const receipt = await receiptOver(JSON.stringify(payload), header);
          expect(
            await verifyReceipt(receipt, { keys: [recipient.publicJwk], expect: expectation }),
          ).toEqual({ ok: false, code: 'malformed', detail });
        });
      }

      it('accepts a receiptFor of exactly 200 characters', async () => {
        const id = 'x'.repeat(200);
        const receipt = await signReceipt({ ...payload, receiptFor: id }, recipientKey);
        expect(
          await verifyReceipt(receipt, {
            keys: [recipient.publicJwk],
            expect: { ...expectation, receiptFor: id },
          }),
        ).toMatchObject({ ok: true, receipt: { receiptFor: id } });
      });

      it('accepts a kid of exactly 200 characters when the key has it', async () => {
        const jwk = { ...recipient.publicJwk, kid: 'k'.repeat(200) };
        const receipt = await receiptOver(JSON.stringify(payload), { kid: jwk.kid });
        expect(await verifyReceipt(receipt, { keys: [jwk], expect: expectation })).toMatchObject({
          ok: true,
          kid: jwk.kid,
        });
      });

      it('is bad_signature for a receipt over a valid payload with alg none', async () => {
        const receipt = await receiptOver(JSON.stringify(payload), {}, true);
        expect(
          await verifyReceipt(receipt, { keys: [recipient.publicJwk], expect: expectation }),
        ).toEqual({ ok: false, code: 'bad_signature', detail: 'alg must be EdDSA' });
      });

      it('is a mismatch when the digest differs from the one sent by one character', async () => {
        const digest = expectation.digest;
        const last = digest.at(-1) === 'A' ? 'B' : 'A';
        const receipt = await signReceipt(
          { ...payload, digest: `${digest.slice(0, -1)}${last}` },
          recipientKey,
        );
        expect(
          await verifyReceipt(receipt, { keys: [recipient.publicJwk], expect: expectation }),
        ).toEqual({ ok: false, code: 'mismatch', detail: 'digest differs from what was sent' });
      });

      it('checks a receipt against the key listed under its kid only', async () => {
        // The recipient's kid, but the key listed under it is a stranger's: never verifies.
        const keys = [{ ...stranger.publicJwk, kid: recipient.kid }];
        const receipt = await signReceipt(payload, recipientKey);
        expect(await verifyReceipt(receipt, { keys, expect: expectation })).toEqual({
          ok: false,
          code: 'bad_signature',
          detail: 'signature does not verify',
        });
        // A key set that only names the stranger: the recipient's kid is unknown.
        expect(
          await verifyReceipt(receipt, { keys: [stranger.publicJwk], expect: expectation }),
        ).toEqual({ ok: false, code: 'unknown_key', detail: 'kid is not a key of the recipient' });
      });

      it('skips a listed key that is not a public Ed25519 JWK', async () => {
        const receipt = await signReceipt(payload, recipientKey);
        const privateUnderKid = { ...recipient.privateJwk, kid: recipient.kid } as never;
        expect(
          await verifyReceipt(receipt, { keys: [privateUnderKid], expect: expectation }),
        ).toMatchObject({ ok: false, code: 'unknown_key' });
      });

      it('returns a fresh receipt object with only the receipt fields', async () => {
        const receipt = await signReceipt(payload, recipientKey);
        const r = await verifyReceipt(receipt, {
          keys: [recipient.publicJwk],
          expect: expectation,
        });
        expect(r.ok && Object.keys(r.receipt).sort()).toEqual([
          'digest',
          'from',
          'receiptFor',
          'receivedAt',
          'status',
          'to',
          'v',
        ]);
      });
    });
  });
});
