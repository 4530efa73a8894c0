/**
 * Delivery between real nodes: receipts, a recipient that is down, a lost answer, a rejected
 * message that must not block the queue, Retry-After, the retry horizon and admin retry.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { digestOf, newMessageId, verifyReceipt } from '../../protocol/index.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import type { OutboundMessage } from '../../node/store/types.ts';
import { connectPair, outboundRows } from '../support/federation.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import {
  createTestNode,
  eventually,
  freePort,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';

afterAll(removeTestDirs);

async function declaredName(on: TestNode, of: TestNode): Promise<unknown> {
  const p = await on.deps.store.read((tx) => tx.partners.getByNodeId(of.url));
  return p?.declaredProfile?.name;
}

async function rowsOf(node: TestNode, kind = 'partner.update'): Promise<OutboundMessage[]> {
  return (await outboundRows(node)).filter((r) => r.kind === kind);
}

async function inboundIds(node: TestNode): Promise<string[]> {
  const rows = await node.deps.store.read((tx) => tx.inbox.list({}, { limit: 10_000 }));
  return rows.map((r) => r.messageId);
}

describe('delivery › three nodes', () => {
  it('connects both ways by invitation and exchanges updates with verified receipts', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller' });
    const distributor = await createTestNode({ name: 'distributor' });
    try {
      // The vendor invites the reseller; the distributor invites the vendor.
      await connectPair(vendor, reseller);
      await connectPair(distributor, vendor, { partnerType: 'value_added_supplier' });

      await sendProfileUpdate(vendor.deps, { name: 'Vendor AG' }, 'all');
      await sendProfileUpdate(reseller.deps, { contact: { email: 'r@example.com' } }, 'all');
      await eventually(async () => (await declaredName(reseller, vendor)) === 'Vendor AG');
      await eventually(async () => (await declaredName(distributor, vendor)) === 'Vendor AG');
      await eventually(async () => {
        const p = await vendor.deps.store.read((tx) => tx.partners.getByNodeId(reseller.url));
        return (p?.declaredProfile?.contact as { email?: string })?.email === 'r@example.com';
      });

      // The recipient applies a message before it answers; the sender marks it after the answer.
      const sent = await eventually(async () => {
        const rows = await rowsOf(vendor);
        return rows.every((r) => r.status === 'delivered') ? rows : null;
      });
      expect(sent).toHaveLength(2);
      for (const row of sent) {
        expect(row.status).toBe('delivered');
        expect(row.resultStatus).toBe('accepted');
        const recipient = row.toNodeId === reseller.url ? reseller : distributor;
        const check = await verifyReceipt(row.receipt, {
          keys: recipient.deps.keys.published(new Date()),
          expect: {
            receiptFor: row.messageId,
            from: recipient.url,
            to: vendor.url,
            digest: digestOf(row.jws!),
          },
        });
        expect(check.ok).toBe(true);
        // The recipient stored exactly the bytes the sender signed.
        const stored = await recipient.deps.store.read((tx) =>
          tx.inbox.find(vendor.url, row.messageId),
        );
        expect(stored?.jws).toBe(row.jws);
        expect(stored?.receipt).toBe(row.receipt);
      }
    } finally {
      await Promise.all([vendor.stop(), reseller.stop(), distributor.stop()]);
    }
  });
});

describe('delivery › faults', () => {
  it('a recipient that is down gets its messages, in order, once it is back', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller' });
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      for (const name of ['One', 'Two', 'Three']) {
        await sendProfileUpdate(reseller.deps, { name }, 'all');
      }
      // The queue head is probed alone while the partner is down; the rest wait behind it.
      await eventually(async () => ((await rowsOf(reseller))[0]?.attempts ?? 0) > 1);
      expect((await rowsOf(reseller)).every((r) => r.status !== 'delivered')).toBe(true);

      // The sender restarts too: its outbox is rows, nothing is lost.
      await reseller.stop();
      await reseller.start();
      await vendor.start();
      await eventually(
        async () => (await rowsOf(reseller)).every((r) => r.status === 'delivered'),
        10_000,
      );
      expect(await declaredName(vendor, reseller)).toBe('Three');
      const ids = (await rowsOf(reseller)).map((r) => r.messageId);
      expect((await inboundIds(vendor)).filter((id) => ids.includes(id)).sort()).toEqual(
        [...ids].sort(),
      );
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });

  it('a receiver restarted between storing and answering has no second effect', async () => {
    const proxy = await startFaultProxy(await freePort());
    const vendor = await createTestNode({ name: 'vendor', publicPort: proxy.port });
    proxy.setTarget(vendor.port);
    const reseller = await createTestNode({ name: 'reseller' });
    try {
      await connectPair(vendor, reseller);
      proxy.inject({ type: 'drop-response' });
      const { messageIds } = await sendProfileUpdate(reseller.deps, { name: 'Once' }, 'all');
      // The vendor stored it, the answer was lost, and the vendor restarts before the retry.
      await eventually(async () => (await inboundIds(vendor)).includes(messageIds[0]!));
      await vendor.stop();
      await vendor.start();
      const row = await eventually(async () => {
        const r = (await rowsOf(reseller)).find((x) => x.messageId === messageIds[0]);
        return r?.status === 'delivered' ? r : null;
      }, 10_000);
      // The retry re-sent the same bytes and got the original receipt back.
      expect(row.resultStatus).toBe('duplicate');
      expect(proxy.inboxRequests).toBe(2);
      const stored = await vendor.deps.store.read((tx) =>
        tx.inbox.find(reseller.url, messageIds[0]!),
      );
      expect(stored?.receipt).toBe(row.receipt);
      expect((await inboundIds(vendor)).filter((id) => id === messageIds[0])).toHaveLength(1);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
      await proxy.close();
    }
  });

  it('a rejected message is dead-lettered at once and does not block the next', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller' });
    try {
      const { onJoiner } = await connectPair(vendor, reseller);
      await reseller.deps.store.transact((tx) =>
        tx.outbox.enqueue(
          [
            {
              messageId: newMessageId(),
              partnerId: onJoiner.id,
              toNodeId: vendor.url,
              kind: 'partner.update',
              body: { name: 42 },
            },
            {
              messageId: newMessageId(),
              partnerId: onJoiner.id,
              toNodeId: vendor.url,
              kind: 'partner.update',
              body: { name: 'After' },
            },
          ],
          reseller.deps.clock.now(),
        ),
      );
      reseller.deps.notifyOutbox();
      await eventually(async () => (await declaredName(vendor, reseller)) === 'After');
      // The vendor applies before it answers; the reseller settles the rows after the answer.
      const [bad, good] = await eventually(async () => {
        const rows = await rowsOf(reseller);
        return rows.every((r) => r.status === 'dead' || r.status === 'delivered') ? rows : null;
      });
      expect(bad).toMatchObject({
        status: 'dead',
        resultStatus: 'rejected',
        lastErrorCode: 'invalid_body',
        attempts: 0,
      });
      expect(good).toMatchObject({ status: 'delivered' });
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });

  it('honours Retry-After and treats a receipt that does not match as no delivery', async () => {
    const proxy = await startFaultProxy(await freePort());
    const vendor = await createTestNode({ name: 'vendor', publicPort: proxy.port });
    proxy.setTarget(vendor.port);
    const reseller = await createTestNode({ name: 'reseller' });
    try {
      await connectPair(vendor, reseller);
      proxy.inject(
        { type: 'status', status: 429, headers: { 'retry-after': '1' } },
        {
          type: 'rewrite-body',
          rewrite: (body) => {
            const parsed = JSON.parse(body);
            parsed.results[0].receipt = parsed.results[0].receipt.slice(0, -4) + 'AAAA';
            return JSON.stringify(parsed);
          },
        },
      );
      const started = Date.now();
      await sendProfileUpdate(reseller.deps, { name: 'Patient' }, 'all');
      const after429 = await eventually(async () => {
        const [r] = await rowsOf(reseller);
        return r?.lastErrorCode === 'http_429' ? r : null;
      });
      expect(after429.nextAttemptAt.getTime() - started).toBeGreaterThanOrEqual(900);
      await eventually(async () => (await rowsOf(reseller))[0]?.lastErrorCode === 'bad_receipt');
      const delivered = await eventually(async () => {
        const [r] = await rowsOf(reseller);
        return r?.status === 'delivered' ? r : null;
      }, 10_000);
      expect(delivered.resultStatus).toBe('duplicate');
      expect(proxy.inboxRequests).toBe(3);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
      await proxy.close();
    }
  });

  it('waits no longer than retryMaxDelaySeconds between tries, however often it failed', async () => {
    const clock = new ManualClock();
    const vendor = await createTestNode({ name: 'vendor' });
    // random just under 1: every wait is the longest the policy allows.
    const reseller = await createTestNode({
      name: 'reseller',
      clock,
      random: () => 0.999,
      settings: { retryMaxDelaySeconds: 3 },
    });
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      await sendProfileUpdate(reseller.deps, { name: 'Soon' }, 'all');
      const waits: number[] = [];
      for (let attempts = 1; attempts <= 6; attempts++) {
        const head = await eventually(async () => {
          const [r] = await rowsOf(reseller);
          return r && r.status === 'pending' && r.attempts === attempts ? r : null;
        });
        waits.push(head.nextAttemptAt.getTime() - clock.now().getTime());
        clock.set(head.nextAttemptAt);
        reseller.deps.notifyOutbox();
      }
      // 1 and 2 s (just under each), then held at the 3-second cap instead of 4, 8, 16, 32 s.
      expect(waits.map((ms) => Math.round(ms / 100) / 10)).toEqual([1, 2, 3, 3, 3, 3]);
      const last = await eventually(async () => {
        const [r] = await rowsOf(reseller);
        return r && r.status === 'pending' && r.attempts === 7 ? r : null;
      });
      await vendor.start();
      clock.set(last.nextAttemptAt);
      reseller.deps.notifyOutbox();
      await eventually(async () => (await declaredName(vendor, reseller)) === 'Soon', 10_000);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });

  it('dead-letters after the retry horizon and delivers after an admin retry', async () => {
    const clock = new ManualClock();
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller', clock });
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      await sendProfileUpdate(reseller.deps, { name: 'Late' }, 'all');
      await eventually(async () => ((await rowsOf(reseller))[0]?.attempts ?? 0) > 0);

      // Six days later it is still waiting, probed rather than hammered.
      clock.advance(6 * 24 * 3600_000);
      reseller.deps.notifyOutbox();
      const waiting = await eventually(async () => {
        const [r] = await rowsOf(reseller);
        return r && r.attempts >= 2 && r.status === 'pending' ? r : null;
      });
      expect(waiting.nextAttemptAt.getTime() - clock.now().getTime()).toBeGreaterThan(0);

      clock.advance(2 * 24 * 3600_000);
      reseller.deps.notifyOutbox();
      const dead = await eventually(async () => {
        const [r] = await rowsOf(reseller);
        return r?.status === 'dead' ? r : null;
      });
      expect(dead.lastErrorCode).toBe('expired');

      await vendor.start();
      const retried = await reseller.deps.store.transact((tx) =>
        tx.outbox.retryDead({ messageIds: [dead.messageId] }, clock.now()),
      );
      expect(retried).toBe(1);
      reseller.deps.notifyOutbox();
      // Re-sent byte for byte: the vendor's clock says the JWS is eight days old, within 30.
      await eventually(async () => (await declaredName(vendor, reseller)) === 'Late', 10_000);
      expect((await rowsOf(reseller))[0]?.jws).toBe(dead.jws);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });
});
