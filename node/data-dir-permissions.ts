/**
 * The data directory is private to the user the node runs as: the database holds partners'
 * records and sealed secrets, keys.json the private keys. New files are created 0600 and the
 * directory 0700 whatever the umask; `init` tightens a directory that existed already, and
 * `serve` warns about anything wider (it does not change it: the operator may have a reason, like
 * a backup agent in the group, and should decide).
 */
import { chmod, stat } from 'node:fs/promises';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAME } from './config/defaults.ts';
import { KEYS_FILE } from './identity/key-store.ts';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** The database and its WAL files, by the database's name. */
export function databaseFiles(database: string): string[] {
  return [database, `${database}-wal`, `${database}-shm`];
}

/**
 * Creates `file` empty and owner-only when it does not exist yet (synchronous: SQLite opens it
 * right after). SQLite creates the database's -wal and -shm files with the database file's mode,
 * so they are owner-only too.
 */
export function ensurePrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** The node's files in a data directory (those that exist are checked or tightened). */
function privateFiles(dataDir: string, database: string): string[] {
  return [
    ...databaseFiles(join(dataDir, database)),
    join(dataDir, KEYS_FILE),
    join(dataDir, CONFIG_FILE_NAME),
  ];
}

/** Makes the directory 0700 and the node's files in it 0600. */
export async function tightenDataDir(dataDir: string, database: string): Promise<void> {
  await chmod(dataDir, PRIVATE_DIR_MODE);
  for (const file of privateFiles(dataDir, database)) {
    await chmod(file, PRIVATE_FILE_MODE).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
}

/** One line per file or directory that others than its owner may read or write. */
export async function permissionWarnings(dataDir: string, database: string): Promise<string[]> {
  const warnings: string[] = [];
  const dirMode = await modeOf(dataDir);
  if (dirMode !== null && (dirMode & 0o077) !== 0) {
    warnings.push(
      `the data directory ${dataDir} is mode ${octal(dirMode)}: others may reach the database and keys; run: chmod 700 ${dataDir}`,
    );
  }
  for (const file of privateFiles(dataDir, database)) {
    const mode = await modeOf(file);
    if (mode !== null && (mode & 0o077) !== 0) {
      warnings.push(`${file} is mode ${octal(mode)}; run: chmod 600 ${file}`);
    }
  }
  return warnings;
}

async function modeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch {
    return null;
  }
}

const octal = (mode: number) => mode.toString(8).padStart(4, '0');
