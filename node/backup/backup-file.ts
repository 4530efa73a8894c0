/**
 * A backup is one file: a consistent SQLite snapshot of the node's database (SQLite's online
 * backup, taken while the node serves) that also carries the node's keys.json and config.json in
 * a table of its own, `backup_files`, and when it was taken in `backup_info`. One file is what an
 * operator copies, encrypts or ships off the machine; a snapshot and keys from two different
 * moments cannot be mixed up. `partner-sync restore` turns it back into a data directory.
 *
 * The file holds the private signing keys: it is written owner-only, like the data directory.
 */
import Database from 'better-sqlite3';
import { chmod, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME } from '../config/defaults.ts';
import { AppError } from '../errors.ts';
import { KEYS_FILE } from '../identity/key-store.ts';
import { DATABASE_FILE } from '../init-node.ts';
import type { Store } from '../store/store.ts';

/** The files of a data directory a backup carries besides the database. */
export const EMBEDDED_FILES = [KEYS_FILE, CONFIG_FILE_NAME] as const;

/** Left in a restored data directory for the node's next start (see after-restore.ts). */
export const RESTORED_MARKER = 'restored-from-backup.json';

export interface BackupResult {
  file: string;
  bytes: number;
  takenAt: Date;
  /** The embedded files (a missing config.json is not an error: the defaults applied). */
  files: string[];
}

/** Writes the backup of `dataDir` to `target` (which must not exist), via a temp file. */
export async function writeBackupFile(
  store: Store,
  dataDir: string,
  target: string,
  now: Date,
): Promise<BackupResult> {
  const partial = `${target}.partial-${process.pid}`;
  try {
    // The snapshot first: it is checked, synced and renamed into `partial` by the store.
    await store.backup(partial);
    const files: string[] = [];
    const copy = new Database(partial);
    try {
      copy.exec(`CREATE TABLE backup_info (taken_at INTEGER NOT NULL);
                 CREATE TABLE backup_files (name TEXT PRIMARY KEY, content BLOB NOT NULL);`);
      copy.prepare('INSERT INTO backup_info (taken_at) VALUES (?)').run(now.getTime());
      const put = copy.prepare('INSERT INTO backup_files (name, content) VALUES (?, ?)');
      // Keys last: a rotation meanwhile only adds a key, and the newest set is the one to keep.
      for (const name of [CONFIG_FILE_NAME, KEYS_FILE]) {
        const content = await readIfExists(join(dataDir, name));
        if (content === null) continue;
        put.run(name, content);
        files.push(name);
      }
    } finally {
      copy.close();
    }
    await chmod(partial, 0o600);
    await fsync(partial);
    // Never over an existing file: `target` was checked free, but not atomically.
    await assertFree(target);
    await rename(partial, target);
    await fsync(dirname(target));
    return { file: target, bytes: (await stat(target)).size, takenAt: now, files };
  } finally {
    await rm(partial, { force: true });
  }
}

export interface BackupContents {
  takenAt: Date;
  files: Map<string, Buffer>;
}

/** Opens a backup file and reads what it carries; a file that is not one is a clear error. */
export function readBackupFile(file: string): BackupContents {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw notABackup(file, error);
  }
  try {
    const info = db.prepare('SELECT taken_at AS takenAt FROM backup_info').get() as
      { takenAt: number } | undefined;
    const rows = db.prepare('SELECT name, content FROM backup_files').all() as Array<{
      name: string;
      content: Buffer;
    }>;
    if (!info) throw notABackup(file);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new AppError(400, 'bad_backup', `${file} is damaged: ${String(check)}`);
    }
    return {
      takenAt: new Date(info.takenAt),
      files: new Map(rows.map((r) => [r.name, r.content])),
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notABackup(file, error);
  } finally {
    db.close();
  }
}

/**
 * Makes `dataDir` (absent or empty) a data directory again from a backup file: the database
 * without the backup's own tables, keys.json, config.json, and the marker that tells the node,
 * at its next start, that it runs on restored data.
 */
export async function restoreBackupFile(
  file: string,
  dataDir: string,
  now: Date,
): Promise<BackupContents> {
  const contents = readBackupFile(file);
  if (!contents.files.has(KEYS_FILE)) {
    throw new AppError(400, 'bad_backup', `${file} holds no ${KEYS_FILE}: it cannot be restored`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const database = join(dataDir, DATABASE_FILE);
  const partial = `${database}.partial-${process.pid}`;
  try {
    await writeFile(partial, await readFile(file), { mode: 0o600 });
    const db = new Database(partial);
    try {
      // The keys live in keys.json again; a copy of them has no business in the database.
      db.exec('DROP TABLE backup_files; DROP TABLE backup_info; VACUUM;');
    } finally {
      db.close();
    }
    await fsync(partial);
    for (const [name, content] of contents.files) {
      if (!(EMBEDDED_FILES as readonly string[]).includes(name)) continue;
      await writeFile(join(dataDir, name), content, { mode: 0o600 });
    }
    await writeFile(
      join(dataDir, RESTORED_MARKER),
      `${JSON.stringify({ backupTakenAt: contents.takenAt.toISOString(), restoredAt: now.toISOString(), from: file }, null, 2)}\n`,
      { mode: 0o600 },
    );
    // The database last: until it is in place, the directory is not a node.
    await rename(partial, database);
    await fsync(dataDir);
  } finally {
    await rm(partial, { force: true });
  }
  return contents;
}

function notABackup(file: string, cause?: unknown): AppError {
  return new AppError(
    400,
    'bad_backup',
    `${file} is not a partner-sync backup (one written by partner-sync backup)`,
    { cause },
  );
}

async function assertFree(path: string): Promise<void> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) throw new AppError(409, 'exists', `${path} already exists; it is not overwritten`);
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function fsync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
