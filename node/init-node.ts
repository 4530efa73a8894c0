/**
 * `partner-sync init`: creates a data directory (mode 0700) with its config file, the node's first
 * key and storage key (keys file mode 0600), the database (0600), and an admin API token shown
 * once.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import type { NodeConfig } from './config/defaults.ts';
import { writeConfigFile } from './config/config-file.ts';
import { PRIVATE_DIR_MODE, tightenDataDir } from './data-dir-permissions.ts';
import { AppError } from './errors.ts';
import { createKeysFile, keysFileExists } from './identity/key-store.ts';
import { hashToken } from './partners/invitations.ts';
import { DATABASE_FILE, openStore } from './store/open-store.ts';

export { DATABASE_FILE };

export interface InitResult {
  dataDir: string;
  kid: string;
  /** The admin API bearer token; only its hash is kept. */
  adminToken: string;
}

export async function isInitialized(dataDir: string): Promise<boolean> {
  return keysFileExists(dataDir);
}

export async function initNode(
  dataDir: string,
  settings: Partial<NodeConfig>,
  now: Date,
): Promise<InitResult> {
  if (await isInitialized(dataDir)) {
    throw new AppError(409, 'already_initialized', `${dataDir} already holds a node`);
  }
  await mkdir(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const info = await stat(dataDir);
  if (!info.isDirectory()) throw new AppError(400, 'bad_data_dir', `${dataDir} is not a directory`);
  // mkdir leaves a directory that existed as it was, and the umask may widen a new one.
  await tightenDataDir(dataDir, DATABASE_FILE);

  await writeConfigFile(dataDir, settings);
  const store = await openStore({ dataDir, databaseUrl: settings.databaseUrl });
  const adminToken = `psa_${randomBytes(32).toString('base64url')}`;
  // Loaded here, not at the top: `serve` imports this file for isInitialized, and the staff
  // notifications' code is no part of what a node loads before it is ready.
  const { startNotificationCursors } =
    await import('./staff/notifications/derive-notifications-job.ts');
  try {
    await store.transact(async (tx) => {
      await tx.adminTokens.create(hashToken(adminToken), 'init', now);
      await startNotificationCursors(tx, now);
    });
  } finally {
    await store.close();
  }
  // Keys last: their presence marks the directory as initialized.
  const kid = await createKeysFile(dataDir, now);
  return { dataDir, kid, adminToken };
}
