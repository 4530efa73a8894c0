/**
 * The HTTP transport on its own, as its type allows it to be built: without metrics and called
 * without a progress callback, it delivers, retries and dead-letters all the same. The node's
 * own outbox worker is stopped, so the test claims each batch and hands it to the transport.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../../node/outbox/http-transport.ts';
import { DEFAULT_RETRY_POLICY } from '../../../node/outbox/retry-policy.ts';
import type { OutboxTransport } from '../../../node/outbox/transport.ts';
import type { Partner } from '../../../node/store/types.ts';
import { startScriptedPartner, type ScriptedPartner } from '../../support/scripted-partner.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../../support/test-node.ts';
import { enqueueUpdates, outboxRow } from '../../faults/support/partners.ts';

describe('outbox › http-transport without metrics or progress', () => {
  let node: TestNode;
  let peer: ScriptedPartner;
  let transport: OutboxTransport;

  beforeAll(async () => {
    node = await createTestNode({ name: 'bare-transport' });
    await node.deps.outbox.stop();
    peer = await startScriptedPartner();
    const { metrics: _metrics, ...deps } = node.deps;
    transport = createHttpTransport({
      ...deps,
      retryPolicy: DEFAULT_RETRY_POLICY,
      random: () => 0,
    });
  });

  afterAll(async () => {
    await peer.close();
    await node.stop();
    await removeTestDirs();
  });

  /** Queues one message to `partner`, claims it and delivers it with the transport. */
  async function deliverOne(partner: Partner, name: string) {
    const [row] = await enqueueUpdates(node, partner, [name]);
    const now = node.deps.clock.now();
    const [batch] = await node.deps.store.transact((tx) =>
      tx.outbox.claimDue({
        now,
        leaseUntil: new Date(now.getTime() + 60_000),
        maxPartners: 1,
        probeBatch: 1,
      }),
    );
    expect(batch?.messages.map((m) => m.messageId)).toEqual([row!.messageId]);
    const outcome = await transport.deliver(batch!);
    return { ...(await outboxRow(node, row!.messageId)), outcome };
  }

  /** Out of the way of the next message: a retried row would hold up the queue behind it. */
  const setAside = (seq: number) =>
    node.deps.store.transact((tx) =>
      tx.outbox.markDead(seq, { code: 'test', detail: 'x', at: new Date(), rejected: false }),
    );

  it('delivers, retries and dead-letters, and says which it did', async () => {
    const partner = await peer.pinOn(node);
    expect(await deliverOne(partner, 'delivered')).toMatchObject({
      status: 'delivered',
      outcome: { delivered: 1, dead: 0, retried: 0 },
    });

    peer.answer = () => ({ status: 503 });
    const failed = await deliverOne(partner, 'retried');
    expect(failed).toMatchObject({
      status: 'pending',
      lastErrorCode: 'http_503',
      outcome: { delivered: 0, dead: 0, retried: 1 },
    });
    await setAside(failed.seq);

    peer.answer = (received) => ({
      status: 200,
      body: {
        results: received.map((r) => ({ id: r.message.id, status: 'accepted', receipt: 'x' })),
      },
    });
    const badReceipt = await deliverOne(partner, 'bad receipt');
    expect(badReceipt).toMatchObject({
      status: 'pending',
      lastErrorCode: 'bad_receipt',
      outcome: { delivered: 0, dead: 0, retried: 1 },
    });
    await setAside(badReceipt.seq);

    // Our key is minutes old: a refusal unknown_key is retried.
    peer.answer = (received) => ({
      status: 200,
      body: {
        results: received.map((r) => ({
          id: r.message.id,
          status: 'rejected',
          code: 'unknown_key',
          message: 'who?',
        })),
      },
    });
    const notYetKnown = await deliverOne(partner, 'new key');
    expect(notYetKnown).toMatchObject({
      status: 'pending',
      lastErrorCode: 'unknown_key',
      outcome: { delivered: 0, dead: 0, retried: 1 },
    });
    await setAside(notYetKnown.seq);

    peer.answer = () => ({ status: 400 });
    expect(await deliverOne(partner, 'refused')).toMatchObject({
      status: 'dead',
      lastErrorCode: 'http_400',
      outcome: { delivered: 0, dead: 1, retried: 0 },
    });

    const small = await peer.pinOn(node, { maxBodyBytes: 100 });
    expect(await deliverOne(small, 'too large')).toMatchObject({
      status: 'dead',
      lastErrorCode: 'payload_too_large',
      outcome: { delivered: 0, dead: 1, retried: 0 },
    });
  });
});
