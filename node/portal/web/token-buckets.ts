/**
 * Token buckets by key, for the portal's rate limits: `perMinute` tokens refill evenly and a full
 * bucket holds as many. Memory is bounded: at most `maxKeys` buckets are kept, the least recently
 * used dropped first (a dropped bucket starts full again, which only ever lets a caller through).
 */
import type { Clock } from '../../clock.ts';

export interface TokenBuckets {
  /** Takes one token of `key`'s bucket: 0 when taken, else the whole seconds to wait. */
  take(key: string): number;
  /** How many buckets are held (for tests). */
  readonly size: number;
}

export function createTokenBuckets(
  clock: Clock,
  options: { perMinute: number; maxKeys: number },
): TokenBuckets {
  const { perMinute, maxKeys } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(key) {
      const now = clock.now().getTime();
      const held = buckets.get(key);
      const b = held ?? { tokens: perMinute, at: now };
      b.tokens = Math.min(perMinute, b.tokens + Math.max(0, now - b.at) * perMs);
      b.at = now;
      // Map order is insertion order: re-inserting marks the bucket as the most recently used.
      if (held) buckets.delete(key);
      else if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
      buckets.set(key, b);
      if (b.tokens < 1) return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
      b.tokens -= 1;
      return 0;
    },
    get size() {
      return buckets.size;
    },
  };
}
