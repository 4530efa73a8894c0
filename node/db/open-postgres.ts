/**
 * Opens the PostgreSQL store's connection pool and applies its committed migrations
 * (node/db/pg-migrations), one process at a time: several node processes may start together
 * against one database, and the first applies what the others then find applied.
 */
import postgres from 'postgres';
import { drizzle, type PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { PG_MIGRATIONS_DIR } from '../paths.ts';

/** The database or one transaction on it: the repositories take either. */
export type PgDb = PgDatabase<PostgresJsQueryResultHKT>;

/** Any constant key: the advisory lock that serializes migrations across processes. */
const MIGRATION_LOCK = 7_270_001;

/** int8 (oid 20) read as a JavaScript number: every bigint column holds milliseconds or ids. */
const INT8_AS_NUMBER = {
  to: 20,
  from: [20],
  serialize: (value: number) => String(value),
  parse: (value: string) => Number(value),
};

export interface PgConnectOptions {
  /** Most connections this process holds. */
  max?: number;
}

export function connectPostgres(url: string, options: PgConnectOptions = {}): postgres.Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    types: { int8: INT8_AS_NUMBER },
    // Identifies the node's sessions in pg_stat_activity.
    connection: { application_name: 'partner-sync' },
  });
}

/** Applies the migrations this database lacks, holding an advisory lock while it does. */
export async function migratePostgres(url: string): Promise<void> {
  const client = connectPostgres(url, { max: 1 });
  try {
    await client`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_DIR });
    await client`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end();
  }
}

export function pgDrizzle(client: postgres.Sql): PgDb {
  return drizzle(client);
}
