/**
 * `partner-sync migrate-store --to postgres://…`: copies a stopped node's SQLite database into an
 * empty PostgreSQL database and checks the copy table by table (node/store/migrate-store.ts).
 * The data directory stays as it was: the node moves to PostgreSQL when its databaseUrl is set.
 *
 * `--to <file>` on a node whose databaseUrl is set goes back: its PostgreSQL database copied into
 * a new SQLite file, checked the same way (node/store/migrate-to-sqlite.ts).
 */
import { join, resolve } from 'node:path';
import { DEFAULTS } from '../../config/defaults.ts';
import { AppError } from '../../errors.ts';
import { DATABASE_FILE, isInitialized } from '../../init-node.ts';
import { migrateSqliteToPostgres, type TableCopy } from '../../store/migrate-store.ts';
import { migratePostgresToSqlite } from '../../store/migrate-to-sqlite.ts';
import { isPostgresUrl } from '../../store/postgres/postgres-store.ts';
import { flagString, type CommandContext, type CommandSpec } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { loadCliConfig } from '../node-context.ts';
import { runningNode } from '../runtime-file.ts';

export const migrateStoreCommand: CommandSpec = {
  name: 'migrate-store',
  summary: 'Copy a stopped node’s database from SQLite to PostgreSQL or back',
  usage: ['migrate-store --to URL [--json]', 'migrate-store --to FILE [--json]'],
  example: 'migrate-store --to postgres://partner_sync@db.internal:5432/partner_sync',
  flags: [
    {
      name: 'to',
      type: 'string',
      value: 'URL|FILE',
      required: true,
      description:
        'The PostgreSQL database to copy into (postgres://user:password@host:5432/name); ' +
        'on a node that runs on PostgreSQL, the new SQLite file to copy back into',
    },
  ],
  json: true,
  details: [
    'Stop the node first. The database URL must name an empty database (created with createdb);',
    'its tables are made by the node’s migrations. Every table is copied in one transaction,',
    'then checked: its row count and a SHA-256 of its rows must match on both sides, or nothing',
    'stays copied. The data directory is left as it was. Then set databaseUrl in config.json',
    '(or PARTNER_SYNC_DATABASE_URL) and serve: the node runs on PostgreSQL, keeping its keys.',
    'Back: on a node whose databaseUrl is set, stop every process and give --to a file that does',
    'not exist yet (e.g. DATA/partner-sync.db once the old one is moved aside). The database is',
    'read in one snapshot, copied and checked the same way; on a mismatch the file is removed.',
    'Then remove databaseUrl from config.json and serve: the node runs on SQLite again.',
  ],
  async run(ctx) {
    const to = flagString(ctx, 'to');
    if (to === undefined) {
      throw new UsageError('--to names a PostgreSQL URL or a SQLite file', 'migrate-store');
    }
    const dataDir = resolve(ctx.io.cwd, ctx.dataDir ?? DEFAULTS.dataDir);
    if (!(await isInitialized(dataDir))) throw new CliFailure(`${dataDir} holds no node`);
    const { databaseUrl } = (await loadCliConfig(ctx)).config;
    if (databaseUrl !== undefined) return back(ctx, databaseUrl, to);
    if (!isPostgresUrl(to)) {
      throw new UsageError(
        '--to must be a PostgreSQL URL: postgres://user:password@host:5432/name',
        'migrate-store',
      );
    }
    const running = await runningNode(dataDir);
    if (running) {
      throw new CliFailure(
        `the node is running (pid ${running.pid}); stop it before copying its database`,
      );
    }
    const tables = await copying(() => migrateSqliteToPostgres(join(dataDir, DATABASE_FILE), to));
    report(ctx, dataDir, tables);
    if (!ctx.out.json) {
      ctx.out.line('Now set databaseUrl in config.json (or PARTNER_SYNC_DATABASE_URL) and serve.');
    }
    return 0;
  },
};

/** PostgreSQL → SQLite: the node's database into a new file. */
async function back(ctx: CommandContext, databaseUrl: string, to: string): Promise<number> {
  if (isPostgresUrl(to)) {
    throw new UsageError(
      'this node already runs on PostgreSQL: --to names the new SQLite file to copy it back into',
      'migrate-store',
    );
  }
  const file = resolve(ctx.io.cwd, to);
  const tables = await copying(() => migratePostgresToSqlite(databaseUrl, file));
  report(ctx, file, tables);
  if (!ctx.out.json) {
    ctx.out.line(
      `Now put ${file} at ${DATABASE_FILE} in the data directory, remove databaseUrl from ` +
        'config.json (and PARTNER_SYNC_DATABASE_URL), and serve.',
    );
  }
  return 0;
}

async function copying(copy: () => Promise<TableCopy[]>): Promise<TableCopy[]> {
  try {
    return await copy();
  } catch (error) {
    if (error instanceof AppError) throw new CliFailure(error.message);
    throw error;
  }
}

function report(ctx: CommandContext, target: string, tables: TableCopy[]): void {
  const { out } = ctx;
  const rows = tables.reduce((sum, t) => sum + t.rows, 0);
  if (out.json) {
    out.data({
      dataDir: resolve(ctx.io.cwd, ctx.dataDir ?? DEFAULTS.dataDir),
      target,
      tables,
      rows,
    });
    return;
  }
  out.line(`Copied ${rows} rows in ${tables.length} tables; counts and hashes match.`);
  out.fields(
    tables
      .filter((t) => t.rows > 0)
      .map((t) => [t.table, `${t.rows} (sha256 ${t.sha256.slice(0, 12)})`]),
  );
}
