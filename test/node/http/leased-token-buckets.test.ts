/**
 * Node-wide token buckets on PostgreSQL, two processes' stores on one database: a lease takes
 * between what is needed and what is wanted, or nothing; a batch larger than the bucket passes
 * from a full one and leaves it in debt; a process answers refusals from memory until a refill
 * may have made room; unspent leased tokens are dropped after a second, and a refused request
 * gives back what it took. Batched mode (per-address limits): new keys are admitted on credit
 * without waiting for the database and leased for in statements of at most LEASE_BATCH keys; two
 * processes admit a key the limit plus at most their credit; idle rows are dropped.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../node/clock.ts';
import {
  createLeasedTokenBuckets,
  LEASE_BATCH,
  LEASE_MS,
} from '../../../node/http/leased-token-buckets.ts';
import { openPostgresStore } from '../../../node/store/postgres/postgres-store.ts';
import type { RateBucketStore } from '../../../node/store/rate-bucket-store.ts';
import type { Store } from '../../../node/store/store.ts';
import {
  createTestDatabase,
  dropTestDatabases,
  hasTestPostgres,
} from '../../support/test-database.ts';

afterAll(dropTestDatabases);
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function twoProcesses(): Promise<[Store, Store]> {
  const url = await createTestDatabase();
  const a = await openPostgresStore(url, { maxConnections: 2 });
  const b = await openPostgresStore(url, { maxConnections: 2 });
  opened.push(a, b);
  return [a, b];
}

/** The store's buckets, counting how often they are asked (and how many keys each batch holds). */
function counted(store: Store): RateBucketStore & { asked: number; batches: number[] } {
  const counter = {
    ...store.rateBuckets!,
    asked: 0,
    batches: [] as number[],
    lease: (input: Parameters<RateBucketStore['lease']>[0]) => {
      counter.asked++;
      return store.rateBuckets!.lease(input);
    },
    leaseEach: (input: Parameters<RateBucketStore['leaseEach']>[0]) => {
      counter.asked++;
      counter.batches.push(input.wants.length);
      return store.rateBuckets!.leaseEach(input);
    },
  };
  return counter;
}

const T0 = new Date('2026-12-07T12:00:00Z').getTime();

describe.runIf(hasTestPostgres())('http › leased token buckets (PostgreSQL)', () => {
  it('leases between need and want, nothing short of need, and a big batch into debt', async () => {
    const [a, b] = await twoProcesses();
    const lease = (s: Store, need: number, want: number, now = T0) =>
      s.rateBuckets!.lease({ name: 'partner', key: '7', perMinute: 60, need, want, now });
    expect(await lease(a, 1, 50)).toEqual({ granted: 50, tokens: 10 });
    expect(await lease(b, 5, 20)).toEqual({ granted: 10, tokens: 0 });
    expect(await lease(a, 1, 1)).toEqual({ granted: 0, tokens: 0 });
    // One token a second refills.
    expect(await lease(b, 3, 3, T0 + 2_000)).toEqual({ granted: 0, tokens: 2 });
    expect(await lease(b, 3, 3, T0 + 3_000)).toEqual({ granted: 3, tokens: 0 });
    // Another key is another bucket, full; more than a bucket passes from a full one.
    const big = await a.rateBuckets!.lease({
      name: 'partner',
      key: '8',
      perMinute: 60,
      need: 100,
      want: 100,
      now: T0,
    });
    expect(big).toEqual({ granted: 100, tokens: -40 });
  });

  it('two processes share one bucket; refusals come from memory until a refill', async () => {
    const [a, b] = await twoProcesses();
    const clock = new ManualClock(new Date(T0));
    const [storeA, storeB] = [counted(a), counted(b)];
    const options = { name: 'partner', perMinute: 4, maxKeys: 10 };
    const pa = createLeasedTokenBuckets(storeA, clock, options);
    const pb = createLeasedTokenBuckets(storeB, clock, options);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await pa.take('7'), await pb.take('7'));
    // Four tokens node-wide; each refusal waits for one token (15 s at 4 a minute).
    expect(answers.filter((w) => w === 0)).toHaveLength(4);
    expect(answers.filter((w) => w > 0).every((w) => w === 15)).toBe(true);
    const asked = storeA.asked + storeB.asked;
    for (let i = 0; i < 10; i++) expect(await pa.take('7')).toBeGreaterThan(0);
    expect(storeA.asked + storeB.asked).toBe(asked);
    // Once a token may have come back, the database is asked, and gives it.
    clock.advance(15_000);
    expect(await pa.take('7')).toBe(0);
    expect(storeA.asked + storeB.asked).toBe(asked + 1);
    expect(await pb.take('7')).toBeGreaterThan(0);
  });

  it('drops leased tokens left unspent after a lease, and takes back a refund', async () => {
    const [a, b] = await twoProcesses();
    const clock = new ManualClock(new Date(T0));
    const options = { name: 'partner', perMinute: 6, maxKeys: 10 };
    const pa = createLeasedTokenBuckets(a.rateBuckets!, clock, options);
    const pb = createLeasedTokenBuckets(b.rateBuckets!, clock, options);
    // A's second lease takes two (one spent before): one token left unspent in A.
    expect(await pa.take('7')).toBe(0);
    expect(await pa.take('7')).toBe(0);
    expect(await pb.take('7', 3)).toBe(0);
    // The bucket is empty; A's unspent token serves A, not B.
    expect(await pb.take('7')).toBeGreaterThan(0);
    expect(await pa.take('7')).toBe(0);
    pa.refund('7', 1);
    expect(await pa.take('7')).toBe(0);
    // A refund held past its lease is gone with it.
    pa.refund('7', 1);
    clock.advance(LEASE_MS);
    const stored = await a.rateBuckets!.lease({ ...options, key: '7', need: 0, want: 0, now: T0 });
    expect(stored.tokens).toBeLessThan(1);
    expect(await pa.take('7')).toBeGreaterThan(0);
  });

  it('leases for many keys in one statement: all a bucket holds up to the want', async () => {
    const [a, b] = await twoProcesses();
    const each = (s: Store, wants: Array<[string, number]>, now = T0) =>
      s.rateBuckets!.leaseEach({
        name: 'address',
        perMinute: 6,
        wants: wants.map(([key, want]) => ({ key, want })),
        now,
      });
    expect(
      await each(a, [
        ['x', 2],
        ['y', 10],
      ]),
    ).toEqual(
      new Map([
        ['x', { granted: 2, tokens: 4 }],
        ['y', { granted: 6, tokens: 0 }],
      ]),
    );
    expect(
      await each(b, [
        ['y', 1],
        ['x', 5],
      ]),
    ).toEqual(
      new Map([
        ['y', { granted: 0, tokens: 0 }],
        ['x', { granted: 4, tokens: 0 }],
      ]),
    );
    // A token a ten seconds: half of one is no lease.
    expect((await each(a, [['y', 1]], T0 + 5_000)).get('y')).toEqual({ granted: 0, tokens: 0.5 });
    expect((await each(a, [['y', 1]], T0 + 10_000)).get('y')).toEqual({ granted: 1, tokens: 0 });
  });

  it('batched: admits new keys on credit at once, and leases for them in few statements', async () => {
    const [a] = await twoProcesses();
    const clock = new ManualClock(new Date(T0));
    const store = counted(a);
    const buckets = createLeasedTokenBuckets(store, clock, {
      name: 'address',
      perMinute: 60,
      maxKeys: 10_000,
      credit: 1,
    });
    const keys = Array.from({ length: 1200 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    // Each new key is admitted without waiting for the database.
    expect(await Promise.all(keys.map((k) => buckets.take(k)))).toEqual(keys.map(() => 0));
    expect(store.asked).toBe(0);
    // Its lease follows: statements of at most LEASE_BATCH keys, one at a time.
    await eventually(() => store.batches.reduce((n, b) => n + b, 0) === keys.length);
    expect(store.batches.every((n) => n <= LEASE_BATCH)).toBe(true);
    expect(store.batches.length).toBeLessThanOrEqual(Math.ceil(keys.length / LEASE_BATCH) + 1);
    // Each lease paid the credit back and holds a token for the key's next request.
    const asked = store.asked;
    expect(await buckets.take(keys[7]!)).toBe(0);
    expect(store.asked).toBe(asked);
  });

  it('batched: two processes admit a key the limit plus at most their credit', async () => {
    const [a, b] = await twoProcesses();
    const clock = new ManualClock(new Date(T0));
    const [storeA, storeB] = [counted(a), counted(b)];
    const options = { name: 'address', perMinute: 4, maxKeys: 10, credit: 1 };
    const pa = createLeasedTokenBuckets(storeA, clock, options);
    const pb = createLeasedTokenBuckets(storeB, clock, options);
    let admitted = 0;
    for (let i = 0; i < 8; i++) {
      if ((await pa.take('k')) === 0) admitted++;
      if ((await pb.take('k')) === 0) admitted++;
      // Back-to-back requests: a lease can be under way still.
      if ((await pa.take('k')) === 0) admitted++;
    }
    expect(admitted).toBeGreaterThanOrEqual(4);
    expect(admitted).toBeLessThanOrEqual(4 + 2);
    // Dry: refused from memory, the database not asked.
    await eventually(async () => {
      const before = storeA.asked + storeB.asked;
      await new Promise((r) => setTimeout(r, 20));
      return storeA.asked + storeB.asked === before;
    });
    const asked = storeA.asked + storeB.asked;
    for (let i = 0; i < 5; i++) expect(await pb.take('k')).toBe(15);
    expect(storeA.asked + storeB.asked).toBe(asked);
  });

  it('batched: drops the rows of keys idle for a minute', async () => {
    const [a] = await twoProcesses();
    const clock = new ManualClock(new Date(T0));
    const store = counted(a);
    const options = { name: 'address', perMinute: 60, maxKeys: 10, credit: 1 };
    const buckets = createLeasedTokenBuckets(store, clock, options);
    const row = (key: string) =>
      a.rateBuckets!.held({ name: 'address', key, perMinute: 60, now: clock.now().getTime() });
    expect(await buckets.take('old')).toBe(0);
    await eventually(async () => (await row('old')) !== null);
    clock.advance(61_000);
    expect(await buckets.take('new')).toBe(0);
    await eventually(async () => (await row('new')) !== null);
    expect(await row('old')).toBeNull();
  });

  it('batched: a request past its credit fails with the database; the credited one passes', async () => {
    const [a] = await twoProcesses();
    const clock = new ManualClock(new Date(T0));
    const failing: RateBucketStore = {
      ...a.rateBuckets!,
      leaseEach: async () => {
        throw new Error('connection lost');
      },
    };
    const buckets = createLeasedTokenBuckets(failing, clock, {
      name: 'address',
      perMinute: 60,
      maxKeys: 10,
      credit: 1,
    });
    expect(await buckets.take('k')).toBe(0);
    await expect(buckets.take('k')).rejects.toThrow('connection lost');
  });
});

async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  const end = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
