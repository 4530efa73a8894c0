/**
 * A partner unreachable for days, on an injected clock: the sender probes it at the rate the
 * backoff allows and no faster, dead-letters nothing before the 7-day horizon, and delivers
 * everything in order when the partner returns — even at the very last attempt.
 */
import { afterAll, describe, expect, it } from 'vitest';
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
} from '../support/test-node.ts';
import { inboundIdsFrom } from './support/partners.ts';

afterAll(removeTestDirs);

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

/**
 * The most attempts PROTOCOL.md §6 allows within `windowMs` of the first: the n-th failure waits
 * at least half of min(1 s × 2^(n−1), 1 h), so attempts come no faster than those half-ceilings.
 */
function maxAttemptsWithin(windowMs: number): number {
  let attempts = 1;
  let at = 0;
  for (;;) {
    const next = at + Math.min(SECOND * 2 ** (attempts - 1), HOUR) / 2;
    if (next > windowMs) return attempts;
    at = next;
    attempts++;
  }
}

/** Polls tightly: hundreds of attempts are walked through, and each must settle. */
async function until<T>(check: () => Promise<T | null | undefined | false>, ms = 5_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 1));
  }
}

describe('faults › partition', () => {
  it('probes an unreachable partner at a bounded rate for days and delivers in order when it returns', async () => {
    const clock = new ManualClock();
    const proxy = await startFaultProxy(await freePort());
    // One clock for both: days pass for the recipient too (it judges sentAt by its own clock).
    const vendor = await createTestNode({ name: 'vendor', publicPort: proxy.port, clock });
    proxy.setTarget(vendor.port);
    // random 0: every wait is the shortest the policy allows, the worst case for the partner.
    const reseller = await createTestNode({ name: 'reseller', clock, random: () => 0 });
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      const start = clock.now().getTime();
      const names = ['One', 'Two', 'Three', 'Four', 'Five'];
      const { messageIds } = await sendProfileUpdate(reseller.deps, { name: names[0]! }, 'all');
      for (const name of names.slice(1)) {
        messageIds.push(...(await sendProfileUpdate(reseller.deps, { name }, 'all')).messageIds);
      }
      const rows = async (): Promise<OutboundMessage[]> =>
        (await outboundRows(reseller)).filter((r) => messageIds.includes(r.messageId));
      const settled = (attempts: number) =>
        until(async () => {
          const [head] = await rows();
          return head && head.status === 'pending' && head.attempts === attempts ? head : null;
        });

      // Walk the clock from one attempt to the next for six days, as fast as the policy allows.
      const attemptAt: number[] = [];
      let head = await settled(1);
      attemptAt.push(clock.now().getTime());
      while (head.nextAttemptAt.getTime() - start <= 6 * DAY) {
        clock.set(head.nextAttemptAt);
        reseller.deps.notifyOutbox();
        head = await settled(head.attempts + 1);
        attemptAt.push(clock.now().getTime());
      }
      const attempts = attemptAt.length;
      expect(proxy.inboxRequests).toBe(attempts);
      expect(attempts).toBeLessThanOrEqual(maxAttemptsWithin(6 * DAY));
      for (let n = 1; n < attempts; n++) {
        const gap = attemptAt[n]! - attemptAt[n - 1]!;
        // Never faster than the backoff, never slower than the 1-hour cap: probed, not hammered.
        expect(gap).toBeGreaterThanOrEqual(Math.min(SECOND * 2 ** (n - 1), HOUR) / 2);
        expect(gap).toBeLessThanOrEqual(HOUR);
      }
      // Once the head had failed, only the head was sent: one message a probe, the rest wait.
      const during = await rows();
      expect(during[0]!.attempts).toBe(attempts);
      for (const r of during.slice(1)) expect(r.attempts).toBeLessThanOrEqual(1);
      expect(during.every((r) => r.status === 'pending')).toBe(true);

      // A minute before the horizon it is still waiting; its last attempt is set on the horizon.
      clock.set(new Date(start + 7 * DAY - 60 * SECOND));
      reseller.deps.notifyOutbox();
      head = await settled(attempts + 1);
      expect(head.nextAttemptAt.getTime()).toBe(head.horizonFrom.getTime() + 7 * DAY);
      expect((await rows()).every((r) => r.status === 'pending')).toBe(true);

      // The partner returns just in time for that last attempt: everything arrives, in order.
      await vendor.start();
      clock.set(head.nextAttemptAt);
      reseller.deps.notifyOutbox();
      await eventually(async () => (await rows()).every((r) => r.status === 'delivered'), 10_000);
      const arrived = await inboundIdsFrom(vendor, reseller.url);
      expect(arrived.filter((id) => messageIds.includes(id))).toEqual(messageIds);
      const onVendor = await vendor.deps.store.read((tx) => tx.partners.getByNodeId(reseller.url));
      expect(onVendor?.declaredProfile?.name).toBe('Five');
      console.info(
        `partition: ${attempts} attempts in 6 days (bound ${maxAttemptsWithin(6 * DAY)}); ` +
          `${proxy.inboxRequests} inbox requests in all, the return included`,
      );
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
      await proxy.close();
    }
    // Some 300 attempts are walked one by one, each with its commits: slow on a loaded machine.
  }, 60_000);

  it('tries its waiting deliveries at once when the partner that could not be reached writes to it', async () => {
    const clock = new ManualClock();
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller', clock });
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      const { messageIds } = await sendProfileUpdate(reseller.deps, { name: 'Back' }, 'all');
      const head = async () =>
        (await outboundRows(reseller)).find((r) => r.messageId === messageIds[0]);
      // Five failures in a row: the next try is 8 seconds away on the reseller's clock.
      let row = await until(async () => {
        const r = await head();
        return r?.attempts === 1 && r.status === 'pending' ? r : null;
      });
      for (let attempts = 2; attempts <= 5; attempts++) {
        clock.set(row.nextAttemptAt);
        reseller.deps.notifyOutbox();
        row = await until(async () => {
          const r = await head();
          return r?.attempts === attempts && r.status === 'pending' ? r : null;
        });
      }
      expect(row.lastErrorCode).toBe('network');
      expect(row.nextAttemptAt.getTime() - clock.now().getTime()).toBe(8 * SECOND);

      // The vendor is back and writes first; the reseller's clock does not move.
      await vendor.start();
      await sendProfileUpdate(vendor.deps, { name: 'Vendor again' }, 'all');
      await eventually(async () => (await head())?.status === 'delivered', 10_000);
      const onVendor = await vendor.deps.store.read((tx) => tx.partners.getByNodeId(reseller.url));
      expect(onVendor?.declaredProfile?.name).toBe('Back');
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });
});
