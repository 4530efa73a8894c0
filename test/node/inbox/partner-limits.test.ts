/**
 * The per-partner bounds at their edges. Over real HTTP between real nodes: a message sent again
 * (answered duplicate) stores nothing and so counts nothing against the storage quota. On the
 * receiving node's own store: a partner exactly at its quota is refused with an hour's
 * Retry-After and the operator is warned once; a rate refusal tells the sender how long until the
 * bucket has room, and a refused request takes no tokens from anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../node/logger.ts';
import {
  createPartnerLimits,
  PartnerLimitError,
  type PartnerLimits,
} from '../../../node/inbox/partner-limits.ts';
import type { Partner } from '../../../node/store/types.ts';
import { connectPair, postToInbox, signedFrom } from '../../support/federation.ts';
import {
  createTestNode,
  ManualClock,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';
import { jsonLineSink } from '../../support/json-line-sink.ts';

const MIB = 1024 * 1024;
const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
let vendor: TestNode;
let reseller: TestNode;
let distributor: TestNode;
let resellerOnVendor: Partner;
let distributorOnVendor: Partner;
let serial = 0;

describe('inbox › partner-limits at their edges', () => {
  beforeAll(async () => {
    [vendor, reseller, distributor] = await Promise.all([
      createTestNode({ name: 'vendor', clock, settings: { partnerStorageQuotaMib: 1 } }),
      createTestNode({ name: 'reseller', clock }),
      createTestNode({ name: 'distributor', clock }),
    ]);
    resellerOnVendor = (await connectPair(vendor, reseller)).onHost;
    distributorOnVendor = (await connectPair(vendor, distributor)).onHost;
  }, 30_000);

  afterAll(async () => {
    await Promise.all([vendor?.stop(), reseller?.stop(), distributor?.stop()]);
    await removeTestDirs();
  });

  /** A valid service request from `from` with `size` characters of description. */
  async function request(from: TestNode, size: number): Promise<string> {
    serial += 1;
    const body = {
      request: {
        id: `REQ-L${serial}`,
        category: 'technical',
        subject: 'Router reboots',
        description: 'x'.repeat(size),
        priority: 'normal',
      },
      version: 1,
    };
    return (await signedFrom(from, vendor, 'service.request', body)).jws;
  }

  /** Limits on the vendor's own store, logging warnings into `warnings`. */
  function limitsOnVendor(settings: { perMinute: number; quotaMib: number }) {
    const warnings: Array<Record<string, unknown>> = [];
    const sink = jsonLineSink(warnings);
    const limits = createPartnerLimits({
      config: {
        partnerMessageRateLimit: settings.perMinute,
        partnerStorageQuotaMib: settings.quotaMib,
      },
      store: vendor.deps.store,
      clock,
      log: createLogger('warn', sink),
    });
    return { limits, warnings };
  }

  async function refusal(limits: PartnerLimits, senders: Partner[]) {
    const error = await limits.admit(senders).then(
      () => null,
      (e: unknown) => e,
    );
    if (error === null) return null;
    expect(error).toBeInstanceOf(PartnerLimitError);
    const e = error as PartnerLimitError;
    return { code: e.code, status: e.status, retryAfterSeconds: e.retryAfterSeconds };
  }

  it('counts a message sent again (answered duplicate) nothing against the storage quota', async () => {
    const stored = async () =>
      (await vendor.api('GET', '/status')).body.partnerStorage[reseller.url]?.storedBytes ?? 0;
    // The node reads what the partner has stored so far on its first message.
    await postToInbox(vendor, [await request(reseller, 10)]);
    const before = await stored();
    expect(before).toBeGreaterThan(0);
    const jws = await request(reseller, 5_000);
    expect((await postToInbox(vendor, [jws])).body.results[0].status).toBe('accepted');
    expect(await stored()).toBe(before + jws.length);

    // The same message 100 times in a batch, three times over: duplicates, nothing stored.
    for (let i = 0; i < 3; i++) {
      clock.advance(60_000);
      const again = await postToInbox(vendor, Array(100).fill(jws));
      expect(again.status).toBe(200);
      expect(new Set(again.body.results.map((r: any) => r.status))).toEqual(new Set(['duplicate']));
    }
    expect(await stored()).toBe(before + jws.length);
  });

  it('refuses a partner exactly at its quota for an hour, and warns the operator once', async () => {
    const jws = await request(reseller, 100);
    expect((await postToInbox(vendor, [jws])).body.results[0].status).toBe('accepted');
    const { limits, warnings } = limitsOnVendor({ perMinute: 1_000, quotaMib: 1 });
    // What the partner has stored already is read from the store on its first message.
    await limits.admit([resellerOnVendor]);
    const already = limits.usage().get(resellerOnVendor.id)!.storedBytes;
    expect(already).toBeGreaterThanOrEqual(jws.length);

    limits.stored(resellerOnVendor, MIB - 1 - already);
    expect(limits.usage().get(resellerOnVendor.id)).toEqual({
      storedBytes: MIB - 1,
      quotaBytes: MIB,
      overQuota: false,
    });
    expect(await refusal(limits, [resellerOnVendor])).toBeNull();
    expect(warnings).toEqual([]);

    limits.stored(resellerOnVendor, 1);
    expect(limits.usage().get(resellerOnVendor.id)?.overQuota).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      partner: reseller.url,
      partnerId: resellerOnVendor.id,
      storedBytes: MIB,
      quotaBytes: MIB,
    });
    expect(await refusal(limits, [resellerOnVendor])).toEqual({
      code: 'partner_quota_exceeded',
      status: 429,
      retryAfterSeconds: 3600,
    });
    // Refused again, and more stored: still the one warning. Another partner is not affected.
    expect(await refusal(limits, [resellerOnVendor])).not.toBeNull();
    limits.stored(resellerOnVendor, 10);
    expect(warnings).toHaveLength(1);
    expect(await refusal(limits, [distributorOnVendor])).toBeNull();
  });

  it('refuses past the rate with the seconds until the bucket has room, taking no tokens', async () => {
    // 60 a minute: one token a second.
    const { limits } = limitsOnVendor({ perMinute: 60, quotaMib: 1_024 });
    const r = resellerOnVendor;
    const d = distributorOnVendor;
    expect(await refusal(limits, Array(58).fill(r))).toBeNull();
    // Two left: a request of three from it is refused, needing one more second.
    expect(await refusal(limits, [r, r, r])).toEqual({
      code: 'partner_rate_limited',
      status: 429,
      retryAfterSeconds: 1,
    });
    // A request with another partner's message beside it is refused as a whole, and takes
    // nothing from either: both still have their tokens.
    expect(await refusal(limits, [d, r, r, r])).not.toBeNull();
    expect(await refusal(limits, [r, r])).toBeNull();
    expect(await refusal(limits, [r])).toEqual({
      code: 'partner_rate_limited',
      status: 429,
      retryAfterSeconds: 1,
    });
    expect(await refusal(limits, Array(60).fill(d))).toBeNull();
    clock.advance(5_000);
    expect(await refusal(limits, Array(5).fill(r))).toBeNull();
    expect(await refusal(limits, Array(10).fill(r))).toMatchObject({ retryAfterSeconds: 10 });
  });
});
