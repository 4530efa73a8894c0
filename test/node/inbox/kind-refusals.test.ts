/**
 * Refusals by kind, with the reason the sender reads, over real HTTP between real nodes: a kind
 * this node has no handler for, and partner.connect, which only the connect URL takes (a
 * partner's connect sent to the inbox is not a way around the invitation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPair, inboundCount, postToInbox, signedFrom } from '../../support/federation.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';

let vendor: TestNode;
let reseller: TestNode;

describe('inbox › refusals by kind', () => {
  beforeAll(async () => {
    [vendor, reseller] = await Promise.all([
      createTestNode({ name: 'vendor' }),
      createTestNode({ name: 'reseller' }),
    ]);
    await connectPair(vendor, reseller);
  });

  afterAll(async () => {
    await Promise.all([vendor.stop(), reseller.stop()]);
    await removeTestDirs();
  });

  it('refuses a kind it has no handler for as unsupported_kind, naming the kind', async () => {
    const before = await inboundCount(vendor);
    const { jws, message } = await signedFrom(reseller, vendor, 'survey.answer', {});
    expect((await postToInbox(vendor, [jws])).body.results).toEqual([
      {
        id: message.id,
        status: 'rejected',
        code: 'unsupported_kind',
        message: 'this node does not support survey.answer',
      },
    ]);
    expect(await inboundCount(vendor)).toBe(before);
  });

  it('refuses partner.connect at the inbox as forbidden: only the connect URL takes it', async () => {
    const before = await inboundCount(vendor);
    const { jws, message } = await signedFrom(reseller, vendor, 'partner.connect', {
      token: 'a'.repeat(43),
      name: 'reseller',
    });
    expect((await postToInbox(vendor, [jws])).body.results).toEqual([
      {
        id: message.id,
        status: 'rejected',
        code: 'forbidden',
        message: 'partner.connect is only accepted at the connect URL',
      },
    ]);
    expect(await inboundCount(vendor)).toBe(before);
  });
});
