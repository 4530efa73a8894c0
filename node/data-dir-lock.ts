/**
 * The lock that makes one process at most serve a data directory. The outbox releases, at start,
 * every lease it finds (a previous process of this node held them and is gone), which is right
 * only if no other process is delivering from the same database at that moment.
 *
 * The lock is an exclusive transaction held open on a small SQLite file of its own beside the
 * database: SQLite takes a POSIX lock on it, which the kernel drops when the process ends however
 * it ends (SIGKILL, OOM, power cut of the process), so there is no stale lock file to clean up and
 * no guessing from a pid that may have been reused. Node has no `flock` of its own, and SQLite
 * also checks the lock between two connections of the same process (two test nodes in one
 * process on the same directory are refused too). Commands other than `serve` (backup, status,
 * admin CLI) never take it: they may run beside the server, as before.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ensurePrivateFile } from './data-dir-permissions.ts';
import { AppError } from './errors.ts';

export const LOCK_FILE = 'serve.lock';

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  // timeout 0: a held lock is an answer now, not something to wait for.
  ensurePrivateFile(file);
  const db = new Database(file, { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new AppError(
        409,
        'already_serving',
        `another process is already serving ${dataDir} (it holds ${file}); stop it before starting another`,
      );
    }
    throw error;
  }
  return {
    release() {
      // Closing ends the transaction, and with it the lock.
      if (db.open) db.close();
    },
  };
}
