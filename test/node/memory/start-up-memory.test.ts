/**
 * node/release-start-up-memory.ts, in a process of its own: loading a node's code makes V8 grow
 * its young generation (to 8-16 MB), which a node that then idles would keep resident. Once
 * started, the node has given it back: the young generation is at its initial size again.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./start-up-memory-child.ts', import.meta.url));
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('node start-up memory', () => {
  it('leaves the young generation at its initial size once the node has started', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'partner-sync-start-'));
    dirs.push(dir);
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', CHILD, dir],
        { timeout: 60_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(stderr || String(error))) : resolve(stdout),
      ),
    );
    const { youngMb } = JSON.parse(out.trim().split('\n').at(-1)!) as { youngMb: number };
    expect(youngMb).toBeLessThanOrEqual(2);
  }, 90_000);
});
