/**
 * `partner-sync backup FILE`: a consistent copy of the node taken while it runs — the database
 * through SQLite's online backup, with the keys and config.json inside it — in one file (see
 * node/backup/backup-file.ts). Given a directory, the file goes into it under a timestamped name,
 * so that a nightly job can point at one folder.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeBackupFile } from '../../backup/backup-file.ts';
import { DATABASE_FILE } from '../../init-node.ts';
import type { CommandSpec } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';

export const backupCommand: CommandSpec = {
  name: 'backup',
  summary: 'Write the database, keys and config to one backup file while running',
  usage: ['backup FILE [--json]', 'backup DIR [--json]'],
  example: 'backup /var/backups/partner-sync/2027-01-31.db',
  flags: [],
  args: [{ name: 'file', required: true }],
  json: true,
  details: [
    'FILE must not exist yet; its directory must. Given an existing directory DIR instead, the',
    'backup is written into it as partner-sync-backup-YYYYMMDD-HHMMSSZ.db. The file is a',
    'consistent snapshot of the database taken with SQLite’s online backup while the node keeps',
    'serving, with keys.json (your private signing keys: keep the backup as private as the data',
    'directory) and config.json inside it.',
    '',
    'To restore: stop the node, move its data directory away, then',
    '  partner-sync restore FILE --data DIR',
    'and serve DIR. Messages that partners had not seen acknowledged arrive again through their',
    'retries. Messages the node had acknowledged after the backup are not sent again (their',
    'senders hold the receipts); for the price lists and catalogs it holds copies of, the',
    'restored node asks the owners for them again (sync.request) when it starts.',
  ],
  async run(ctx) {
    const arg = ctx.args[0];
    if (arg === undefined) throw new UsageError('backup needs a file to write to', 'backup');
    const given = resolve(ctx.io.cwd, arg);
    return withNode(ctx, async ({ deps, config }) => {
      const now = new Date();
      const target = (await isDirectory(given)) ? join(given, timestampedName(now)) : given;
      await checkTarget(target);
      const started = Date.now();
      const result = await writeBackupFile(deps.store, config.dataDir, target, now);
      const { out } = ctx;
      if (out.json) {
        out.data({
          dataDir: config.dataDir,
          backupFile: result.file,
          takenAt: result.takenAt.toISOString(),
          contains: [DATABASE_FILE, ...result.files],
          bytes: result.bytes,
          ms: Date.now() - started,
        });
        return 0;
      }
      out.line(`Backed up ${config.dataDir} to ${result.file}`);
      out.fields([
        ['size', `${Math.ceil(result.bytes / 1024)} KiB`],
        ['contains', `${DATABASE_FILE} (consistent snapshot), ${result.files.join(', ')}`],
        ['private', 'it holds your signing keys: keep it as safe as the data directory'],
      ]);
      out.line(
        `Restore by stopping the node, then: partner-sync restore ${result.file} --data NEW_DIR`,
      );
      return 0;
    });
  },
};

/** `partner-sync-backup-20261127-175012Z.db`: sorts by time, no characters a shell minds. */
export function timestampedName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `partner-sync-backup-${stamp}Z.db`;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function checkTarget(target: string): Promise<void> {
  const existing = await stat(target).catch(() => null);
  if (existing) throw new CliFailure(`${target} already exists; give a new file for the backup`);
  const parent = await stat(resolve(target, '..')).catch(() => null);
  if (!parent?.isDirectory()) {
    throw new CliFailure(`the directory of ${target} does not exist; create it first`);
  }
}
