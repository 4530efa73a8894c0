/** The node-wide token buckets of a node served by several processes (PostgreSQL only). */

export interface RateBucketLease {
  /** What the bucket holds after the lease (refilled up to now, less what was granted). */
  tokens: number;
  /** Tokens taken: 0 when the bucket held fewer than `need`, else between `need` and `want`. */
  granted: number;
}

export interface RateBucketStore {
  /**
   * Refills the bucket (`name`, `key`) at `perMinute` since its last lease (a new bucket starts
   * full, and none holds more than `perMinute`), then takes from it at least `need` tokens and up
   * to `want`, as many as it holds; none when it holds fewer than `need`. A `need` above the
   * bucket's size is granted from a full bucket, leaving it in debt (token-buckets.ts does the
   * same). One statement, outside any unit of work: it never waits for the write lock.
   */
  lease(input: {
    name: string;
    key: string;
    perMinute: number;
    need: number;
    want: number;
    /** Milliseconds since the epoch. */
    now: number;
  }): Promise<RateBucketLease>;
  /**
   * Leases for many buckets of one name in one statement (leased-token-buckets.ts's batched
   * mode): for each `key`, as `lease` with a need of one token and `want` (at least 1), so a
   * bucket grants all it holds up to `want` when it holds a token. The leases are taken in key
   * order, so two processes leasing overlapping keys at once wait for each other, never deadlock.
   */
  leaseEach(input: {
    name: string;
    perMinute: number;
    wants: ReadonlyArray<{ key: string; want: number }>;
    /** Milliseconds since the epoch. */
    now: number;
  }): Promise<Map<string, RateBucketLease>>;
  /**
   * What the bucket (`name`, `key`) holds now, refilled at `perMinute` since its last lease, taking
   * nothing and writing nothing; null when there is no such bucket (it would start full).
   */
  held(input: {
    name: string;
    key: string;
    perMinute: number;
    now: number;
  }): Promise<number | null>;
  /**
   * Drops the buckets named `name` last leased before `before` (ms since the epoch): for buckets
   * of one token a lease, idle for a minute, they are full again, as a missing bucket starts.
   * Keeps a table keyed by client address from growing with every address ever seen.
   */
  forget(input: { name: string; before: number }): Promise<void>;
}
