/**
 * Token buckets of attempts by client address (sign-in forms, failed admin tokens), counted by
 * the node however many processes serve it. On PostgreSQL every attempt takes its token from a
 * bucket row shared by the processes (rate_buckets, one atomic upsert: rate-bucket-repo.ts), so a
 * guesser spreading its attempts over N processes behind a load balancer gets the node's figure,
 * not N times it. These are not on a hot path: one statement per attempt, no leases to hold
 * (leased-token-buckets.ts does that for the partner rate and the per-address request limits,
 * where it matters). On SQLite the one process counts in memory (token-buckets.ts).
 *
 * The rows are keyed by address, which anyone can vary: a bucket left alone for a minute is full
 * again, as a missing one starts, so each process drops those of its name once a minute.
 */
import type { Clock } from '../clock.ts';
import type { RateBucketStore } from '../store/rate-bucket-store.ts';
import { createTokenBuckets, secondsToRefill } from './token-buckets.ts';

/** How often a process drops the idle buckets of a name (and how idle they must be). */
const FORGET_AFTER_MS = 60_000;

export interface AttemptBuckets {
  /** Takes one token of `key`'s bucket: 0 when taken, else the whole seconds to wait, taking none. */
  take(key: string): Promise<number>;
  /** The seconds `key` would have to wait for a token now, taking none. */
  waitFor(key: string): Promise<number>;
}

export function createAttemptBuckets(
  deps: { rateBuckets?: RateBucketStore | undefined; clock: Clock },
  options: { name: string; perMinute: number; maxKeys: number },
): AttemptBuckets {
  const { clock } = deps;
  const { name, perMinute } = options;
  const store = deps.rateBuckets;
  if (!store) {
    const buckets = createTokenBuckets(clock, options);
    return {
      take: async (key) => buckets.take(key),
      waitFor: async (key) => buckets.waitFor(key),
    };
  }
  // The whole seconds until the bucket holds one token.
  const wait = (tokens: number) => (tokens >= 1 ? 0 : secondsToRefill(1 - tokens, perMinute));
  let forgotAt = clock.now().getTime();
  // Awaited (one attempt a minute per process pays a DELETE) so that it is done when take is.
  const forgetIdle = async (now: number) => {
    if (now - forgotAt < FORGET_AFTER_MS) return;
    forgotAt = now;
    // Housekeeping: a failure only leaves rows that start full anyway, and is tried again later.
    await store.forget({ name, before: now - FORGET_AFTER_MS }).catch(() => {});
  };
  return {
    async take(key) {
      const now = clock.now().getTime();
      await forgetIdle(now);
      const lease = await store.lease({ name, key, perMinute, need: 1, want: 1, now });
      return lease.granted > 0 ? 0 : wait(lease.tokens);
    },
    async waitFor(key) {
      const held = await store.held({ name, key, perMinute, now: clock.now().getTime() });
      return held === null ? 0 : wait(held);
    },
  };
}
