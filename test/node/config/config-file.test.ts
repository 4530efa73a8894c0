import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { readConfigFile, writeConfigFile } from '../../../node/config/config-file.ts';

const posix = process.platform !== 'win32';

describe('config-file', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'partner-sync-config-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates a private data directory and a 0600 file, leaving no temp file', async () => {
    const dataDir = path.join(root, 'data');
    await writeConfigFile(dataDir, { port: 9000, name: 'Acme', dataDir: '/elsewhere' });

    expect(await readdir(dataDir)).toEqual(['config.json']);
    if (posix) {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      expect((await stat(path.join(dataDir, 'config.json'))).mode & 0o777).toBe(0o600);
    }
    // Pretty JSON in settings order, without dataDir (the file lives in it).
    expect(await readFile(path.join(dataDir, 'config.json'), 'utf8')).toBe(
      '{\n  "name": "Acme",\n  "port": 9000\n}\n',
    );
  });

  it('replaces an existing file whole, and the result reads back', async () => {
    const file = path.join(root, 'config.json');
    await writeFile(file, '{ "port": 1 }', { mode: 0o644 });
    await writeConfigFile(root, { url: 'https://partners.example.com', allowPrivate: true });

    expect(await readdir(root)).toEqual(['config.json']);
    if (posix) expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readConfigFile(root)).toEqual({
      ok: true,
      path: file,
      values: { url: 'https://partners.example.com', allowPrivate: true },
    });
  });

  it('removes its temp file when the write cannot complete', async () => {
    // A directory where the file should be makes the final rename fail.
    await mkdir(path.join(root, 'config.json'));
    await expect(writeConfigFile(root, { port: 9000 })).rejects.toThrow();
    expect(await readdir(root)).toEqual(['config.json']);
  });

  it('reads a missing file as no values', async () => {
    expect(await readConfigFile(root)).toEqual({
      ok: true,
      path: path.join(root, 'config.json'),
      values: undefined,
    });
  });

  it('names the file and the position of a JSON mistake', async () => {
    const file = path.join(root, 'config.json');
    await writeFile(file, '{\n  "port": 8080,\n  "name": "Acme",\n}\n');
    expect(await readConfigFile(root)).toEqual({
      ok: false,
      error: {
        setting: 'config.json',
        source: file,
        message: `${file} is not valid JSON: a comma before '}' is not allowed in JSON (line 4, column 1)`,
      },
    });
  });

  it('accepts a byte-order mark and refuses a non-object', async () => {
    const file = path.join(root, 'config.json');
    await writeFile(file, '\uFEFF{ "port": 8080 }');
    expect(await readConfigFile(root)).toMatchObject({ ok: true, values: { port: 8080 } });
    await writeFile(file, '[8080]');
    expect(await readConfigFile(root)).toMatchObject({
      ok: false,
      error: { message: `${file} must contain a JSON object such as { "port": 8787 }` },
    });
  });
});
