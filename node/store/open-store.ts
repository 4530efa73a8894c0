/**
 * The node's store as its settings choose: PostgreSQL when `databaseUrl` is set, otherwise the
 * SQLite file of the data directory (the embedded default).
 */
import { join } from 'node:path';
import type { SecretBox } from '../identity/secret-box.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

/** The SQLite file's name in the data directory. */
export const DATABASE_FILE = 'partner-sync.db';

export interface OpenStoreOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  secrets?: SecretBox;
  now?: () => Date;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { dataDir, databaseUrl, ...rest } = options;
  if (!databaseUrl) return createSqliteStore(join(dataDir, DATABASE_FILE), rest);
  // Loaded only for a node on PostgreSQL: the driver and its store are no SQLite node's code.
  const { openPostgresStore } = await import('./postgres/postgres-store.ts');
  return openPostgresStore(databaseUrl, rest);
}
