/**
 * Node-wide token buckets in PostgreSQL (rate-bucket-store.ts): one row per bucket in the
 * UNLOGGED table rate_buckets (pg-migrations/0005), changed by one upsert per lease. The lease is
 * computed from the row as it was (every SET expression of an UPDATE reads the old row), and what
 * it granted is kept on the row so that RETURNING can hand it back.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../db/open-postgres.ts';
import type { RateBucketLease, RateBucketStore } from '../rate-bucket-store.ts';

export function createRateBucketRepo(db: PgDb): RateBucketStore {
  return {
    async lease({ name, key, perMinute, need, want, now }) {
      const cap = sql`${perMinute}::float8`;
      const needed = sql`${need}::float8`;
      const wanted = sql`${want}::float8`;
      const at = sql`${now}::bigint`;
      // What a bucket holding `held` grants.
      const grant = (held: SQL) =>
        sql`(CASE WHEN ${held} >= least(${needed}, ${cap})
          THEN greatest(${needed}, least(${wanted}, ${held})) ELSE 0 END)`;
      const refilled = sql`least(${cap}, b.tokens + greatest(0, ${at} - b.at) * ${cap} / 60000.0)`;
      const rows = await db.execute(sql`
        INSERT INTO rate_buckets AS b (name, key, tokens, at, granted)
        VALUES (${name}, ${key}, ${cap} - ${grant(cap)}, ${at}, ${grant(cap)})
        ON CONFLICT (name, key) DO UPDATE SET
          granted = ${grant(refilled)},
          tokens = ${refilled} - ${grant(refilled)},
          at = greatest(b.at, ${at})
        RETURNING tokens, granted`);
      const row = (rows as unknown as RateBucketLease[])[0]!;
      return { tokens: Number(row.tokens), granted: Number(row.granted) };
    },
  };
}
