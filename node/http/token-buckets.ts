/**
 * Token buckets by key, the one limiter behind every rate limit of the node (inbox, connect,
 * portal sign-in and forms, failed admin tokens): `perMinute` tokens refill evenly and a full
 * bucket holds as many. Memory is bounded: at most `maxKeys` buckets are kept, the least recently
 * used dropped first (a dropped bucket starts full again, which only ever lets a caller through).
 */
import type { Clock } from '../clock.ts';

export interface TokenBuckets {
  /**
   * Takes `count` tokens (default 1) of `key`'s bucket: 0 when taken, else the whole seconds to
   * wait, taking nothing. A count above the bucket's size is taken from a full bucket, leaving it
   * in debt, so one large batch passes but the next waits for the refill.
   */
  take(key: string, count?: number): number;
  /** The seconds `key` would have to wait for `count` tokens (default 1) now, taking none. */
  waitFor(key: string, count?: number): number;
  /** Gives back `count` tokens just taken (a request refused for another reason after all). */
  refund(key: string, count: number): void;
  /** How many buckets are held (for tests). */
  readonly size: number;
}

/**
 * The whole seconds until a bucket refilling `perMinute` tokens a minute gains `missing` more
 * (at least 1): the `Retry-After` of every limiter built on buckets.
 */
export function secondsToRefill(missing: number, perMinute: number): number {
  return Math.max(1, Math.ceil(missing / (perMinute / 60_000) / 1000));
}

export function createTokenBuckets(
  clock: Clock,
  options: { perMinute: number; maxKeys: number },
): TokenBuckets {
  const { perMinute, maxKeys } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  const wait = (tokens: number, count: number) => {
    const needed = Math.min(count, perMinute);
    return tokens >= needed ? 0 : secondsToRefill(needed - tokens, perMinute);
  };
  const refilled = (b: { tokens: number; at: number }, now: number) =>
    Math.min(perMinute, b.tokens + Math.max(0, now - b.at) * perMs);
  return {
    take(key, count = 1) {
      const now = clock.now().getTime();
      const held = buckets.get(key);
      const b = held ?? { tokens: perMinute, at: now };
      b.tokens = refilled(b, now);
      b.at = now;
      // Map order is insertion order: re-inserting marks the bucket as the most recently used.
      if (held) buckets.delete(key);
      else if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
      buckets.set(key, b);
      const waitSeconds = wait(b.tokens, count);
      if (waitSeconds === 0) b.tokens -= count;
      return waitSeconds;
    },
    waitFor(key, count = 1) {
      const held = buckets.get(key);
      return held ? wait(refilled(held, clock.now().getTime()), count) : 0;
    },
    refund(key, count) {
      const held = buckets.get(key);
      if (held) held.tokens = Math.min(perMinute, held.tokens + count);
    },
    get size() {
      return buckets.size;
    },
  };
}
