/**
 * Every rejection code of the inbound pipeline, over real HTTP between real nodes, each also
 * checking that nothing was stored.
 */
import { CompactSign } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  generateKeyPair,
  importSigningKey,
  MESSAGE_TYP,
  newMessageId,
  signCompact,
  verifyReceipt,
} from '../../protocol/index.ts';
import { createHandlerRegistry } from '../../node/handlers/registry.ts';
import { partnerDisconnectHandler } from '../../node/handlers/partner-disconnect-handler.ts';
import { partnerUpdateHandler } from '../../node/handlers/partner-update-handler.ts';
import type { MessageHandler } from '../../node/handlers/handler.ts';
import {
  connectPair,
  inboundCount,
  postJson,
  postToInbox,
  signedFrom,
} from '../support/federation.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

/** partner.update as usual, except that the name "conflict" contradicts what we hold. */
const conflictingUpdate: MessageHandler = {
  ...partnerUpdateHandler,
  async apply(ctx, tx) {
    const body = ctx.message.body as { name?: string };
    if (body.name === 'conflict') return { ok: false, code: 'conflict', detail: 'contradiction' };
    return partnerUpdateHandler.apply(ctx, tx);
  },
};

let vendor: TestNode;
let reseller: TestNode;
let stranger: TestNode;

beforeAll(async () => {
  vendor = await createTestNode({
    name: 'vendor',
    handlers: createHandlerRegistry([conflictingUpdate, partnerDisconnectHandler]),
  });
  reseller = await createTestNode({ name: 'reseller' });
  stranger = await createTestNode({ name: 'stranger' });
  await connectPair(vendor, reseller);
});

afterAll(async () => {
  await Promise.all([vendor.stop(), reseller.stop(), stranger.stop()]);
  await removeTestDirs();
});

/** Posts one message to the vendor and expects it rejected with `code` and nothing stored. */
async function expectRejected(jws: unknown, code: string) {
  const before = await inboundCount(vendor);
  const res = await postToInbox(vendor, [jws]);
  expect(res.status).toBe(200);
  expect(res.body.results).toHaveLength(1);
  expect(res.body.results[0]).toMatchObject({ status: 'rejected', code });
  expect(res.body.results[0].receipt).toBeUndefined();
  expect(await inboundCount(vendor)).toBe(before);
  const partner = await vendor.deps.store.read((tx) => tx.partners.getByNodeId(reseller.url));
  expect(partner?.declaredProfile).toBeNull();
  return res.body.results[0];
}

const b64u = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Signs arbitrary payload text with the reseller's real key. */
async function signRaw(payloadText: string): Promise<string> {
  return signCompact(payloadText, MESSAGE_TYP, reseller.deps.keys.signing());
}

function envelope(overrides: Record<string, unknown> = {}) {
  return {
    ...buildMessage({
      id: newMessageId(),
      kind: 'partner.update',
      from: reseller.url,
      to: vendor.url,
      sentAt: new Date(),
      body: { name: 'x' },
    }),
    ...overrides,
  };
}

describe('inbox › rejections', () => {
  it('malformed: not a compact JWS', async () => {
    const r = await expectRejected('not-a-jws', 'malformed');
    expect(r.id).toBeNull();
  });

  it('malformed: a number instead of a JWS string', async () => {
    await expectRejected(42, 'malformed');
  });

  it('malformed: payload is not JSON', async () => {
    await expectRejected(await signRaw('{not json'), 'malformed');
  });

  it('malformed: a required field is missing', async () => {
    const { kind: _kind, ...rest } = envelope();
    await expectRejected(await signRaw(JSON.stringify(rest)), 'malformed');
  });

  it('malformed: duplicate keys', async () => {
    const text = JSON.stringify(envelope()).replace('"kind":', '"kind":"partner.update","kind":');
    await expectRejected(await signRaw(text), 'malformed');
  });

  it('malformed: 100-deep JSON', async () => {
    const deep = '['.repeat(100) + ']'.repeat(100);
    const text = JSON.stringify(envelope()).replace('{"name":"x"}', deep);
    await expectRejected(await signRaw(text), 'malformed');
  });

  it('unsupported_version: v 2', async () => {
    const r = await expectRejected(
      await signRaw(JSON.stringify(envelope({ v: 2 }))),
      'unsupported_version',
    );
    expect(typeof r.id).toBe('string');
  });

  it('unknown_partner: a node that is not connected', async () => {
    const { jws } = await signedFrom(stranger, vendor, 'partner.update', { name: 'x' });
    await expectRejected(jws, 'unknown_partner');
  });

  it('wrong_recipient: addressed to another node', async () => {
    const { jws } = await signedFrom(
      reseller,
      vendor,
      'partner.update',
      { name: 'x' },
      {
        to: stranger.url,
      },
    );
    await expectRejected(jws, 'wrong_recipient');
  });

  it('unknown_key: a kid the partner never published', async () => {
    const rogue = await generateKeyPair();
    const key = await importSigningKey(rogue.privateJwk);
    const jws = await signCompact(JSON.stringify(envelope()), MESSAGE_TYP, key);
    await expectRejected(jws, 'unknown_key');
  });

  it('bad_signature: alg none', async () => {
    const header = b64u(
      JSON.stringify({ alg: 'none', kid: reseller.deps.keys.signing().kid, typ: MESSAGE_TYP }),
    );
    await expectRejected(`${header}.${b64u(JSON.stringify(envelope()))}.`, 'bad_signature');
  });

  it('bad_signature: HS256 keyed with the public key', async () => {
    const signing = reseller.deps.keys.signing();
    const jwk = reseller.deps.keys.published(new Date()).find((k) => k.kid === signing.kid)!;
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(envelope())))
      .setProtectedHeader({ alg: 'HS256', kid: signing.kid, typ: MESSAGE_TYP })
      .sign(new TextEncoder().encode(jwk.x));
    await expectRejected(jws, 'bad_signature');
  });

  it('bad_signature: tampered payload', async () => {
    const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'honest' });
    const [h, , s] = jws.split('.');
    const tampered = `${h}.${b64u(JSON.stringify(envelope({ body: { name: 'evil' } })))}.${s}`;
    await expectRejected(tampered, 'bad_signature');
  });

  it('stale: sentAt six minutes in the future', async () => {
    const { jws } = await signedFrom(
      reseller,
      vendor,
      'partner.update',
      { name: 'x' },
      {
        sentAt: new Date(Date.now() + 6 * 60_000).toISOString(),
      },
    );
    await expectRejected(jws, 'stale');
  });

  it('stale: sentAt older than the replay window', async () => {
    const { jws } = await signedFrom(
      reseller,
      vendor,
      'partner.update',
      { name: 'x' },
      {
        sentAt: new Date(Date.now() - 31 * 24 * 3600_000).toISOString(),
      },
    );
    await expectRejected(jws, 'stale');
  });

  it('unsupported_kind: a kind this node does not know', async () => {
    const { jws } = await signedFrom(reseller, vendor, 'unknown.kind', {});
    await expectRejected(jws, 'unsupported_kind');
  });

  it('invalid_body: the message names the JSON pointer', async () => {
    const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 5 });
    const r = await expectRejected(jws, 'invalid_body');
    expect(r.message).toContain('/name');
  });

  it('forbidden: partner.connect at the inbox', async () => {
    const { jws } = await signedFrom(reseller, vendor, 'partner.connect', {
      token: 'a'.repeat(43),
      name: 'reseller',
    });
    await expectRejected(jws, 'forbidden');
  });

  it('conflict: the handler finds a contradiction; nothing is stored', async () => {
    const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'conflict' });
    await expectRejected(jws, 'conflict');
  });
});

describe('inbox › duplicates and id conflicts', () => {
  it('the same bytes twice: duplicate with the original receipt, one effect', async () => {
    const fresh = await createTestNode({ name: 'dup-vendor' });
    const partner = await createTestNode({ name: 'dup-reseller' });
    try {
      await connectPair(fresh, partner);
      const { jws, message } = await signedFrom(partner, fresh, 'partner.update', { name: 'One' });
      const first = await postToInbox(fresh, [jws]);
      expect(first.body.results[0]).toMatchObject({ id: message.id, status: 'accepted' });
      const before = await inboundCount(fresh);
      const again = await postToInbox(fresh, [jws]);
      expect(again.body.results[0]).toMatchObject({ id: message.id, status: 'duplicate' });
      expect(again.body.results[0].receipt).toBe(first.body.results[0].receipt);
      expect(await inboundCount(fresh)).toBe(before);

      const receipt = await verifyReceipt(again.body.results[0].receipt, {
        keys: fresh.deps.keys.published(new Date()),
        expect: { receiptFor: message.id, from: fresh.url, to: partner.url, digest: '' },
      });
      // The digest differs on purpose above: the receipt binds the exact bytes.
      expect(receipt).toMatchObject({ ok: false, code: 'mismatch' });

      // Same id, other bytes: id_conflict, nothing changes.
      const { jws: other } = await signedFrom(
        partner,
        fresh,
        'partner.update',
        { name: 'Two' },
        {
          id: message.id,
        },
      );
      const conflict = await postToInbox(fresh, [other]);
      expect(conflict.body.results[0]).toMatchObject({ status: 'rejected', code: 'id_conflict' });
      expect(await inboundCount(fresh)).toBe(before);
      const stored = await fresh.deps.store.read((tx) => tx.partners.getByNodeId(partner.url));
      expect(stored?.declaredProfile).toEqual({ name: 'One' });
    } finally {
      await fresh.stop();
      await partner.stop();
    }
  });

  it('a batch answers each message in order; a rejection does not undo its neighbours', async () => {
    const before = await inboundCount(vendor);
    const ok1 = await signedFrom(reseller, vendor, 'partner.update', { contact: { name: 'A' } });
    const bad = await signedFrom(reseller, vendor, 'partner.update', { name: 'conflict' });
    const ok2 = await signedFrom(reseller, vendor, 'partner.update', { contact: { name: 'B' } });
    const res = await postToInbox(vendor, [ok1.jws, bad.jws, ok2.jws]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'rejected',
      'accepted',
    ]);
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual([
      ok1.message.id,
      bad.message.id,
      ok2.message.id,
    ]);
    expect(await inboundCount(vendor)).toBe(before + 2);
  });
});

describe('inbox › whole-request errors', () => {
  it('415 for a wrong content type', async () => {
    const res = await postJson(`${vendor.url}/inbox`, { messages: ['x'] }, 'text/plain');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('400 for a body that is not JSON', async () => {
    const res = await postJson(`${vendor.url}/inbox`, '{"messages": [');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('400 for an empty batch and for too many messages', async () => {
    expect((await postToInbox(vendor, [])).status).toBe(400);
    const tooMany = await postToInbox(
      vendor,
      Array.from({ length: 101 }, () => 'x'),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('at most 100');
  });

  it('413 for a body over maxBodyBytes, and nothing stored', async () => {
    const before = await inboundCount(vendor);
    const res = await postToInbox(vendor, ['x'.repeat(1024 * 1024 + 10)]);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(await inboundCount(vendor)).toBe(before);
  });

  it('429 with Retry-After past the rate limit', async () => {
    const limited = await createTestNode({ name: 'limited', settings: { inboxRateLimit: 3 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const res = await postToInbox(limited, ['x']);
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });
});
