/**
 * node/v8-flags.ts, in processes of their own (the flags are the process's).
 *
 * A node's outbound client parses answers with llhttp compiled to WebAssembly, and V8's optimizing
 * recompilation of it took about 35 MB for a moment, the largest part of a node's peak RSS at its
 * first connections. With the node's flags its peak grows by a few MB over hundreds of requests.
 *
 * A node at full rate promotes the objects of its batches in flight, dead soon after, to the old
 * generation; by default V8 let it grow to about 4 × what survived before collecting it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const OUTBOUND_CHILD = fileURLToPath(new URL('./outbound-rss-child.ts', import.meta.url));
const OLD_GENERATION_CHILD = fileURLToPath(new URL('./old-generation-child.ts', import.meta.url));
const dirs: string[] = [];

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function runChild(nodeArgs: string[], script: string, args: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [...nodeArgs, '--import', 'tsx', script, ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(stderr || String(error))) : resolve(stdout),
    ),
  );
}

describe('node/v8-flags', () => {
  it('keeps the peak RSS of a node that makes 400 outbound requests within 15 MB of where it started', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'partner-sync-rss-'));
    dirs.push(dir);
    const out = await runChild([], OUTBOUND_CHILD, [dir]);
    const { grewMb } = JSON.parse(out) as { grewMb: number };
    expect(grewMb).toBeLessThan(15);
  }, 90_000);

  it('lets the old generation grow to less than 3 × its live size while short-lived batches are promoted through it', async () => {
    const out = await runChild(['--expose-gc'], OLD_GENERATION_CHILD, []);
    const { peakMb, liveMb } = JSON.parse(out) as { peakMb: number; liveMb: number };
    expect(liveMb).toBeGreaterThan(30);
    expect(peakMb).toBeLessThan(3 * liveMb);
  }, 90_000);
});
