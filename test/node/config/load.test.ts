import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { writeConfigFile } from '../../../node/config/config-file.ts';
import { loadConfig, type LoadConfigResult } from '../../../node/config/load.ts';

function messages(result: LoadConfigResult): string[] {
  return result.ok ? [] : result.errors.map((e) => e.message);
}

describe('load', () => {
  let root: string;
  let dataDir: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'partner-sync-load-'));
    dataDir = path.join(root, 'data');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('uses defaults when nothing is configured, resolving ./data against cwd', async () => {
    const result = await loadConfig({ env: {}, cwd: root });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      port: 8787,
      url: 'http://127.0.0.1:8787',
      allowLoopback: true,
      dataDir,
    });
    expect(result.sources).toMatchObject({
      port: 'default',
      url: 'derived',
      allowLoopback: 'derived',
      dataDir: 'default',
    });
  });

  it('layers file < env < flag and reports where each value came from', async () => {
    await writeConfigFile(dataDir, {
      name: 'From file',
      port: 1111,
      maxBatch: 10,
      logLevel: 'warn',
    });
    const result = await loadConfig({
      cwd: root,
      env: {
        PARTNER_SYNC_PORT: '2222',
        PARTNER_SYNC_MAX_BATCH: '20',
        PARTNER_SYNC_URL: 'https://partners.example.com/',
        HOME: '/home/op', // other variables are none of our business
      },
      flags: { port: '3333', allowPrivate: true, name: undefined },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      name: 'From file',
      logLevel: 'warn',
      maxBatch: 20,
      port: 3333,
      allowPrivate: true,
      url: 'https://partners.example.com',
      allowLoopback: false,
    });
    expect(result.sources).toMatchObject({
      name: 'file',
      logLevel: 'file',
      maxBatch: 'env',
      url: 'env',
      port: 'flag',
      allowPrivate: 'flag',
      allowLoopback: 'default',
      host: 'default',
    });
  });

  it('finds the data directory from flag, option or env', async () => {
    await writeConfigFile(dataDir, { port: 4444 });
    const viaEnv = await loadConfig({ cwd: root, env: { PARTNER_SYNC_DATA_DIR: 'data' } });
    expect(viaEnv).toMatchObject({
      ok: true,
      config: { port: 4444, dataDir },
      sources: { dataDir: 'env' },
    });
    const viaFlag = await loadConfig({ cwd: '/', env: {}, flags: { dataDir } });
    expect(viaFlag).toMatchObject({
      ok: true,
      config: { port: 4444 },
      sources: { dataDir: 'flag' },
    });
    const viaOption = await loadConfig({ env: { PARTNER_SYNC_DATA_DIR: '/nowhere' }, dataDir });
    expect(viaOption).toMatchObject({ ok: true, config: { port: 4444, dataDir } });
  });

  it('keeps allowLoopback false on a loopback url when the file says so', async () => {
    await writeConfigFile(dataDir, { url: 'http://localhost:8787', allowLoopback: false });
    const result = await loadConfig({ cwd: root, env: {} });
    expect(result).toMatchObject({
      ok: true,
      config: { allowLoopback: false },
      sources: { allowLoopback: 'file', url: 'file' },
    });
  });

  it('reports bad values, unknown names and a misplaced dataDir from every layer at once', async () => {
    await writeFile(
      path.join(root, 'config.json'),
      JSON.stringify({ prot: 80, dataDir: '/x', retryHorizonHours: 0 }),
    );
    const file = path.join(root, 'config.json');
    const result = await loadConfig({
      dataDir: root,
      env: { PARTNER_SYNC_PORT: '80a', PARTNER_SYNC_LOGLEVEL: 'debug' },
      flags: { maxBatch: '5000', verbose: true },
    });
    expect(messages(result).sort()).toEqual(
      [
        `dataDir cannot be set in ${file}, which lives in the data directory; use --data-dir or PARTNER_SYNC_DATA_DIR`,
        'unknown environment variable PARTNER_SYNC_LOGLEVEL; did you mean PARTNER_SYNC_LOG_LEVEL?',
        'unknown option --verbose',
        'port: must be a whole number from 0 to 65535 (got "80a", from PARTNER_SYNC_PORT)',
        'maxBatch: must be a whole number of messages from 1 to 1000 (got "5000", from --max-batch)',
        `retryHorizonHours: must be a whole number of hours from 1 to 8760 (got 0, from ${file})`,
        `unknown setting 'prot' in ${file}; did you mean 'port'?`,
      ].sort(),
    );
  });

  it('lets through the variables that are not settings: crash point, launcher switch', async () => {
    const env = { PARTNER_SYNC_CRASH_AT: 'inbox.after-commit', PARTNER_SYNC_SOURCE: '1' };
    const result = await loadConfig({ env, cwd: root });
    expect(result.ok).toBe(true);
  });

  it('treats a __proto__ key in the file as an unknown setting', async () => {
    await writeFile(path.join(root, 'config.json'), '{ "__proto__": { "port": 1 } }');
    const result = await loadConfig({ dataDir: root, env: {} });
    expect(messages(result)).toEqual([
      `unknown setting '__proto__' in ${path.join(root, 'config.json')}`,
    ]);
  });

  it('reports an invalid JSON config file with its path and position, alongside other errors', async () => {
    const file = path.join(root, 'config.json');
    await writeFile(file, '{\n  "port": 8080\n  "name": "Acme"\n}\n');
    const result = await loadConfig({ dataDir: root, env: { PARTNER_SYNC_PORT: 'x' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        setting: 'config.json',
        source: file,
        message: `${file} is not valid JSON: expected ',' or '}' but found '"' (line 3, column 3)`,
      },
      {
        setting: 'port',
        source: 'PARTNER_SYNC_PORT',
        message: 'port: must be a whole number from 0 to 65535 (got "x", from PARTNER_SYNC_PORT)',
      },
    ]);
  });

  it('refuses an empty data directory without reading any file', async () => {
    const result = await loadConfig({ cwd: root, env: { PARTNER_SYNC_DATA_DIR: '' } });
    expect(messages(result)).toEqual([
      'dataDir: must be the path of a directory (got "", from PARTNER_SYNC_DATA_DIR)',
    ]);
  });
});
