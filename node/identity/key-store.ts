/**
 * The node's own Ed25519 keys, kept in `<dataDir>/keys.json` (mode 0600). The newest key that is
 * not retired signs; retired keys stay published in the JWKS for a grace period so that messages
 * signed before a rotation, and re-sent byte for byte by retries, still verify.
 *
 * The same file holds the storage key that seals the secrets kept in the database
 * (secret-box.ts): the database alone, or a copy of it, then reveals none of them.
 */
import { chmod, open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateKeyPair,
  importSigningKey,
  type PublicJwk,
  type SigningKey,
} from '../../protocol/index.ts';
import { newStorageKey } from './secret-box.ts';

export const KEYS_FILE = 'keys.json';

interface StoredKey {
  kid: string;
  privateJwk: Record<string, unknown>;
  publicJwk: PublicJwk;
  createdAt: string;
  retiredAt: string | null;
}

interface KeysFile {
  keys: StoredKey[];
  /** AES-256 key (base64url) for secrets in the database; absent in files made before it. */
  storageKey?: string;
}

export interface NodeKeys {
  /** The key that signs new messages and receipts. */
  signing(): SigningKey;
  /** Keys to publish: the signing key and those retired within the grace period. */
  published(now: Date): PublicJwk[];
  /** Creates a new signing key and retires the current one; returns the new kid. */
  rotate(now: Date): Promise<string>;
  /** Picks up a rotation done by another process (the CLI) on the same data directory. */
  reloadIfChanged(): Promise<boolean>;
  /**
   * When `kid` became this node's signing key (a key signs from its creation: `rotate` makes the
   * new key the signing key at once); null for a kid that is not among the node's keys. Read from
   * memory, as of the last load of keys.json.
   */
  signingSince(kid: string): Date | null;
}

export async function keysFileExists(dataDir: string): Promise<boolean> {
  try {
    await stat(join(dataDir, KEYS_FILE));
    return true;
  } catch {
    return false;
  }
}

/** Creates the key file with one fresh key; refuses to overwrite an existing one. */
export async function createKeysFile(dataDir: string, now: Date): Promise<string> {
  if (await keysFileExists(dataDir)) throw new Error(`${join(dataDir, KEYS_FILE)} already exists`);
  const key = await newStoredKey(now);
  await writeKeysFile(dataDir, { keys: [key], storageKey: newStorageKey() });
  return key.kid;
}

/** The storage key of the keys file; null in a file made before there was one. */
export async function readStorageKey(dataDir: string): Promise<string | null> {
  return (await readKeysFile(dataDir)).storageKey ?? null;
}

/**
 * Adds a storage key to a keys file made before there was one. Only `serve` calls this, holding
 * the data directory's lock, so two processes cannot each add a different key.
 */
export async function ensureStorageKey(dataDir: string): Promise<void> {
  const content = await readKeysFile(dataDir);
  if (content.storageKey !== undefined) return;
  await writeKeysFile(dataDir, { ...content, storageKey: newStorageKey() });
}

async function readKeysFile(dataDir: string): Promise<KeysFile> {
  return JSON.parse(await readFile(join(dataDir, KEYS_FILE), 'utf8')) as KeysFile;
}

export async function openNodeKeys(
  dataDir: string,
  options: { retiredGraceMs: number },
): Promise<NodeKeys> {
  const file = join(dataDir, KEYS_FILE);
  let state = await loadState();

  async function loadState() {
    const info = await stat(file);
    if ((info.mode & 0o077) !== 0) await chmod(file, 0o600);
    const parsed = JSON.parse(await readFile(file, 'utf8')) as KeysFile;
    const active = parsed.keys.filter((k) => k.retiredAt === null).at(-1);
    if (!active) throw new Error(`${file} holds no active key`);
    return {
      mtimeMs: info.mtimeMs,
      keys: parsed.keys,
      signing: await importSigningKey(active.privateJwk),
    };
  }

  return {
    signing: () => state.signing,
    published(now) {
      return state.keys
        .filter(
          (k) =>
            k.retiredAt === null ||
            now.getTime() - Date.parse(k.retiredAt) < options.retiredGraceMs,
        )
        .map((k) => k.publicJwk);
    },
    async rotate(now) {
      const fresh = await newStoredKey(now);
      const keys = state.keys
        .filter(
          (k) =>
            k.retiredAt === null ||
            now.getTime() - Date.parse(k.retiredAt) < options.retiredGraceMs,
        )
        .map((k) => (k.retiredAt === null ? { ...k, retiredAt: now.toISOString() } : k));
      // The storage key as the file holds it now: `serve` may have added it since we read it.
      const { storageKey } = await readKeysFile(dataDir);
      await writeKeysFile(dataDir, { keys: [...keys, fresh], storageKey });
      state = await loadState();
      return fresh.kid;
    },
    async reloadIfChanged() {
      const info = await stat(file);
      if (info.mtimeMs === state.mtimeMs) return false;
      state = await loadState();
      return true;
    },
    signingSince(kid) {
      const key = state.keys.find((k) => k.kid === kid);
      return key ? new Date(key.createdAt) : null;
    },
  };
}

async function newStoredKey(now: Date): Promise<StoredKey> {
  const { kid, privateJwk, publicJwk } = await generateKeyPair();
  return {
    kid,
    privateJwk: privateJwk as Record<string, unknown>,
    publicJwk,
    createdAt: now.toISOString(),
    retiredAt: null,
  };
}

async function writeKeysFile(dataDir: string, content: KeysFile): Promise<void> {
  const target = join(dataDir, KEYS_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  // Synced before and after the rename: the database may hold secrets sealed with this file's
  // storage key, and a power cut must not leave them with an older file that lacks it.
  const file = await open(temp, 'w', 0o600);
  try {
    await file.writeFile(JSON.stringify(content, null, 2) + '\n');
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, target);
  const dir = await open(dataDir, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
