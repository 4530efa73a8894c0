/**
 * `partner-sync migrate-store --to postgres://…`: copies a stopped node's SQLite database into an
 * empty PostgreSQL database and checks the copy table by table (node/store/migrate-store.ts).
 * The data directory stays as it was: the node moves to PostgreSQL when its databaseUrl is set.
 */
import { join, resolve } from 'node:path';
import { DEFAULTS } from '../../config/defaults.ts';
import { AppError } from '../../errors.ts';
import { DATABASE_FILE, isInitialized } from '../../init-node.ts';
import { migrateSqliteToPostgres } from '../../store/migrate-store.ts';
import { isPostgresUrl } from '../../store/postgres/postgres-store.ts';
import { flagString, type CommandSpec } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { runningNode } from '../runtime-file.ts';

export const migrateStoreCommand: CommandSpec = {
  name: 'migrate-store',
  summary: 'Copy a stopped node’s SQLite database into an empty PostgreSQL database',
  usage: ['migrate-store --to URL [--json]'],
  example: 'migrate-store --to postgres://partner_sync@db.internal:5432/partner_sync',
  flags: [
    {
      name: 'to',
      type: 'string',
      value: 'URL',
      required: true,
      description: 'The PostgreSQL database to copy into (postgres://user:password@host:5432/name)',
    },
  ],
  json: true,
  details: [
    'Stop the node first. The database URL must name an empty database (created with createdb);',
    'its tables are made by the node’s migrations. Every table is copied in one transaction,',
    'then checked: its row count and a SHA-256 of its rows must match on both sides, or nothing',
    'stays copied. The data directory is left as it was. Then set databaseUrl in config.json',
    '(or PARTNER_SYNC_DATABASE_URL) and serve: the node runs on PostgreSQL, keeping its keys.',
  ],
  async run(ctx) {
    const url = flagString(ctx, 'to');
    if (url === undefined || !isPostgresUrl(url)) {
      throw new UsageError(
        '--to must be a PostgreSQL URL: postgres://user:password@host:5432/name',
        'migrate-store',
      );
    }
    const dataDir = resolve(ctx.io.cwd, ctx.dataDir ?? DEFAULTS.dataDir);
    if (!(await isInitialized(dataDir))) throw new CliFailure(`${dataDir} holds no node`);
    const running = await runningNode(dataDir);
    if (running) {
      throw new CliFailure(
        `the node is running (pid ${running.pid}); stop it before copying its database`,
      );
    }
    let tables;
    try {
      tables = await migrateSqliteToPostgres(join(dataDir, DATABASE_FILE), url);
    } catch (error) {
      if (error instanceof AppError) throw new CliFailure(error.message);
      throw error;
    }
    const { out } = ctx;
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    if (out.json) {
      out.data({ dataDir, tables, rows });
      return 0;
    }
    out.line(`Copied ${rows} rows in ${tables.length} tables; counts and hashes match.`);
    out.fields(
      tables
        .filter((t) => t.rows > 0)
        .map((t) => [t.table, `${t.rows} (sha256 ${t.sha256.slice(0, 12)})`]),
    );
    out.line('Now set databaseUrl in config.json (or PARTNER_SYNC_DATABASE_URL) and serve.');
    return 0;
  },
};
