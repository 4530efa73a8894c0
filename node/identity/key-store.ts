/**
 * The node's own Ed25519 keys, kept in `<dataDir>/keys.json` (mode 0600). The newest key that is
 * not retired signs; retired keys stay published in the JWKS for a grace period so that messages
 * signed before a rotation, and re-sent byte for byte by retries, still verify.
 */
import { chmod, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  generateKeyPair,
  importSigningKey,
  type PublicJwk,
  type SigningKey,
} from '../../protocol/index.ts';

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
  await writeKeysFile(dataDir, { keys: [key] });
  return key.kid;
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
      await writeKeysFile(dataDir, { keys: [...keys, fresh] });
      state = await loadState();
      return fresh.kid;
    },
    async reloadIfChanged() {
      const info = await stat(file);
      if (info.mtimeMs === state.mtimeMs) return false;
      state = await loadState();
      return true;
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
  await writeFile(temp, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
  await rename(temp, target);
}
