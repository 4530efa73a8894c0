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

describe('receipt', () => {
  describe('digestOf', () => {
    it('is sha-256= and the unpadded base64url SHA-256 of the string', () => {
      expect(digestOf('abc')).toBe('sha-256=ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
      expect(digestOf(jws)).toMatch(/^sha-256=[A-Za-z0-9_-]{43}$/);
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
        expect(await verifyReceipt(receipt, { keys, expect: expect2 })).toMatchObject({
          code: 'mismatch',
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
      ).toMatchObject({ ok: false, code: 'mismatch' });
      await expect(
        signReceipt({ ...payload, status: 'rejected' as 'accepted' }, recipientKey),
      ).rejects.toThrow(TypeError);
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
      expect(await verifyReceipt(jws, { keys, expect: expectation })).toMatchObject({
        code: 'malformed',
      });
      for (const bad of [null, 5, 'x', 'a.b.c']) {
        expect(await verifyReceipt(bad, { keys, expect: expectation })).toMatchObject({
          code: 'malformed',
        });
      }
      const extra = await new CompactSign(
        new TextEncoder().encode(JSON.stringify({ ...payload, extra: 1 })),
      )
        .setProtectedHeader({ alg: 'EdDSA', kid: recipient.kid, typ: 'partner-sync-receipt+jws' })
        .sign(recipientKey.key);
      expect(await verifyReceipt(extra, { keys, expect: expectation })).toMatchObject({
        code: 'malformed',
      });
    });

    it('refuses to sign an invalid receipt payload', async () => {
      await expect(signReceipt({ ...payload, digest: 'md5=x' }, recipientKey)).rejects.toThrow(
        TypeError,
      );
    });
  });
});
