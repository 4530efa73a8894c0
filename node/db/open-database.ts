/**
 * Opens the node's SQLite database, sets the pragmas a durable single-writer store needs and
 * applies the committed migrations (in one transaction, by drizzle's migrator).
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ensurePrivateFile } from '../data-dir-permissions.ts';
import { MIGRATIONS_DIR } from '../paths.ts';

export type Db = BetterSQLite3Database;

/** The page cache of the node's connection, in KiB (SQLite takes a negative number as KiB). */
export const PAGE_CACHE_KIB = 2000;

export interface OpenDatabaseResult {
  db: Db;
  sqlite: Database.Database;
}

export function openDatabase(file: string): OpenDatabaseResult {
  // Owner-only from the first byte (SQLite gives its -wal and -shm files the same mode).
  ensurePrivateFile(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an accepted message is acknowledged to the partner, so a commit must survive power loss,
  // not only a process crash. Throughput comes from batching commits, not from weaker syncing.
  sqlite.pragma('synchronous = FULL');
  // Opening may wait for another process (the CLI beside a running node) to finish writing.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // A savepoint (each unit of a group commit is one, see sqlite-store.ts) keeps the pages its
  // statements change, to undo them. Past 64 KiB SQLite spills that record to a new temporary
  // file on disk, written and deleted in every such transaction: in a two-node throughput run that
  // was 70 % of the bytes the sender wrote. Kept in memory, it costs no durability: it is never
  // read after a crash (the WAL is), and it is freed when the transaction ends.
  sqlite.pragma('temp_store = MEMORY');
  // SQLite's own default page cache (2 MB); better-sqlite3 is built with 16 MB. The cache fills
  // as the tables grow, and those 16 MB were the largest part of a node's peak RSS after the V8
  // heap in a throughput run. The node's hot pages (the outbox's queue, the ends of the message
  // tables, the upper levels of the indexes) fit in 2 MB, and the rest comes from the OS's cache.
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const db = drizzle(sqlite);
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  // Lets SQLite gather the statistics its planner needs to pick the right indexes.
  sqlite.pragma('optimize');
  // From now on short: SQLite's busy handler sleeps on the only thread. The store waits for
  // longer locks asynchronously (sqlite-store.ts), so the node keeps serving meanwhile.
  sqlite.pragma('busy_timeout = 20');
  return { db, sqlite };
}
