/**
 * The way back (`partner-sync migrate-store --to <file>` on a node that runs on PostgreSQL):
 * copies the PostgreSQL database into a new SQLite file and proves the copy as the forward copy
 * does (migrate-store.ts): per table, the row count and a SHA-256 of the rows in one
 * engine-neutral form must match on both sides. The hashes are the forward copy's, so a round
 * trip SQLite → PostgreSQL → SQLite ends with the hashes it started with.
 *
 * The file is made by the node's own SQLite migrations and filled in one transaction, parents
 * before children (foreign keys checked at the commit); on any failure the file is removed, so
 * nothing half copied is left for a node to open. Ids are kept; SQLite's autoincrement goes on
 * after the largest. Every process of the node must be stopped meanwhile.
 */
import Database from 'better-sqlite3';
import { rm, stat } from 'node:fs/promises';
import { PgBoolean } from 'drizzle-orm/pg-core';
import { connectPostgres } from '../db/open-postgres.ts';
import { AppError } from '../errors.ts';
import {
  fromSqlite,
  hashRows,
  quote,
  sortRows,
  tablesInCopyOrder,
  type TableCopy,
} from './migrate-store.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';

/** A PostgreSQL value as the SQLite store keeps it: booleans as 0/1. */
function toSqlite(column: { constructor: unknown }, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column instanceof PgBoolean) return value ? 1 : 0;
  return value;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Copies the database at `databaseUrl` into `sqliteFile`, which must not exist yet; returns each
 * table's count and hash, checked on both sides.
 */
export async function migratePostgresToSqlite(
  databaseUrl: string,
  sqliteFile: string,
): Promise<TableCopy[]> {
  if (await exists(sqliteFile)) {
    throw new AppError(
      409,
      'target_not_empty',
      `${sqliteFile} already exists; copy into a new file (move the old one aside first)`,
    );
  }
  const source = connectPostgres(databaseUrl, { max: 1 });
  const tables = tablesInCopyOrder();
  let target: Database.Database | null = null;
  try {
    // Read in one snapshot, so that the copy is of one moment even if a process was missed.
    const read = new Map<string, Array<Record<string, unknown>>>();
    await source.begin('isolation level repeatable read read only', async (tx) => {
      for (const info of tables) {
        const rows = (await tx.unsafe(
          `SELECT ${info.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(info.name)}`,
        )) as unknown as Array<Record<string, unknown>>;
        read.set(info.name, [...rows]);
      }
    });
    // The node's own migrations make the file, as serving it would.
    await createSqliteStore(sqliteFile).close();
    target = new Database(sqliteFile, { fileMustExist: true });
    const db = target;
    const expected: TableCopy[] = [];
    db.transaction(() => {
      db.pragma('defer_foreign_keys = ON');
      for (const info of tables) {
        const rows = read.get(info.name)!;
        sortRows(info, rows);
        expected.push({ table: info.name, rows: rows.length, sha256: hashRows(info, rows) });
        if (rows.length === 0) continue;
        const names = info.columns.map((c) => c.name);
        const insert = db.prepare(
          `INSERT INTO ${quote(info.name)} (${names.map(quote).join(', ')})
           VALUES (${names.map(() => '?').join(', ')})`,
        );
        for (const row of rows) insert.run(...info.columns.map((c) => toSqlite(c, row[c.name])));
      }
    })();
    // Read back and compare, in the form the forward copy hashes a SQLite file.
    for (const want of expected) {
      const info = tables.find((t) => t.name === want.table)!;
      const rows = (
        db
          .prepare(
            `SELECT ${info.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(info.name)}`,
          )
          .all() as Array<Record<string, unknown>>
      ).map((r) => Object.fromEntries(info.columns.map((c) => [c.name, fromSqlite(c, r[c.name])])));
      sortRows(info, rows);
      const got = hashRows(info, rows);
      if (rows.length !== want.rows || got !== want.sha256) {
        throw new AppError(
          500,
          'migrate_mismatch',
          `${want.table}: copied ${rows.length} rows (hash ${got.slice(0, 12)}), expected ${want.rows} (hash ${want.sha256.slice(0, 12)})`,
        );
      }
    }
    db.close();
    target = null;
    return expected;
  } catch (error) {
    target?.close();
    target = null;
    for (const suffix of ['', '-wal', '-shm']) await rm(`${sqliteFile}${suffix}`, { force: true });
    throw error;
  } finally {
    await source.end({ timeout: 5 });
  }
}
