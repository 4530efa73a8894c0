/**
 * A partner's next batch leaves as soon as the partner has answered the one before it, not after
 * that answer's receipts are checked and stored: between two real nodes over HTTP, the sender's
 * unit of work that stores the first batch's receipts is held back until the receiver has the
 * second batch too. Order holds (the receiver stored the first batch before the second left),
 * and every message ends delivered once, with its receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreTx } from '../../../node/store/store.ts';
import type { Partner } from '../../../node/store/types.ts';
import { connectPair, inboundCount } from '../../support/federation.ts';
import {
  createTestNode,
  eventually,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';
import { enqueueUpdates } from '../../faults/support/partners.ts';

const BATCH = 5;

let sender: TestNode;
let receiver: TestNode;
let receiverOnSender: Partner;

/**
 * Delays each unit of work on `node` that stores a batch's receipts (the HTTP transport's
 * settleResults) until `release` resolves: the unit is queued only then, and runs as usual. The
 * store is not blocked meanwhile, so the outbox worker can claim and send what is next.
 */
function holdReceiptUnits(node: TestNode, release: Promise<unknown>): () => void {
  const store = node.deps.store;
  const transact = store.transact;
  store.transact = <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    const settling = new Error().stack?.includes('settleResults') ?? false;
    if (!settling) return transact.call(store, fn) as Promise<T>;
    return release.then(() => transact.call(store, fn) as Promise<T>);
  };
  return () => {
    store.transact = transact;
  };
}

describe('outbox › pipelining', () => {
  beforeAll(async () => {
    receiver = await createTestNode({ name: 'receiver', settings: { maxBatch: BATCH } });
    sender = await createTestNode({ name: 'sender' });
    receiverOnSender = (await connectPair(receiver, sender)).onJoiner;
  });

  afterAll(async () => {
    await Promise.all([sender.stop(), receiver.stop()]);
    await removeTestDirs();
  });

  it("sends a partner's next batch while the previous answer is being settled", async () => {
    const before = await inboundCount(receiver);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const restore = holdReceiptUnits(sender, released);
    try {
      const names = Array.from({ length: 2 * BATCH }, (_, i) => `pipelined ${i}`);
      const rows = await enqueueUpdates(sender, receiverOnSender, names);
      // The receiver gets both batches while the first one's receipts are still held back.
      const stored = await eventually(async () => {
        const n = (await inboundCount(receiver)) - before;
        return n >= 2 * BATCH ? n : null;
      }, 5_000).catch(() => null);
      expect(stored, 'the second batch left before the first was settled').toBe(2 * BATCH);

      // In order: the receiver stored the messages as they were queued.
      const inbound = await receiver.deps.store.read((tx) =>
        tx.inbox.list({ partnerId: undefined }, { limit: 2 * BATCH }),
      );
      const ids = inbound.map((m) => m.messageId).reverse();
      expect(ids).toEqual(rows.map((r) => r.messageId));

      release();
      await eventually(async () => {
        const all = await sender.deps.store.read((tx) =>
          Promise.all(rows.map((r) => tx.outbox.get(r.messageId))),
        );
        return all.every((r) => r?.status === 'delivered' && r.receipt !== null) ? all : null;
      }, 8_000);
    } finally {
      release();
      restore();
    }
  });
});
