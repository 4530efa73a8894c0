-- Node-wide token buckets for the rate limits of a node served by several processes
-- (node/store/postgres/rate-bucket-repo.ts). Each process leases tokens from a row and spends them
-- in memory, so the row changes once per lease, not per request. UNLOGGED: the buckets are
-- seconds of state, not worth a WAL write each; a crash empties the table, which only gives every
-- bucket a full start again. Not part of the drizzle schema: migrate-store has nothing to copy.
CREATE UNLOGGED TABLE rate_buckets (
  name text NOT NULL,
  key text NOT NULL,
  -- What the bucket holds after the last lease (negative: a batch larger than the bucket).
  tokens double precision NOT NULL,
  -- Milliseconds since the epoch of the last lease: the refill runs from there.
  at bigint NOT NULL,
  -- Tokens the last lease took (0: refused), returned to the process that asked.
  granted double precision NOT NULL,
  PRIMARY KEY (name, key)
);
