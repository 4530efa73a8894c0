/**
 * node/v8-flags.ts, in a process of its own (the flags are the process's): a node's outbound
 * client parses answers with llhttp compiled to WebAssembly, and V8's optimizing recompilation of
 * it took about 35 MB for a moment, the largest part of a node's peak RSS at its first
 * connections. With the node's flags its peak grows by a few MB over hundreds of requests.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./outbound-rss-child.ts', import.meta.url));
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('node/v8-flags', () => {
  it('keeps the peak RSS of a node that makes 400 outbound requests within 15 MB of where it started', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'partner-sync-rss-'));
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
    const { grewMb } = JSON.parse(out) as { grewMb: number };
    expect(grewMb).toBeLessThan(15);
  }, 90_000);
});
