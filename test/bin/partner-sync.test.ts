/**
 * bin/partner-sync.js runs dist/partner-sync.mjs only while it is newer than every source, and
 * the TypeScript through tsx otherwise. Checked on a copy of the launcher in a temp tree with a
 * stand-in bundle and entry point (each prints which one ran), so the repository's own files
 * and mtimes are never touched.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STAND_IN = (which: string) =>
  `export async function runCli(argv) { console.log('${which}', argv.join(' ')); return 0; }\n`;

let dir = '';
const at = (...parts: string[]) => join(dir, ...parts);

/** Sets a file's (or directory's) mtime `seconds` from now. */
async function age(path: string, seconds: number): Promise<void> {
  const time = new Date(Date.now() + seconds * 1000);
  await utimes(path, time, time);
}

function launch(env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [at('bin', 'partner-sync.js'), 'status'],
      { env: { ...process.env, PARTNER_SYNC_SOURCE: '', ...env }, timeout: 15_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(stderr || String(error))) : resolve(stdout.trim()),
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'partner-sync-bin-'));
  for (const sub of ['bin', 'dist', 'node/cli', 'protocol', 'schemas', 'scripts']) {
    await mkdir(at(sub), { recursive: true });
  }
  await copyFile(join(ROOT, 'bin', 'partner-sync.js'), at('bin', 'partner-sync.js'));
  await symlink(join(ROOT, 'node_modules'), at('node_modules'), 'dir');
  await writeFile(at('package.json'), '{ "type": "module" }\n');
  await writeFile(at('node', 'cli', 'main.ts'), STAND_IN('source'));
  await writeFile(at('protocol', 'envelope.ts'), 'export {};\n');
  await writeFile(at('schemas', 'x.schema.json'), '{}\n');
  await writeFile(at('scripts', 'build.ts'), 'export {};\n');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Every source an hour old, the bundle a minute old: a fresh build.
beforeEach(async () => {
  await writeFile(at('dist', 'partner-sync.mjs'), STAND_IN('bundle'));
  for (const path of [
    'node/cli/main.ts',
    'node/cli',
    'node',
    'protocol/envelope.ts',
    'protocol',
    'schemas/x.schema.json',
    'schemas',
    'scripts/build.ts',
  ]) {
    await age(at(path), -3600);
  }
  await age(at('dist', 'partner-sync.mjs'), -60);
});

describe('bin/partner-sync', () => {
  it('runs the bundle when it is newer than every source, with the arguments', async () => {
    expect(await launch()).toBe('bundle status');
  });

  it('runs the TypeScript when a source was edited after the build', async () => {
    await age(at('node', 'cli', 'main.ts'), 0);
    expect(await launch()).toBe('source status');
  });

  it('runs the TypeScript when a schema or the build script changed, or a file was added', async () => {
    await age(at('schemas', 'x.schema.json'), 0);
    expect(await launch()).toBe('source status');
    await age(at('schemas', 'x.schema.json'), -3600);
    await age(at('scripts', 'build.ts'), 0);
    expect(await launch()).toBe('source status');
    await age(at('scripts', 'build.ts'), -3600);
    await age(at('protocol'), 0);
    expect(await launch()).toBe('source status');
  });

  it('runs the TypeScript when there is no bundle, or PARTNER_SYNC_SOURCE=1', async () => {
    expect(await launch({ PARTNER_SYNC_SOURCE: '1' })).toBe('source status');
    await rm(at('dist', 'partner-sync.mjs'));
    expect(await launch()).toBe('source status');
  });
});
