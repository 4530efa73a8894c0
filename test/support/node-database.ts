/**
 * Reads a test node's stored rows directly, on whichever engine it keeps them (its SQLite file, or
 * its PostgreSQL database when it runs with one): for tests that check what is stored, not what the
 * API shows. Write the SQL so that both engines read it alike: `?` placeholders, quoted aliases
 * ("actorKind"), and numbers cast to INTEGER where a count or sum is compared.
 */
import { copyFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { DATABASE_FILE } from '../../node/init-node.ts';
import { copyTestDatabase } from './test-database.ts';

interface StoredNode {
  dataDir: string;
  databaseUrl?: string;
}

/** `?` placeholders as PostgreSQL's numbered ones. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** One connection per node database, kept for the file: a test may read after every call. */
const connections = new Map<string, postgres.Sql>();

async function onPostgres<T>(url: string, use: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  let sql = connections.get(url);
  if (!sql) {
    sql = postgres(url, { max: 1, onnotice: () => {} });
    connections.set(url, sql);
  }
  return use(sql);
}

/** Closes the connections opened here (removeTestDirs calls it before dropping the databases). */
export async function closeNodeDatabases(): Promise<void> {
  const open = [...connections.values()];
  connections.clear();
  await Promise.all(open.map((sql) => sql.end()));
}

function onSqlite<T>(node: StoredNode, use: (db: Database.Database) => T): T {
  const db = new Database(join(node.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/** The rows `query` selects, as objects keyed by column name. */
export async function nodeRows<T = Record<string, unknown>>(
  node: StoredNode,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  if (node.databaseUrl) {
    return onPostgres(
      node.databaseUrl,
      async (sql) => [...(await sql.unsafe(numbered(query), params as never[]))] as T[],
    );
  }
  return onSqlite(node, (db) => db.prepare(query).all(...params) as T[]);
}

/** Runs one writing statement on the node's database (a test's stand-in for an older version). */
export async function nodeWrite(
  node: StoredNode,
  statement: string,
  params: unknown[] = [],
): Promise<void> {
  if (node.databaseUrl) {
    await onPostgres(node.databaseUrl, (sql) => sql.unsafe(numbered(statement), params as never[]));
    return;
  }
  const db = new Database(join(node.dataDir, DATABASE_FILE));
  try {
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

/** The node's tables but the engine's and the migrator's own. */
export async function nodeTables(node: StoredNode): Promise<string[]> {
  if (node.databaseUrl) {
    return onPostgres(node.databaseUrl, async (sql) =>
      (
        await sql<{ name: string }[]>`
          SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`
      ).map((r) => r.name),
    );
  }
  return onSqlite(
    node,
    (db) =>
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
        .pluck()
        .all() as string[],
  );
}

/** Each table's rows as arrays of values, for hashing what a call changed. */
export async function nodeTableValues(
  node: StoredNode,
  queries: Map<string, string>,
): Promise<Map<string, unknown[][]>> {
  if (node.databaseUrl) {
    return onPostgres(node.databaseUrl, async (sql) => {
      const out = new Map<string, unknown[][]>();
      for (const [table, query] of queries) {
        out.set(table, [...(await sql.unsafe(query).values())] as unknown[][]);
      }
      return out;
    });
  }
  return onSqlite(
    node,
    (db) =>
      new Map([...queries].map(([t, q]) => [t, db.prepare(q).raw().all() as unknown[][]] as const)),
  );
}

/**
 * Everything the node stores, as bytes: the SQLite file and its write-ahead log, or every
 * PostgreSQL table's rows in their text form.
 */
export async function nodeStoredBytes(node: StoredNode): Promise<Buffer> {
  if (node.databaseUrl) {
    const tables = await nodeTables(node);
    return onPostgres(node.databaseUrl, async (sql) => {
      const parts: Buffer[] = [];
      for (const table of tables) {
        for (const row of await sql.unsafe(`SELECT * FROM "${table}"`).values()) {
          for (const value of row) {
            if (value === null) continue;
            if (Buffer.isBuffer(value)) parts.push(value);
            else if (typeof value === 'object' && !(value instanceof Date)) {
              parts.push(Buffer.from(JSON.stringify(value), 'utf8'));
            } else parts.push(Buffer.from(String(value), 'utf8'));
            parts.push(Buffer.from('\n'));
          }
        }
      }
      return Buffer.concat(parts);
    });
  }
  const file = join(node.dataDir, DATABASE_FILE);
  const parts = await Promise.all(
    [file, `${file}-wal`].map((f) => readFile(f).catch(() => Buffer.alloc(0))),
  );
  return Buffer.concat(parts);
}

/** A stopped node's store copied aside (its SQLite file, or its PostgreSQL database). */
export async function backUpNodeStore(node: StoredNode): Promise<void> {
  if (node.databaseUrl) {
    await closeNodeDatabases();
    return copyTestDatabase(
      node.databaseUrl,
      `${new URL(node.databaseUrl).pathname.slice(1)}_backup`,
    );
  }
  const db = join(node.dataDir, DATABASE_FILE);
  await copyFile(db, `${db}.backup`);
}

/** A stopped node's store replaced by its backUpNodeStore copy. */
export async function restoreNodeStore(node: StoredNode): Promise<void> {
  if (node.databaseUrl) {
    await closeNodeDatabases();
    const backup = new URL(node.databaseUrl);
    const name = backup.pathname.slice(1);
    backup.pathname = `/${name}_backup`;
    return copyTestDatabase(backup.toString(), name);
  }
  const db = join(node.dataDir, DATABASE_FILE);
  for (const suffix of ['-wal', '-shm']) await rm(`${db}${suffix}`, { force: true });
  await copyFile(`${db}.backup`, db);
}
