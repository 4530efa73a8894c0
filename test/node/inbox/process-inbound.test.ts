/**
 * The inbound pipeline's own promises, over real HTTP between real nodes: a suspended partner is
 * refused, and a failure inside the unit of work is nobody's final answer (the sender retries).
 */
import { readFileSync } from 'node:fs';
import { digestOf } from '../../../protocol/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHandlers, createHandlerRegistry } from '../../../node/handlers/registry.ts';
import { partnerUpdateHandler } from '../../../node/handlers/partner-update-handler.ts';
import type { MessageHandler } from '../../../node/handlers/handler.ts';
import type { Partner } from '../../../node/store/types.ts';
import { connectPair, inboundCount, postToInbox, signedFrom } from '../../support/federation.ts';
import {
  createTestNode,
  eventually,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';
import { enqueueUpdates, outboxRow } from '../../faults/support/partners.ts';

/**
 * partner.update as usual, except that while `storeFails` its store write throws (unless the name
 * is "fine"), and that the name "intruder" is not the sender's to set (authorization refuses it).
 */
let storeFails = false;
const flakyUpdate: MessageHandler = {
  ...partnerUpdateHandler,
  async authorize(ctx, tx) {
    if ((ctx.message.body as { name?: string }).name === 'intruder') {
      return { ok: false, code: 'forbidden', detail: 'not yours to change' };
    }
    return partnerUpdateHandler.authorize(ctx, tx);
  },
  async apply(ctx, tx) {
    if (storeFails && (ctx.message.body as { name?: string }).name !== 'fine') {
      throw new Error('disk I/O error');
    }
    return partnerUpdateHandler.apply(ctx, tx);
  },
};

let vendor: TestNode;
let reseller: TestNode;
let resellerOnVendor: Partner;
let vendorOnReseller: Partner;

describe('inbox › process-inbound', () => {
  beforeAll(async () => {
    vendor = await createTestNode({
      name: 'vendor',
      handlers: createHandlerRegistry([
        flakyUpdate,
        ...defaultHandlers().filter((h) => h.kind !== 'partner.update'),
      ]),
    });
    reseller = await createTestNode({ name: 'reseller' });
    const pair = await connectPair(vendor, reseller);
    resellerOnVendor = pair.onHost;
    vendorOnReseller = pair.onJoiner;
  });

  afterAll(async () => {
    await Promise.all([vendor.stop(), reseller.stop()]);
    await removeTestDirs();
  });

  it('refuses messages from a suspended partner as unknown_partner, and takes them after resume', async () => {
    const suspended = await vendor.api('POST', `/partners/${resellerOnVendor.id}/suspend`);
    expect(suspended.status).toBe(200);
    try {
      const before = await inboundCount(vendor);
      const { jws, message } = await signedFrom(reseller, vendor, 'partner.update', {
        name: 'while suspended',
      });
      const res = await postToInbox(vendor, [jws]);
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        {
          id: message.id,
          status: 'rejected',
          code: 'unknown_partner',
          message: 'sender is not a connected partner',
        },
      ]);
      expect(await inboundCount(vendor)).toBe(before);
    } finally {
      expect((await vendor.api('POST', `/partners/${resellerOnVendor.id}/resume`)).status).toBe(
        200,
      );
    }
    const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'resumed' });
    const res = await postToInbox(vendor, [jws]);
    expect(res.body.results[0]).toMatchObject({ status: 'accepted' });
  });

  it('merges the partner.update messages of one batch and of back-to-back requests, losing none', async () => {
    // Only the properties present change: each message merges into what the ones before it stored,
    // also when the partner the request looked up (from memory) predates them.
    const contact = await signedFrom(reseller, vendor, 'partner.update', {
      contact: { name: 'Ada' },
    });
    const renamed = await signedFrom(reseller, vendor, 'partner.update', { name: 'Merged' });
    const res = await postToInbox(vendor, [contact.jws, renamed.jws]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    const typed = await signedFrom(reseller, vendor, 'partner.update', { partnerType: 'reseller' });
    expect((await postToInbox(vendor, [typed.jws])).body.results[0]).toMatchObject({
      status: 'accepted',
    });
    const stored = await vendor.deps.store.read((tx) => tx.partners.getById(resellerOnVendor.id));
    expect(stored?.declaredProfile).toMatchObject({
      contact: { name: 'Ada' },
      name: 'Merged',
      partnerType: 'reseller',
    });
    // The lookup the inbox answers from memory shows the same profile.
    const cached = await vendor.deps.store.partnerByNodeId(reseller.url);
    expect(cached?.declaredProfile).toEqual(stored?.declaredProfile);
  });

  it('answers the same bytes again as a duplicate with the first receipt, storing nothing new', async () => {
    const { jws, message } = await signedFrom(reseller, vendor, 'partner.update', { name: 'once' });
    const first = await postToInbox(vendor, [jws]);
    expect(first.body.results[0]).toMatchObject({ id: message.id, status: 'accepted' });
    const count = await inboundCount(vendor);
    const again = await postToInbox(vendor, [jws]);
    expect(again.body.results[0]).toEqual({
      id: message.id,
      status: 'duplicate',
      receipt: first.body.results[0].receipt,
    });
    expect(await inboundCount(vendor)).toBe(count);
  });

  it('keeps the replay window in days: 29 days old is accepted, 31 is stale', async () => {
    const day = 24 * 3600_000;
    const at = (days: number) => new Date(Date.now() - days * day).toISOString();
    const old = await signedFrom(
      reseller,
      vendor,
      'partner.update',
      { name: '29' },
      {
        sentAt: at(29),
      },
    );
    expect((await postToInbox(vendor, [old.jws])).body.results[0]).toMatchObject({
      status: 'accepted',
    });
    const older = await signedFrom(
      reseller,
      vendor,
      'partner.update',
      { name: '31' },
      {
        sentAt: at(31),
      },
    );
    expect((await postToInbox(vendor, [older.jws])).body.results[0]).toMatchObject({
      status: 'rejected',
      code: 'stale',
    });
  });

  it('refuses a kind this partner may not send as forbidden, though its body is valid', async () => {
    const example = JSON.parse(readFileSync('examples/messages/lead.offer.json', 'utf8'));
    const { jws, message } = await signedFrom(reseller, vendor, 'lead.offer', example.body);
    const before = await inboundCount(vendor);
    expect((await postToInbox(vendor, [jws])).body.results).toEqual([
      {
        id: message.id,
        status: 'rejected',
        code: 'forbidden',
        message: 'this partner may not send lead.offer',
      },
    ]);
    expect(await inboundCount(vendor)).toBe(before);
  });

  it('stores an accepted message as it was sent: its bytes, digest, ref, times and receipt', async () => {
    const { jws, message } = await signedFrom(
      reseller,
      vendor,
      'partner.update',
      { name: 'kept as sent' },
      { ref: 'msg-earlier-1', sentAt: new Date(Date.now() - 60_000).toISOString() },
    );
    const before = Date.now();
    const res = await postToInbox(vendor, [jws]);
    expect(res.body.results[0]).toMatchObject({ id: message.id, status: 'accepted' });
    const stored = await vendor.deps.store.read((tx) => tx.inbox.find(reseller.url, message.id));
    expect(stored).toMatchObject({
      fromNodeId: reseller.url,
      messageId: message.id,
      partnerId: resellerOnVendor.id,
      kind: 'partner.update',
      ref: 'msg-earlier-1',
      jws,
      digest: digestOf(jws),
      receipt: res.body.results[0].receipt,
    });
    expect(stored!.sentAt.toISOString()).toBe(message.sentAt);
    expect(stored!.receivedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(stored!.receivedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses what the handler does not authorize as forbidden, checked before an id conflict', async () => {
    const before = await inboundCount(vendor);
    const intruder = await signedFrom(reseller, vendor, 'partner.update', { name: 'intruder' });
    expect((await postToInbox(vendor, [intruder.jws])).body.results).toEqual([
      {
        id: intruder.message.id,
        status: 'rejected',
        code: 'forbidden',
        message: 'not yours to change',
      },
    ]);
    expect(await inboundCount(vendor)).toBe(before);
    const profile = await vendor.deps.store.read((tx) => tx.partners.getById(resellerOnVendor.id));
    expect(profile?.declaredProfile?.name).not.toBe('intruder');

    // An id accepted before, with other content: forbidden when that content is not the
    // sender's to send, id_conflict when it is.
    const first = await signedFrom(reseller, vendor, 'partner.update', { name: 'first' });
    expect((await postToInbox(vendor, [first.jws])).body.results[0].status).toBe('accepted');
    const reused = (name: string) =>
      signedFrom(reseller, vendor, 'partner.update', { name }, { id: first.message.id });
    expect(
      (await postToInbox(vendor, [(await reused('intruder')).jws])).body.results[0],
    ).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(
      (await postToInbox(vendor, [(await reused('second')).jws])).body.results[0],
    ).toMatchObject({ status: 'rejected', code: 'id_conflict' });
  });

  it('answers 503 and stores nothing of the batch when the store fails inside the unit of work', async () => {
    const before = await inboundCount(vendor);
    const fine = await signedFrom(reseller, vendor, 'partner.update', { name: 'fine' });
    const update = await signedFrom(reseller, vendor, 'partner.update', { name: 'flaky' });
    storeFails = true;
    try {
      const res = await postToInbox(vendor, [fine.jws, update.jws]);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        error: { code: 'not_ready', message: 'the node could not store the messages; retry later' },
      });
      // Its neighbour, which stored fine, was not committed either: no receipt was given.
      expect(await inboundCount(vendor)).toBe(before);
    } finally {
      storeFails = false;
    }
    // Nothing was answered for the messages, so the same bytes are accepted later.
    const again = await postToInbox(vendor, [fine.jws, update.jws]);
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
  });

  it('keeps a message the recipient failed to store queued, and delivers it once the store works', async () => {
    storeFails = true;
    let rowId: string;
    try {
      const [row] = await enqueueUpdates(reseller, vendorOnReseller, ['stored later']);
      rowId = row!.messageId;
      const failed = await eventually(async () => {
        const r = await outboxRow(reseller, rowId);
        return r.lastErrorCode ? r : null;
      });
      // Not dead-lettered: the recipient's failure is not its final word.
      expect(failed).toMatchObject({ status: 'pending', lastErrorCode: 'http_503' });
    } finally {
      storeFails = false;
    }
    const delivered = await eventually(async () => {
      const r = await outboxRow(reseller, rowId);
      return r.status === 'delivered' ? r : null;
    }, 10_000);
    expect(delivered.resultStatus).toBe('accepted');
    const stored = await vendor.deps.store.read((tx) => tx.inbox.find(reseller.url, rowId));
    expect(stored?.messageId).toBe(rowId);
  });
});
