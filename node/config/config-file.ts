// config.json inside the data directory: settings an operator (or `init`) wants to keep
// without repeating them as flags. The directory also holds keys, hence the private modes.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

import { CONFIG_FILE_NAME, SETTINGS, type NodeConfig } from './defaults.ts';
import { locateJsonError } from './json-error.ts';
import type { ConfigError } from './validate.ts';

export type ReadConfigFileResult =
  | { ok: true; path: string; values: Record<string, unknown> | undefined }
  | { ok: false; error: ConfigError };

export function configFilePath(dataDir: string): string {
  return path.join(dataDir, CONFIG_FILE_NAME);
}

/** Reads `<dataDir>/config.json`. A missing file is not an error: `values` is undefined. */
export async function readConfigFile(dataDir: string): Promise<ReadConfigFileResult> {
  const file = configFilePath(dataDir);
  const failure = (message: string): ReadConfigFileResult => ({
    ok: false,
    error: { setting: CONFIG_FILE_NAME, source: file, message },
  });

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, path: file, values: undefined };
    if (code === 'EACCES' || code === 'EPERM') {
      return failure(`cannot read ${file}: permission denied for the user running the node`);
    }
    if (code === 'EISDIR') return failure(`cannot read ${file}: it is a directory, not a file`);
    return failure(`cannot read ${file}: ${(error as Error).message}`);
  }

  // Editors on Windows like to start files with a byte-order mark, which JSON.parse rejects.
  text = text.replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const where = locateJsonError(text);
    return failure(
      where === undefined
        ? `${file} is not valid JSON`
        : `${file} is not valid JSON: ${where.reason} (line ${where.line}, column ${where.column})`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return failure(`${file} must contain a JSON object such as { "port": 8787 }`);
  }
  return { ok: true, path: file, values: parsed as Record<string, unknown> };
}

/**
 * Replaces `<dataDir>/config.json` with `values` (dataDir left out: the file lives in it),
 * creating the directory (mode 0700) if needed. Written to a temp file and renamed, so a crash
 * leaves either the old file or the new one, never half of one.
 */
export async function writeConfigFile(dataDir: string, values: Partial<NodeConfig>): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  // Settings order, not insertion order: the file reads the same way as the docs.
  const ordered: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    const value = values[spec.key];
    if (spec.inConfigFile !== false && value !== undefined) ordered[spec.key] = value;
  }
  const text = `${JSON.stringify(ordered, null, 2)}\n`;

  const file = configFilePath(dataDir);
  // Same directory, so the rename stays on one file system and is atomic.
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      // The umask may have narrowed the mode; make it exactly owner read/write.
      await handle.chmod(0o600);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dataDir);
}

/** Makes the rename itself durable. Best effort: some platforms cannot fsync a directory. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the rename is a bonus; the file itself is already complete on disk.
  }
}
