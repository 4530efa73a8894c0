/**
 * The benchmark starts and produces its table: every part runs on tiny sizes (`--tiny`). What
 * the figures say is not checked here (speed is judged by `npm run bench`, against ceilings
 * measured in the same run); that every target line is reported, and that the runs' messages
 * were all delivered, is.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir = '';

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function runBench(out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--tiny', '--out', out],
      // A tiny run starts about ten node processes (two more for the growth section), each
      // about 2 s of CPU: on a shared 2-core machine that alone can take two minutes.
      { cwd: ROOT, timeout: 240_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('bench', () => {
  it('runs every part on tiny sizes and prints the table with every target line', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'));
    const out = join(dir, 'results.json');
    const started = Date.now();
    const { code, stdout, stderr } = await runBench(out);
    expect(code, stderr.slice(-2000)).toBe(0);
    // It built the bundle `partner-sync serve` runs and the bundled node it drives, rather than
    // measure the sources through tsx.
    for (const file of ['partner-sync.mjs', 'bench-node-child.mjs']) {
      const bundle = await stat(join(ROOT, 'dist', file));
      expect(bundle.mtimeMs, file).toBeGreaterThanOrEqual(started - 1000);
    }

    expect(stdout).toMatch(/^Measure\s+Value\s+Ratio to ceiling\s+Target\s+Met/m);
    // The targets of the performance issue's table, and the growth section's.
    for (const target of [
      '≥ 0.6 × verify ceiling',
      '≥ 0.65 × crypto-only 2-core limit',
      '≤ 1.5 × its crypto',
      '≤ 150 µs',
      '≥ 20,000 msg/s',
      '< 10 ms',
      '< 4 s',
      '< 2 KB',
      '< 100 ms',
      '< 150 MB',
      '< 80 MB',
      '< 0.5 s',
      '≥ 0.8 × empty node',
      '≤ 2 × empty node',
      'searches an index',
    ]) {
      expect(stdout).toContain(target);
    }
    expect(stdout).not.toContain('not built yet');

    const results = JSON.parse(await readFile(out, 'utf8')) as {
      sizes: string;
      rows: Array<{ id: string; status: string; value: number | null }>;
    };
    expect(results.sizes).toBe('tiny');
    const byId = new Map(results.rows.map((r) => [r.id, r]));
    for (const id of [
      'ceiling.verify',
      'ceiling.verify.cpu',
      'ceiling.sign.cpu',
      'ceiling.http',
      'throughput.rate',
      'latency.p99',
      'enqueue.100x1',
      'memory.sender',
      'memory.receiver',
      'memory.idle.sender',
      'memory.idle.receiver',
      'throughput.cpu',
      'inbox.1x16.cpu',
      'flood.rate',
      'flood.cpu',
      'growth.p1.rate',
      'growth.p1.p99',
      'growth.p100.stored.rate',
      'growth.p100.stored.p99',
      'start.ready',
      'pricelist.import100k',
      'pricelist.deltaBytes',
      'fanout.pushReturns',
      'fanout.allApplied',
    ]) {
      expect(byId.get(id), id).toMatchObject({ status: 'ok' });
      expect(byId.get(id)?.value, id).toBeGreaterThan(0);
    }
    expect(byId.get('check.stores')).toMatchObject({ status: 'ok', value: 1 });
    expect(byId.get('growth.check')).toMatchObject({ status: 'ok', value: 1 });
    // Each row keeps its ratio and its target with the verdict.
    expect(byId.get('throughput.rate')).toMatchObject({
      ratio: { of: 'crypto-only 2-core limit' },
      target: { text: '≥ 0.65 × crypto-only 2-core limit' },
    });
    for (const id of ['plan.dedupe', 'plan.partner', 'plan.claim.heads', 'plan.claim.queue']) {
      expect(byId.get(id), id).toMatchObject({ target: { met: true } });
    }
  }, 250_000);
});
