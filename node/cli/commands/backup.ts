/**
 * `partner-sync backup DIR`: a consistent copy of the node taken while it runs — the database
 * through SQLite's online backup, the keys and config.json — into a new directory that is itself
 * a data directory, so restoring is serving it (or copying its three files back).
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../../config/defaults.ts';
import { KEYS_FILE } from '../../identity/key-store.ts';
import { DATABASE_FILE } from '../../init-node.ts';
import type { CommandSpec } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';

export const backupCommand: CommandSpec = {
  name: 'backup',
  summary: 'Copy the database, keys and config to a new directory while running',
  usage: ['backup DIR [--json]'],
  flags: [],
  args: [{ name: 'dir', required: true }],
  json: true,
  details: [
    'DIR must not exist yet (or be empty). It receives partner-sync.db, a consistent snapshot',
    'taken with SQLite’s online backup while the node keeps serving, keys.json (your private',
    'signing keys: keep the backup as private as the data directory) and config.json.',
    '',
    'To restore, stop the node and serve DIR with --data, or copy its three files into the data',
    'directory after deleting partner-sync.db-wal and partner-sync.db-shm there. Messages that',
    'partners had not seen acknowledged are sent again by their retries; messages the node had',
    'acknowledged after the backup are not: their senders hold the receipts.',
  ],
  async run(ctx) {
    const arg = ctx.args[0];
    if (arg === undefined) throw new UsageError('backup needs a directory to write to', 'backup');
    const target = resolve(ctx.io.cwd, arg);
    return withNode(ctx, async ({ deps, config }) => {
      await prepareTarget(target);
      const started = Date.now();
      await deps.store.backup(join(target, DATABASE_FILE));
      // Keys last: a rotation meanwhile only adds a key, and the newest set is the one to keep.
      await copyPrivate(join(config.dataDir, CONFIG_FILE_NAME), join(target, CONFIG_FILE_NAME));
      await copyPrivate(join(config.dataDir, KEYS_FILE), join(target, KEYS_FILE));
      const bytes = (await stat(join(target, DATABASE_FILE))).size;
      const { out } = ctx;
      if (out.json) {
        out.data({
          dataDir: config.dataDir,
          backupDir: target,
          files: [DATABASE_FILE, KEYS_FILE, CONFIG_FILE_NAME],
          databaseBytes: bytes,
          ms: Date.now() - started,
        });
        return 0;
      }
      out.line(`Backed up ${config.dataDir} to ${target}`);
      out.fields([
        ['database', `${DATABASE_FILE} (${Math.ceil(bytes / 1024)} KiB, consistent snapshot)`],
        ['keys', `${KEYS_FILE} (private: keep this backup safe)`],
        ['config', CONFIG_FILE_NAME],
      ]);
      out.line(`Restore by stopping the node and serving it: partner-sync serve --data ${target}`);
      return 0;
    });
  },
};

async function prepareTarget(target: string): Promise<void> {
  try {
    const entries = await readdir(target);
    if (entries.length > 0) {
      throw new CliFailure(`${target} is not empty; give a new directory for the backup`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new CliFailure(`${target} is a file; give a new directory for the backup`);
    }
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(target, { recursive: true, mode: 0o700 });
}

/** Copies a file of the data directory with owner-only permissions (a missing one is skipped). */
async function copyPrivate(from: string, to: string): Promise<void> {
  let text: Buffer;
  try {
    text = await readFile(from);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await writeFile(to, text, { mode: 0o600 });
}
