/**
 * A partner whose message the inbox has just taken is up: this node's deliveries to it that wait
 * because the last attempt could not reach it are tried at once, not at the end of their backoff
 * (partner-wakeups.ts). Real nodes over HTTP; the vendor's clock stands still, so a delivery
 * waiting for its backoff is only ever tried again when something wakes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Partner } from '../../../node/store/types.ts';
import { connectPair, postToInbox, signedFrom } from '../../support/federation.ts';
import {
  createTestNode,
  eventually,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';
import { enqueueUpdates, outboxRow } from '../../faults/support/partners.ts';

let vendor: TestNode;
let reseller: TestNode;
let resellerOnVendor: Partner;

describe('inbox › waking deliveries to a partner that is up', () => {
  beforeAll(async () => {
    [vendor, reseller] = await Promise.all([
      createTestNode({ name: 'vendor', clock: new ManualClock(new Date()) }),
      createTestNode({ name: 'reseller' }),
    ]);
    resellerOnVendor = (await connectPair(vendor, reseller)).onHost;
  });

  afterAll(async () => {
    await Promise.all([vendor.stop(), reseller.stop()]);
    await removeTestDirs();
  });

  it('tries a delivery that could not reach the sender at once when the sender writes', async () => {
    await reseller.stop();
    const [row] = await enqueueUpdates(vendor, resellerOnVendor, ['while you were away']);
    const id = row!.messageId;
    const waiting = await eventually(async () => {
      const r = await outboxRow(vendor, id);
      return r.lastErrorCode ? r : null;
    });
    expect(waiting).toMatchObject({ status: 'pending', lastErrorCode: 'network' });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(vendor.deps.clock.now().getTime());

    await reseller.start();
    // Back, but the vendor's clock has not moved: the delivery still waits for its backoff.
    await new Promise((r) => setTimeout(r, 200));
    expect((await outboxRow(vendor, id)).status).toBe('pending');

    const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'I am back' });
    expect((await postToInbox(vendor, [jws])).body.results[0].status).toBe('accepted');
    const delivered = await eventually(async () => {
      const r = await outboxRow(vendor, id);
      return r.status === 'delivered' ? r : null;
    });
    expect(delivered.resultStatus).toBe('accepted');
  });
});
