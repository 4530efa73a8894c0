/**
 * Online backup of the node's SQLite file with SQLite's backup API (better-sqlite3's `backup()`),
 * while the node keeps running. The copy is read through a connection of its own: the store's
 * connection holds write transactions open across `await`s, and a backup step on a connection
 * that is writing fails with SQLITE_LOCKED. In WAL mode a reader never blocks the writer, and the
 * backup restarts by itself if another connection writes between two of its steps, so what it
 * finishes with is one consistent snapshot.
 *
 * The copy is written beside the target, checked, synced and renamed into place, so a crash or
 * a full disk never leaves a half-written file under the target's name.
 */
import Database from 'better-sqlite3';
import { chmod, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensurePrivateFile } from '../../data-dir-permissions.ts';

/** Pages per step after the first: everything, so the snapshot is taken in one read. */
const ALL_REMAINING_PAGES = 0x7fffffff;

export async function backupSqliteFile(source: string, target: string): Promise<void> {
  const partial = `${target}.partial-${process.pid}`;
  await rm(partial, { force: true });
  // Owner-only from its first byte, not only once it is complete.
  ensurePrivateFile(partial);
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(partial, { progress: () => ALL_REMAINING_PAGES });
  } finally {
    db.close();
  }
  try {
    const copy = new Database(partial);
    try {
      // A self-contained file: no -wal beside it to lose when it is copied elsewhere.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the backup copy failed its check: ${String(check)}`);
    } finally {
      copy.close();
    }
    // It holds everything the node knows of its partners: owner-only, like the data directory.
    await chmod(partial, 0o600);
    await fsync(partial);
    await rename(partial, target);
    await fsync(dirname(target));
  } catch (error) {
    await rm(partial, { force: true });
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
