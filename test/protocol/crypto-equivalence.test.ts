/**
 * The node signs and verifies through node:crypto (the OpenSSL operation WebCrypto runs, without
 * jose's and WebCrypto's per-call overhead). jose stays the reference: these tests hold both to
 * the same signatures, byte for byte, and to the same answer for every message, valid or not.
 */
import { randomBytes } from 'node:crypto';
import { CompactSign, compactVerify, importJWK } from 'jose';
import type { CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  decodeCompactJws,
  generateKeyPair,
  importSigningKey,
  importVerifyKey,
  MESSAGE_TYP,
  RECEIPT_TYP,
  signCompact,
  signMessage,
  verifyJwsSignature,
  verifyMessage,
  type GeneratedKeyPair,
  type PublicJwk,
  type SigningKey,
} from '../../protocol/index.ts';

const SENDER = 'https://partners.acme.example';
const SELF = 'https://globex.example';
const NOW = new Date('2027-01-15T12:00:00.000Z');
// The order of the Ed25519 group, for a signature whose S is not reduced.
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

let pair: GeneratedKeyPair;
let other: GeneratedKeyPair;
let signing: SigningKey;
let otherSigning: SigningKey;
let verifyKey: CryptoKey;

async function joseSign(payload: string, typ: string, key: SigningKey): Promise<string> {
  return new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ })
    .sign(key.key);
}

async function joseAccepts(jws: string, key: CryptoKey): Promise<boolean> {
  try {
    await compactVerify(jws, key, { algorithms: ['EdDSA'] });
    return true;
  } catch {
    return false;
  }
}

/** The fast path as the node runs it: the strict decoding first, then the signature. */
async function fastAccepts(jws: string, key: CryptoKey): Promise<boolean> {
  const decoded = decodeCompactJws(jws);
  if (!decoded.ok || decoded.header.alg !== 'EdDSA' || decoded.signature.byteLength !== 64) {
    return false;
  }
  return verifyJwsSignature(jws, key, decoded.signature);
}

function messageText(body: unknown): string {
  return JSON.stringify(
    buildMessage({
      id: '01890a5d-ac96-774b-bcce-b302099a8057',
      kind: 'partner.update',
      from: SENDER,
      to: SELF,
      sentAt: NOW,
      body,
    }),
  );
}

function b64u(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function withSignature(jws: string, signature: Uint8Array): string {
  return `${jws.slice(0, jws.lastIndexOf('.'))}.${b64u(signature)}`;
}

function sigOf(jws: string): Buffer {
  return Buffer.from(jws.slice(jws.lastIndexOf('.') + 1), 'base64url');
}

/** Valid and broken variants of one signed message. */
async function corpus(): Promise<Array<{ name: string; jws: string }>> {
  const valid = await joseSign(messageText({ name: 'Acme' }), MESSAGE_TYP, signing);
  const [h, p] = valid.split('.') as [string, string, string];
  const sig = sigOf(valid);
  const items = [
    { name: 'valid', jws: valid },
    { name: 'valid receipt typ', jws: await joseSign('{"v":1}', RECEIPT_TYP, signing) },
    {
      name: 'unicode payload',
      jws: await joseSign(messageText({ name: 'Ünïcødé 名前 😀' }), MESSAGE_TYP, signing),
    },
    {
      name: 'signed by another key',
      jws: await joseSign(messageText({ name: 'Acme' }), MESSAGE_TYP, otherSigning),
    },
    {
      name: 'payload of another message',
      jws: `${h}.${b64u(Buffer.from(messageText({ name: 'Evil' })))}.${b64u(sig)}`,
    },
    {
      name: 'header of another kid',
      jws: `${b64u(Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'x', typ: MESSAGE_TYP })))}.${p}.${b64u(sig)}`,
    },
    { name: 'zero signature', jws: withSignature(valid, new Uint8Array(64)) },
    { name: 'short signature', jws: withSignature(valid, sig.subarray(0, 63)) },
    { name: 'long signature', jws: withSignature(valid, Buffer.concat([sig, Buffer.from([0])])) },
    { name: 'empty signature', jws: `${h}.${p}.` },
  ];
  // S + L: the same signature with S not reduced modulo L (malleability).
  const s = BigInt(`0x${Buffer.from(sig.subarray(32)).reverse().toString('hex')}`) + L;
  if (s < 2n ** 256n) {
    const sBytes = Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse();
    items.push({
      name: 'S + L',
      jws: withSignature(valid, Buffer.concat([sig.subarray(0, 32), sBytes])),
    });
  }
  // S exactly L, S the largest 32-byte value, S just below L: the first two never verify (and are
  // refused before any curve arithmetic), the last goes to the verification like any other.
  const lBytes = Buffer.from(L.toString(16).padStart(64, '0'), 'hex').reverse();
  const belowL = Buffer.from((L - 1n).toString(16).padStart(64, '0'), 'hex').reverse();
  items.push(
    { name: 'S = L', jws: withSignature(valid, Buffer.concat([sig.subarray(0, 32), lBytes])) },
    {
      name: 'S = 2^256 - 1',
      jws: withSignature(valid, Buffer.concat([sig.subarray(0, 32), Buffer.alloc(32, 0xff)])),
    },
    { name: 'S = L - 1', jws: withSignature(valid, Buffer.concat([sig.subarray(0, 32), belowL])) },
  );
  // Random signatures, as a forged flood sends them: most have S above L.
  for (let i = 0; i < 16; i++) {
    items.push({ name: `random signature ${i}`, jws: withSignature(valid, randomBytes(64)) });
  }
  for (let i = 0; i < 64; i += 7) {
    for (const bit of [0x01, 0x80]) {
      const flipped = Buffer.from(sig);
      flipped[i]! ^= bit;
      items.push({ name: `signature byte ${i} bit ${bit}`, jws: withSignature(valid, flipped) });
    }
  }
  return items;
}

describe('crypto-equivalence', () => {
  // Inside the describe, not at the top of the file: Stryker's vitest runner counts a failing
  // top-level hook as no test failing at all, so a mutant that breaks it would survive.
  beforeAll(async () => {
    pair = await generateKeyPair();
    other = await generateKeyPair();
    signing = await importSigningKey(pair.privateJwk);
    otherSigning = await importSigningKey(other.privateJwk);
    verifyKey = await importVerifyKey(pair.publicJwk);
  });

  it('signs byte for byte as jose does', async () => {
    for (const payload of [
      messageText({ name: 'Acme' }),
      messageText({ name: 'Ünïcødé 名前 😀', contact: { email: 'a@b.example' } }),
      '{"v":1,"receiptFor":"x"}',
      'x'.repeat(5000),
    ]) {
      for (const typ of [MESSAGE_TYP, RECEIPT_TYP]) {
        expect(await signCompact(payload, typ, signing)).toBe(
          await joseSign(payload, typ, signing),
        );
      }
    }
  });

  it('signMessage is verified by jose', async () => {
    const message = buildMessage({
      id: '01890a5d-ac96-774b-bcce-b302099a8058',
      kind: 'partner.update',
      from: SENDER,
      to: SELF,
      sentAt: NOW,
      body: { name: 'Acme' },
    });
    const jws = await signMessage(message, signing);
    const verified = await compactVerify(jws, verifyKey, { algorithms: ['EdDSA'] });
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual(message);
  });

  it('accepts and refuses exactly what jose accepts and refuses', async () => {
    const items = await corpus();
    expect(items.length).toBeGreaterThan(20);
    let accepted = 0;
    for (const { name, jws } of items) {
      const reference = await joseAccepts(jws, verifyKey);
      expect(await fastAccepts(jws, verifyKey), name).toBe(reference);
      if (reference) accepted++;
    }
    expect(accepted).toBe(3);
  });

  it('agrees with jose on random tampering', async () => {
    const valid = await joseSign(messageText({ name: 'Random' }), MESSAGE_TYP, signing);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const chars = valid.split('');
      const at = next() % chars.length;
      if (chars[at] === '.') continue;
      chars[at] = alphabet[next() % alphabet.length]!;
      const jws = chars.join('');
      expect(await fastAccepts(jws, verifyKey), jws).toBe(await joseAccepts(jws, verifyKey));
    }
  });

  it('agrees with jose on a small-order public key', async () => {
    // The identity point as the key, and (R = identity, S = 0) as the signature.
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: b64u(identity) };
    const joseKey = (await importJWK(jwk, 'EdDSA')) as CryptoKey;
    const weak: PublicJwk = { ...jwk, kid: 'weak', alg: 'EdDSA', use: 'sig' } as PublicJwk;
    const fastKey = await importVerifyKey(weak);
    const header = b64u(
      Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'weak', typ: MESSAGE_TYP })),
    );
    const payload = b64u(Buffer.from(messageText({ name: 'Weak' })));
    const sig = new Uint8Array(64);
    sig[0] = 1;
    const jws = `${header}.${payload}.${b64u(sig)}`;
    expect(await fastAccepts(jws, fastKey)).toBe(await joseAccepts(jws, joseKey));
  });

  it('verifyMessage accepts what jose verifies and refuses a forged signature', async () => {
    const keysFor = async (from: string) => (from === SENDER ? [pair.publicJwk] : null);
    const good = await joseSign(messageText({ name: 'Acme' }), MESSAGE_TYP, signing);
    const result = await verifyMessage(good, { self: SELF, now: NOW, keysFor });
    expect(result.ok).toBe(true);
    const forged = await joseSign(messageText({ name: 'Acme' }), MESSAGE_TYP, {
      kid: signing.kid,
      key: otherSigning.key,
    });
    const refused = await verifyMessage(forged, { self: SELF, now: NOW, keysFor });
    expect(refused).toMatchObject({ ok: false, code: 'bad_signature' });
  });
});
