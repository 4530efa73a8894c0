/**
 * Copies a node's SQLite database into an empty PostgreSQL database (`partner-sync migrate-store`),
 * then proves the copy: per table, the row count and a SHA-256 of every row's values (ordered by
 * the primary key, values in one engine-neutral form) must match on both sides. The tables are
 * the PostgreSQL schema's (node/db/pg-schema, the SQLite one translated column for column), copied
 * parents before children so every reference holds, in one transaction: a failed copy leaves the
 * target as empty as it was. Ids are kept, and each identity column continues after the largest.
 *
 * Reads whole tables into memory, which suits the sizes a SQLite node reaches; the node must be
 * stopped meanwhile (the CLI checks), or the copy would miss what it writes.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { getTableConfig, PgBoolean, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { connectPostgres, migratePostgres } from '../db/open-postgres.ts';
import * as catalogExtensions from '../db/pg-schema/catalog-extensions.ts';
import * as catalog from '../db/pg-schema/catalog.ts';
import * as deals from '../db/pg-schema/deals.ts';
import * as events from '../db/pg-schema/events.ts';
import * as foundation from '../db/pg-schema/foundation.ts';
import * as funds from '../db/pg-schema/funds.ts';
import * as inventory from '../db/pg-schema/inventory.ts';
import * as leads from '../db/pg-schema/leads.ts';
import * as orders from '../db/pg-schema/orders.ts';
import * as portal from '../db/pg-schema/portal.ts';
import * as refusals from '../db/pg-schema/refusals.ts';
import * as service from '../db/pg-schema/service.ts';
import * as sharedServices from '../db/pg-schema/shared-services.ts';
import * as staff from '../db/pg-schema/staff.ts';
import * as staffNotifications from '../db/pg-schema/staff-notifications.ts';
import { AppError } from '../errors.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';

const MODULES = [
  foundation,
  catalog,
  catalogExtensions,
  deals,
  events,
  funds,
  inventory,
  leads,
  orders,
  portal,
  refusals,
  service,
  sharedServices,
  staff,
  staffNotifications,
];

/** Rows per INSERT statement (PostgreSQL takes at most 65535 parameters in one). */
const CHUNK = 500;

export interface TableCopy {
  table: string;
  rows: number;
  /** SHA-256 (hex) of the table's rows, the same on both sides. */
  sha256: string;
}

export interface TableInfo {
  name: string;
  columns: PgColumn[];
  /** Columns that order the rows for hashing: the primary key (or every column). */
  orderBy: string[];
  parents: string[];
}

/** Every table of the PostgreSQL schema, parents (referenced tables) before children. */
export function tablesInCopyOrder(): TableInfo[] {
  const all = new Map<string, TableInfo>();
  for (const mod of MODULES) {
    for (const value of Object.values(mod)) {
      if (!(value instanceof PgTable)) continue;
      const config = getTableConfig(value);
      const keys = config.columns.filter((c) => c.primary).map((c) => c.name);
      const composite = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
      all.set(config.name, {
        name: config.name,
        columns: config.columns,
        orderBy: keys.length
          ? keys
          : composite.length
            ? composite
            : config.columns.map((c) => c.name),
        parents: config.foreignKeys
          .map((fk) => getTableConfig(fk.reference().foreignTable).name)
          .filter((parent) => parent !== config.name),
      });
    }
  }
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const place = (info: TableInfo, path: string[]) => {
    if (placed.has(info.name)) return;
    if (path.includes(info.name))
      throw new Error(`tables reference in a cycle: ${path.join(' → ')}`);
    for (const parent of info.parents) place(all.get(parent)!, [...path, info.name]);
    placed.add(info.name);
    ordered.push(info);
  };
  for (const info of [...all.values()].sort((a, b) => a.name.localeCompare(b.name)))
    place(info, []);
  return ordered;
}

/** A value as both engines' drivers hand it back, in one form: SQLite 0/1 booleans become booleans. */
export function fromSqlite(column: PgColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column instanceof PgBoolean) return value === 1 || value === true;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function canonical(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { bytes: value.toString('base64') };
  if (typeof value === 'bigint') return Number(value);
  return value ?? null;
}

export function hashRows(info: TableInfo, rows: Array<Record<string, unknown>>): string {
  const hash = createHash('sha256');
  for (const row of rows) {
    hash.update(JSON.stringify(info.columns.map((c) => canonical(row[c.name]))));
    hash.update('\n');
  }
  return hash.digest('hex');
}

export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Node-side sort, so that both sides order text the same way whatever the database collation. */
export function sortRows(info: TableInfo, rows: Array<Record<string, unknown>>): void {
  rows.sort((a, b) => {
    for (const key of info.orderBy) {
      const x = a[key] as string | number | null;
      const y = b[key] as string | number | null;
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  });
}

/**
 * Copies `sqliteFile` into the database at `databaseUrl`, which must hold no node data yet;
 * returns each table's count and hash, checked on both sides.
 */
export async function migrateSqliteToPostgres(
  sqliteFile: string,
  databaseUrl: string,
): Promise<TableCopy[]> {
  // Brings the file to the current schema first (what serving it would do).
  await createSqliteStore(sqliteFile).close();
  await migratePostgres(databaseUrl);
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const target = connectPostgres(databaseUrl, { max: 1 });
  const tables = tablesInCopyOrder();
  try {
    for (const info of tables) {
      const [row] = await target.unsafe(`SELECT EXISTS (SELECT 1 FROM ${quote(info.name)}) AS any`);
      if (row?.any) {
        throw new AppError(
          409,
          'target_not_empty',
          `the PostgreSQL database already holds node data (table ${info.name}); migrate into an empty database`,
        );
      }
    }
    const expected: TableCopy[] = [];
    await target.begin(async (tx) => {
      for (const info of tables) {
        const names = info.columns.map((c) => c.name);
        const rows = (
          source
            .prepare(`SELECT ${names.map(quote).join(', ')} FROM ${quote(info.name)}`)
            .all() as Array<Record<string, unknown>>
        ).map((r) =>
          Object.fromEntries(info.columns.map((c) => [c.name, fromSqlite(c, r[c.name])])),
        );
        sortRows(info, rows);
        expected.push({ table: info.name, rows: rows.length, sha256: hashRows(info, rows) });
        for (let i = 0; i < rows.length; i += CHUNK) {
          await tx`INSERT INTO ${tx(info.name)} ${tx(rows.slice(i, i + CHUNK) as never, names)}`;
        }
        // Identity columns go on after the largest id copied.
        for (const column of info.columns.filter((c) => c.generatedIdentity !== undefined)) {
          await tx.unsafe(
            `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${quote(column.name)}) FROM ${quote(info.name)}), 0) + 1, false)`,
            [info.name, column.name],
          );
        }
      }
    });
    // Read back through a fresh query and compare.
    for (const want of expected) {
      const info = tables.find((t) => t.name === want.table)!;
      const rows = (await target.unsafe(
        `SELECT ${info.columns.map((c) => quote(c.name)).join(', ')} FROM ${quote(info.name)}`,
      )) as unknown as Array<Record<string, unknown>>;
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
    return expected;
  } finally {
    source.close();
    await target.end({ timeout: 5 });
  }
}
