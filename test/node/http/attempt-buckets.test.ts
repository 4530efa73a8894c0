/**
 * Attempt buckets (sign-in forms, failed admin tokens): on PostgreSQL two processes' stores take
 * from one bucket per key with the in-memory buckets' waits; asking how long to wait writes no
 * row; buckets idle for a minute are dropped, the others kept.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../node/clock.ts';
import { createAttemptBuckets } from '../../../node/http/attempt-buckets.ts';
import { openPostgresStore } from '../../../node/store/postgres/postgres-store.ts';
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

const T0 = new Date('2026-12-07T12:00:00Z');
const options = { name: 'sign-in', perMinute: 3, maxKeys: 100 };

describe('http › attempt buckets in memory', () => {
  it('takes 3 a minute, then tells the wait; waitFor takes nothing', async () => {
    const buckets = createAttemptBuckets({ clock: new ManualClock(T0) }, options);
    expect(await buckets.waitFor('a')).toBe(0);
    for (let i = 0; i < 3; i++) expect(await buckets.take('a')).toBe(0);
    expect(await buckets.take('a')).toBe(20);
    expect(await buckets.waitFor('a')).toBe(20);
    expect(await buckets.take('b')).toBe(0);
  });
});

describe.runIf(hasTestPostgres())('http › attempt buckets (PostgreSQL)', () => {
  it('two processes share one bucket per key, with the same waits as in memory', async () => {
    const url = await createTestDatabase();
    const a = await openPostgresStore(url, { maxConnections: 2 });
    const b = await openPostgresStore(url, { maxConnections: 2 });
    opened.push(a, b);
    const clock = new ManualClock(T0);
    const inA = createAttemptBuckets({ rateBuckets: a.rateBuckets, clock }, options);
    const inB = createAttemptBuckets({ rateBuckets: b.rateBuckets, clock }, options);
    // Asking how long to wait takes nothing and writes no row.
    expect(await inA.waitFor('a')).toBe(0);
    const held = (key: string) =>
      a.rateBuckets!.held({ name: 'sign-in', key, perMinute: 3, now: clock.now().getTime() });
    expect(await held('a')).toBeNull();
    expect([await inA.take('a'), await inB.take('a'), await inA.take('a')]).toEqual([0, 0, 0]);
    expect(await inB.take('a')).toBe(20);
    expect(await inA.waitFor('a')).toBe(20);
    expect(await inB.take('b')).toBe(0);
    // One token every 20 s.
    clock.advance(20_000);
    expect(await inB.take('a')).toBe(0);
    expect(await inA.take('a')).toBe(20);
    // Idle for a minute, a bucket is full again and can go; a busier one stays.
    clock.advance(50_000);
    await a.rateBuckets!.forget({ name: 'sign-in', before: clock.now().getTime() - 60_000 });
    expect(await held('b')).toBeNull();
    expect(await held('a')).toBeCloseTo(2.5);
    // A process drops them itself, at most once a minute, on an attempt.
    expect(await inB.take('b')).toBe(0);
    clock.advance(61_000);
    expect(await inB.take('c')).toBe(0);
    expect([await held('a'), await held('b'), await held('c')]).toEqual([null, null, 3 - 1]);
  });
});
