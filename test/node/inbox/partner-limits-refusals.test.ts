/**
 * The per-partner limits' answers when something goes wrong, on a real node's store: a rate
 * refusal tells the sender the limit it crossed, and a failed read of what a partner has stored
 * (a busy or briefly unavailable database) fails that request only: the next one reads again,
 * rather than the partner being refused until the node restarts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnerLimits, PartnerLimitError } from '../../../node/inbox/partner-limits.ts';
import { silentLogger } from '../../../node/logger.ts';
import type { Store } from '../../../node/store/store.ts';
import type { Partner } from '../../../node/store/types.ts';
import { connectPair } from '../../support/federation.ts';
import {
  createTestNode,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';

const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
let vendor: TestNode;
let reseller: TestNode;
let resellerOnVendor: Partner;

describe('inbox › partner-limits refusals', () => {
  beforeAll(async () => {
    [vendor, reseller] = await Promise.all([
      createTestNode({ name: 'vendor', clock }),
      createTestNode({ name: 'reseller', clock }),
    ]);
    resellerOnVendor = (await connectPair(vendor, reseller)).onHost;
  });

  afterAll(async () => {
    await Promise.all([vendor.stop(), reseller.stop()]);
    await removeTestDirs();
  });

  it('refuses past the rate with partner_rate_limited, naming the limit', async () => {
    const limits = createPartnerLimits({
      config: { partnerMessageRateLimit: 2, partnerStorageQuotaMib: 100 },
      store: vendor.deps.store,
      clock,
      log: silentLogger(),
    });
    await limits.admit([resellerOnVendor, resellerOnVendor]);
    const error = await limits.admit([resellerOnVendor]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerLimitError);
    expect(error).toMatchObject({
      status: 429,
      code: 'partner_rate_limited',
      message: 'more than 2 messages a minute from you; retry later',
    });
  });

  it('reads the stored bytes again on the next request after a read failed', async () => {
    const real = vendor.deps.store;
    let failing = true;
    const store: Pick<Store, 'partnerStoredBytes' | 'rateBuckets'> = {
      partnerStoredBytes: (partnerId, afterSeq) =>
        failing
          ? Promise.reject(new Error('database is locked'))
          : real.partnerStoredBytes(partnerId, afterSeq),
      rateBuckets: real.rateBuckets,
    };
    const limits = createPartnerLimits({
      config: { partnerMessageRateLimit: 100, partnerStorageQuotaMib: 100 },
      store,
      clock,
      log: silentLogger(),
    });
    await expect(limits.admit([resellerOnVendor])).rejects.toThrow('database is locked');
    failing = false;
    await expect(limits.admit([resellerOnVendor])).resolves.toBeUndefined();
  });

  it('refuses past the rate on PostgreSQL too, where the processes lease from one bucket', async () => {
    const [pgVendor, pgReseller] = await Promise.all([
      createTestNode({ name: 'pg-vendor', clock, postgres: true }),
      createTestNode({ name: 'pg-reseller', clock }),
    ]);
    try {
      expect(pgVendor.deps.store.rateBuckets).toBeDefined();
      const partner = (await connectPair(pgVendor, pgReseller)).onHost;
      const limits = createPartnerLimits({
        config: { partnerMessageRateLimit: 2, partnerStorageQuotaMib: 100 },
        store: pgVendor.deps.store,
        clock,
        log: silentLogger(),
      });
      await limits.admit([partner, partner]);
      const error = await limits.admit([partner]).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 429, code: 'partner_rate_limited' });
    } finally {
      await Promise.all([pgVendor.stop(), pgReseller.stop()]);
    }
  });
});
