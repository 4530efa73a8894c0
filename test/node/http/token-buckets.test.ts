/** The one token bucket behind every rate limit of the node. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../node/clock.ts';
import { createTokenBuckets } from '../../../node/http/token-buckets.ts';

describe('http › token buckets', () => {
  it('refills evenly, says how long to wait, and holds at most maxKeys buckets', () => {
    const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
    const buckets = createTokenBuckets(clock, { perMinute: 6, maxKeys: 3 });
    for (let i = 0; i < 6; i++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(10);
    clock.advance(10_000);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(10);
    for (const key of ['b', 'c', 'd', 'e']) buckets.take(key);
    expect(buckets.size).toBe(3);
    // 'a' was the least recently used: dropped, it starts full again.
    expect(buckets.take('a')).toBe(0);
  });

  it('tells the wait without taking a token', () => {
    const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
    const buckets = createTokenBuckets(clock, { perMinute: 2, maxKeys: 10 });
    expect(buckets.waitFor('x')).toBe(0);
    expect(buckets.size).toBe(0);
    buckets.take('x');
    buckets.take('x');
    expect(buckets.waitFor('x')).toBe(30);
    expect(buckets.waitFor('x')).toBe(30);
    clock.advance(30_000);
    expect(buckets.waitFor('x')).toBe(0);
    expect(buckets.take('x')).toBe(0);
  });

  it('takes several tokens at once or none, and lets one batch larger than the bucket through', () => {
    const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
    const buckets = createTokenBuckets(clock, { perMinute: 6, maxKeys: 10 });
    expect(buckets.take('p', 4)).toBe(0);
    // Two left: three more wait 10 s for the third token, and nothing is taken meanwhile.
    expect(buckets.waitFor('p', 3)).toBe(10);
    expect(buckets.take('p', 3)).toBe(10);
    expect(buckets.take('p', 2)).toBe(0);
    clock.advance(60_000);
    // A full bucket passes a batch of 9 and is left 3 in debt: one more waits 40 s.
    expect(buckets.take('p', 9)).toBe(0);
    expect(buckets.take('p')).toBe(40);
  });
});
