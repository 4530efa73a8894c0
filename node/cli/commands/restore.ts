/**
 * `partner-sync restore FILE --data DIR`: makes DIR a data directory again from a file written
 * by `partner-sync backup`. DIR must be new or empty: a restore never overwrites a node's data
 * (move the old directory away first, it may still hold what the backup lacks).
 */
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { restoreBackupFile } from '../../backup/backup-file.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { AppError } from '../../errors.ts';
import type { CommandSpec } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { commandHint } from '../node-context.ts';

export const restoreCommand: CommandSpec = {
  name: 'restore',
  summary: 'Make a new data directory from a backup file',
  usage: ['restore FILE --data DIR [--json]'],
  example: 'restore /var/backups/partner-sync/2027-01-31.db --data /var/lib/partner-sync-restored',
  flags: [],
  args: [{ name: 'file', required: true }],
  json: true,
  details: [
    'DIR (--data, default ./data) must not exist yet or be empty. It receives the database,',
    'keys.json and config.json of the backup; serve it to run the restored node.',
    '',
    'At its first start the restored node asks the owners of the price lists and catalogs it',
    'holds copies of to send them again (sync.request): versions pushed after the backup come',
    'back. Messages it had not acknowledged arrive again through their senders’ retries. What',
    'it had acknowledged after the backup and no kind can ask for again (profile updates,',
    'service, deal, lead and order messages) stays lost: the senders hold its receipts.',
  ],
  async run(ctx) {
    const arg = ctx.args[0];
    if (arg === undefined) throw new UsageError('restore needs the backup file', 'restore');
    const file = resolve(ctx.io.cwd, arg);
    const dataDir = resolve(ctx.io.cwd, ctx.dataDir ?? DEFAULTS.dataDir);
    const entries = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      if (error.code === 'ENOTDIR') throw new CliFailure(`${dataDir} is a file, not a directory`);
      throw error;
    });
    if (entries.length > 0) {
      throw new CliFailure(
        `${dataDir} is not empty; restore into a new directory (move the old one away first: it may hold what the backup lacks)`,
      );
    }
    let restored;
    try {
      restored = await restoreBackupFile(file, dataDir, new Date());
    } catch (error) {
      if (error instanceof AppError) throw new CliFailure(error.message);
      throw error;
    }
    const { out } = ctx;
    if (out.json) {
      out.data({ dataDir, backupFile: file, backupTakenAt: restored.takenAt.toISOString() });
      return 0;
    }
    out.line(`Restored ${file} (taken ${restored.takenAt.toISOString()}) into ${dataDir}`);
    out.line(`Start it with: ${commandHint({ ...ctx, dataDir }, 'serve')}`);
    return 0;
  },
};
