/**
 * Token buckets counted node-wide, for a node served by several processes on PostgreSQL: each
 * process leases tokens from the node's shared bucket (rate-bucket-store.ts) and spends them in
 * memory, so a request touches the database only when its process's lease is spent.
 *
 * - A lease lasts LEASE_MS; tokens unspent by then are dropped rather than kept, so no process
 *   hoards what the others need, and the node never admits more than the bucket gave out.
 * - A lease takes what the request needs plus what the process spent from its last lease, up to
 *   one lease's worth of refill: a quiet key leases one token at a time, a busy one a second's
 *   worth per round trip.
 * - A refusal is cheap: the last lease showed what the shared bucket held, and since the others
 *   can only take from it, it holds at most that plus the refill since. While that is too little,
 *   the request is refused without asking the database.
 *
 * So the node admits what one bucket of `perMinute` admits, less what other processes leased and
 * have not spent yet (at most one lease each, for at most LEASE_MS).
 *
 * Measured (2-core box under load, local PostgreSQL): a partner at the default 1200 a minute
 * leases once per 20 messages, 5-12 µs of node CPU and 50-70 µs wall per message on average; a
 * quiet partner pays one lease per message, 90-110 µs CPU and about 0.9 ms wall (an atomic
 * UPDATE per request would cost that on every message); a refusal 1-2 µs (in memory); the
 * in-process buckets of SQLite 0.3 µs.
 *
 * Batched mode (`credit`), for the per-address limits (rate-limit.ts), whose keys are client
 * addresses anyone can vary, so that a flood of new addresses cannot put a database round trip
 * before each of their requests: a key this process holds no token of is admitted on credit, up
 * to `credit` tokens, and its lease is taken afterwards, off the request's path, in one statement
 * with those of every other key waiting then (store.leaseEach: at most LEASE_BATCH keys each,
 * one statement at a time per set of buckets and process). What a lease grants pays the credit
 * back first, the rest is held as above. A request past its key's credit waits for the lease.
 * So the node admits a key at most the limit plus `credit` per process (credit the bucket has not
 * paid back yet, which its next refill pays), less the unspent leases as above. The keys' rows
 * are dropped once idle for a minute (they are full again, as a missing one starts).
 */
import type { Clock } from '../clock.ts';
import type { RateBucketStore } from '../store/rate-bucket-store.ts';
import { secondsToRefill, type TokenBuckets } from './token-buckets.ts';

/** How long a leased token may wait to be spent. */
export const LEASE_MS = 1000;
/** Batched mode: the most keys one statement leases for. */
export const LEASE_BATCH = 500;
/** Batched mode: how often the idle buckets of the name are dropped (and how idle they must be). */
const FORGET_AFTER_MS = 60_000;

/** Token buckets whose take may ask the database: the form both kinds share. */
export interface RateBuckets {
  /** As TokenBuckets.take: 0 when taken, else the whole seconds to wait, taking nothing. */
  take(key: string, count?: number): Promise<number>;
  /** Gives back tokens just taken, for a request refused for another reason after all. */
  refund(key: string, count: number): void;
}

/** The in-process buckets (one process serves the node) in that form. */
export function inProcessRateBuckets(buckets: TokenBuckets): RateBuckets {
  return {
    take: async (key, count) => buckets.take(key, count),
    refund: (key, count) => buckets.refund(key, count),
  };
}

interface Held {
  /** Leased and not yet spent. */
  tokens: number;
  /** When the lease ends. */
  until: number;
  /** Spent since the last lease: sizes the next one. */
  spent: number;
  /** The most the shared bucket held at `seenAt` (what the last lease left in it). */
  seen: number;
  seenAt: number;
  /** Batched mode: tokens admitted on credit that no lease has paid back yet. */
  debt: number;
  /** Batched mode: tokens wanted by the requests waiting for the lease. */
  waiting: number;
  /** Batched mode: the lease queued or under way for the key, settled once applied. */
  lease: Lease | null;
}

interface Lease {
  promise: Promise<void>;
  settle(error?: unknown): void;
}

function pendingLease(): Lease {
  let settle!: (error?: unknown) => void;
  const promise = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  // Nobody need wait for it (a key admitted on credit does not).
  promise.catch(() => {});
  return { promise, settle };
}

export function createLeasedTokenBuckets(
  store: RateBucketStore,
  clock: Clock,
  options: {
    name: string;
    perMinute: number;
    maxKeys: number;
    /** Batched mode (see above): tokens a key may be admitted on credit per process. */
    credit?: number;
  },
): RateBuckets {
  const { name, perMinute, maxKeys } = options;
  const credit = options.credit ?? 0;
  const perMs = perMinute / 60_000;
  const leaseSize = Math.max(1, Math.ceil(perMs * LEASE_MS));
  const held = new Map<string, Held>();
  const wait = (tokens: number, count: number) =>
    secondsToRefill(Math.min(count, perMinute) - tokens, perMinute);

  const holding = (key: string, now: number): Held => {
    let h = held.get(key);
    // Map order is insertion order: re-inserting marks the key as the most recently used.
    if (h) held.delete(key);
    else {
      if (held.size >= maxKeys) evict(held.keys().next().value!);
      h = {
        tokens: 0,
        until: 0,
        spent: 0,
        seen: perMinute,
        seenAt: now,
        debt: 0,
        waiting: 0,
        lease: null,
      };
    }
    held.set(key, h);
    if (now >= h.until) h.tokens = 0;
    return h;
  };

  // Batched mode: the keys whose lease is queued, and whether a statement is under way.
  const queued = new Map<string, Held>();
  let leasing = false;
  let forgotAt = clock.now().getTime();

  // A dropped key's waiters look again (and start afresh); its queued lease is not taken.
  const evict = (key: string) => {
    const h = held.get(key)!;
    held.delete(key);
    if (queued.get(key) === h) queued.delete(key);
    h.lease?.settle();
  };

  const queue = (key: string, h: Held) => {
    if (!h.lease) {
      h.lease = pendingLease();
      queued.set(key, h);
      if (!leasing) {
        leasing = true;
        // After the requests that arrived beside this one: their keys go in the same statement.
        setImmediate(() => void leaseQueued());
      }
    }
    return h.lease.promise;
  };

  const leaseQueued = async () => {
    try {
      while (queued.size > 0) {
        const batch: Array<[string, Held]> = [];
        for (const entry of queued) {
          batch.push(entry);
          if (batch.length === LEASE_BATCH) break;
        }
        for (const [key] of batch) queued.delete(key);
        await leaseBatch(batch);
      }
    } finally {
      leasing = false;
    }
  };

  const leaseBatch = async (batch: Array<[string, Held]>) => {
    const now = clock.now().getTime();
    let leases;
    try {
      if (now - forgotAt >= FORGET_AFTER_MS) {
        forgotAt = now;
        // Housekeeping: a failure only leaves rows that start full anyway, tried again later.
        await store.forget({ name, before: now - FORGET_AFTER_MS }).catch(() => {});
      }
      const wants = batch.map(([key, h]) => ({
        key,
        want: h.debt + h.waiting + Math.min(leaseSize, h.spent),
      }));
      leases = await store.leaseEach({ name, perMinute, wants, now });
    } catch (error) {
      // The database did not answer: the waiting requests fail (not_ready), the debts stay.
      for (const [, h] of batch) h.lease?.settle(error);
      for (const [, h] of batch) h.lease = null;
      return;
    }
    for (const [key, h] of batch) {
      const { tokens, granted } = leases.get(key) ?? { tokens: 0, granted: 0 };
      h.seen = tokens;
      h.seenAt = now;
      const paid = Math.min(h.debt, granted);
      h.debt -= paid;
      if (granted > paid) {
        if (now >= h.until) h.tokens = 0;
        h.tokens += granted - paid;
        h.until = now + LEASE_MS;
      }
      h.spent = 0;
      const lease = h.lease;
      h.lease = null;
      lease?.settle();
    }
  };

  /** Batched mode's take: on credit, else after the key's lease (looked at again once). */
  const takeOnCredit = async (key: string, count: number) => {
    for (let looks = 0; ; looks++) {
      const now = clock.now().getTime();
      const h = holding(key, now);
      if (h.tokens >= count) {
        h.tokens -= count;
        h.spent += count;
        return 0;
      }
      const need = count - h.tokens;
      const most = Math.min(perMinute, h.seen + Math.max(0, now - h.seenAt) * perMs);
      if (most < Math.min(need, perMinute)) return wait(most, need);
      if (h.debt + need <= credit) {
        h.debt += need;
        h.spent += count;
        h.tokens = 0;
        void queue(key, h);
        return 0;
      }
      // Two looks: after a lease for it, the key holds the tokens or the bucket had too few,
      // unless requests beside this one took them first.
      if (looks === 2) return wait(0, need);
      h.waiting += need;
      try {
        await queue(key, h);
      } finally {
        h.waiting -= need;
      }
    }
  };

  return {
    async take(key, count = 1) {
      if (credit > 0) return takeOnCredit(key, count);
      const now = clock.now().getTime();
      const h = holding(key, now);
      if (h.tokens >= count) {
        h.tokens -= count;
        h.spent += count;
        return 0;
      }
      const need = count - h.tokens;
      const most = Math.min(perMinute, h.seen + Math.max(0, now - h.seenAt) * perMs);
      if (most < Math.min(need, perMinute)) return wait(most, need);
      // The lease's own tokens are set aside while the database answers, so that a request
      // beside this one cannot spend them too.
      const own = h.tokens;
      h.tokens = 0;
      let lease;
      try {
        lease = await store.lease({
          name,
          key,
          perMinute,
          need,
          want: need + Math.min(leaseSize, h.spent),
          now,
        });
      } catch (error) {
        // The database did not answer: the request fails (not_ready), the tokens stay.
        h.tokens += own;
        throw error;
      }
      h.seen = lease.tokens;
      h.seenAt = now;
      if (lease.granted === 0) {
        h.tokens += own;
        return wait(lease.tokens, need);
      }
      h.tokens += own + lease.granted - count;
      h.until = now + LEASE_MS;
      h.spent = count;
      return 0;
    },
    refund(key, count) {
      const h = held.get(key);
      if (!h) return;
      h.tokens += count;
      h.spent = Math.max(0, h.spent - count);
    },
  };
}
