/**
 * The store implementations, for suites that run the same tests against each
 * (`describe.each(STORE_KINDS)`): SQLite in a temp file, PostgreSQL in a fresh database of the
 * run's test server (skipped when the run has none, see test-database.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../../node/store/postgres/postgres-store.ts';
import { createSqliteStore } from '../../node/store/sqlite/sqlite-store.ts';
import type { Store } from '../../node/store/store.ts';
import { createTestDatabase, hasTestPostgres } from './test-database.ts';

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  /** False when this run cannot make such a store. */
  available(): boolean;
  /** A new empty store; `dispose` closes it and removes what it made. */
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

export const STORE_KINDS: StoreKind[] = [
  {
    name: 'sqlite',
    available: () => true,
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'store-'));
      const store = createSqliteStore(join(dir, 'db.sqlite'));
      return {
        store,
        async dispose() {
          await store.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    available: hasTestPostgres,
    async open() {
      const store = await openPostgresStore(await createTestDatabase(), { maxConnections: 4 });
      return { store, dispose: () => store.close() };
    },
  },
];
