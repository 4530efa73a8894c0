/**
 * Security review, issue #14 finding 8: one connected partner could store thousands of valid
 * messages a second. The inbox bounds each partner by its signed node id, whatever address it
 * sends from: a message rate (429 partner_rate_limited) and a storage quota (429
 * partner_quota_exceeded, shown in node status). A refused request stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundCount, postToInbox, signedFrom, connectPair } from '../support/federation.ts';
import {
  createTestNode,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../support/test-node.ts';

const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
let vendor: TestNode;
let p1: TestNode;
let p2: TestNode;
let serial = 0;

beforeAll(async () => {
  [vendor, p1, p2] = await Promise.all([
    createTestNode({
      name: 'vendor',
      clock,
      settings: { partnerMessageRateLimit: 150, partnerStorageQuotaMib: 1 },
    }),
    createTestNode({ name: 'p1', clock }),
    createTestNode({ name: 'p2', clock }),
  ]);
  await connectPair(vendor, p1);
  await connectPair(vendor, p2);
}, 30_000);
afterAll(async () => {
  await Promise.all([vendor?.stop(), p1?.stop(), p2?.stop()]);
  await removeTestDirs();
});

/** `count` valid service requests from `from`, each with a description of `size` characters. */
async function requests(from: TestNode, count: number, size = 20): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      serial += 1;
      const body = {
        request: {
          id: `REQ-${serial}`,
          category: 'technical',
          subject: 'Router reboots',
          description: 'x'.repeat(size),
          priority: 'normal',
        },
        version: 1,
      };
      return (await signedFrom(from, vendor, 'service.request', body)).jws;
    }),
  );
}

const statuses = (res: { body: any }) => new Set(res.body.results.map((r: any) => r.status));

describe('inbox › per-partner limits', () => {
  it('limits the messages of one partner a minute, by its node id, not its neighbours', async () => {
    expect(statuses(await postToInbox(vendor, await requests(p2, 100)))).toEqual(
      new Set(['accepted']),
    );
    const before = await inboundCount(vendor);
    const over = await postToInbox(vendor, await requests(p2, 60));
    expect(over).toMatchObject({ status: 429, body: { error: { code: 'partner_rate_limited' } } });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await inboundCount(vendor)).toBe(before);
    // Another partner from the same address is not held back; p2 may still use what is left.
    expect(statuses(await postToInbox(vendor, await requests(p1, 1)))).toEqual(
      new Set(['accepted']),
    );
    expect(statuses(await postToInbox(vendor, await requests(p2, 40)))).toEqual(
      new Set(['accepted']),
    );
    clock.advance(60_000);
    expect(statuses(await postToInbox(vendor, await requests(p2, 60)))).toEqual(
      new Set(['accepted']),
    );
  });

  it('refuses a partner over its storage quota and shows it in node status', async () => {
    for (let i = 0; i < 2; i++) {
      clock.advance(60_000);
      const res = await postToInbox(vendor, await requests(p1, 100, 5000));
      expect(statuses(res)).toEqual(new Set(['accepted']));
    }
    const before = await inboundCount(vendor);
    const over = await postToInbox(vendor, await requests(p1, 1));
    expect(over).toMatchObject({
      status: 429,
      body: { error: { code: 'partner_quota_exceeded' } },
    });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(await inboundCount(vendor)).toBe(before);
    const status = await vendor.api('GET', '/status');
    expect(status.body.partnerStorage[p1.url]).toMatchObject({
      quotaBytes: 1024 * 1024,
      overQuota: true,
    });
    expect(status.body.partnerStorage[p1.url].storedBytes).toBeGreaterThan(1024 * 1024);
    expect(status.body.partnerStorage[p2.url].overQuota).toBe(false);
    // The other partner is not affected.
    expect(statuses(await postToInbox(vendor, await requests(p2, 1)))).toEqual(
      new Set(['accepted']),
    );
  });
});
