/**
 * What a started node that has nothing to do has loaded, in a process of its own: neither its
 * domains' message handlers, nor zod, nor the translator (@formatjs) and its catalogs, even after
 * each of its jobs has run once (they load what their work needs when they find work). A first
 * message of a domain kind loads the domains' handlers, and zod with them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { JOBS } from '../../../node/jobs/registry.ts';

const CHILD = fileURLToPath(new URL('./idle-modules-child.ts', import.meta.url));
const MARK = '-- a domain message --';
/** Code an idle node does without: what only the domains' messages, the pages and mail use. */
const NOT_AT_IDLE =
  /node_modules\/(zod|@formatjs|intl-messageformat)\/|\/node\/i18n\/|\/node\/handlers\/registry\.ts|\/node\/(leads|deals|orders|funds|inventory|service|catalog)\/[^/]*-handler\.ts/;
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('an idle node', () => {
  it('has loaded no domain handler, zod or translator after every job ran once; a domain message loads them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'partner-sync-idle-modules-'));
    dirs.push(dir);
    const log = join(dir, 'loaded.txt');
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', CHILD, log, MARK],
        { timeout: 60_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(stderr || String(error))) : resolve(stdout),
      ),
    );
    const { ran } = JSON.parse(out.trim().split('\n').at(-1)!) as { ran: Record<string, number> };
    expect(Object.keys(ran).sort()).toEqual(JOBS.map((job) => job.name).sort());

    const lines = (await readFile(log, 'utf8')).split('\n');
    const mark = lines.indexOf(MARK);
    expect(mark).toBeGreaterThan(0);
    const atIdle = lines.slice(0, mark);
    const onMessage = lines.slice(mark + 1);
    expect(atIdle.some((url) => url.endsWith('/node/main.ts'))).toBe(true);
    expect(atIdle.some((url) => url.endsWith('/node/jobs/registry.ts'))).toBe(true);
    expect(atIdle.filter((url) => NOT_AT_IDLE.test(url))).toEqual([]);
    expect(onMessage.some((url) => url.endsWith('/node/handlers/registry.ts'))).toBe(true);
    expect(onMessage.some((url) => /node_modules\/zod\//.test(url))).toBe(true);
  }, 90_000);
});
