/**
 * Start-up: from spawning `partner-sync serve` (the production command, as `npm start` runs it:
 * the bundle when it is current, else the sources through tsx) on a data directory with history
 * to `/readyz` answering 200.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Section } from '../lib/context.ts';
import { freePortOnLoopback } from '../lib/ports.ts';
import { failed, row } from '../lib/report.ts';
import { median } from '../lib/stats.ts';

const BIN = fileURLToPath(new URL('../../bin/partner-sync.js', import.meta.url));

export const startup: Section = {
  name: 'startup',
  async run(ctx) {
    const dataDir = ctx.existingDataDir;
    const group = 'memory and start';
    if (!dataDir) {
      return [
        failed(
          'start.ready',
          group,
          'ready',
          'ms',
          'no data directory from the federation runs',
          '< 0.5 s',
        ),
      ];
    }
    const times: number[] = [];
    // With more than one run, the first only warms the OS's file cache (and tsx's transpile cache
    // when the sources run): a restarted node finds them warm. It is not counted.
    const runs = ctx.sizes.startupRuns > 1 ? ctx.sizes.startupRuns + 1 : ctx.sizes.startupRuns;
    for (let i = 0; i < runs; i++) {
      ctx.log(`startup: run ${i + 1} of ${runs}`);
      const ms = await timeToReady(dataDir);
      if (i > 0 || runs === 1) times.push(ms);
    }
    const ms = median(times);
    return [
      row({
        id: 'start.ready',
        group,
        label: 'process start to /readyz 200, existing data directory (median)',
        value: ms,
        unit: 'ms',
        target: { text: '< 0.5 s', met: ms < 500 },
        note: `runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms; spawn of \`partner-sync serve\``,
      }),
    ];
  },
};

async function timeToReady(dataDir: string): Promise<number> {
  const port = await freePortOnLoopback();
  const t0 = performance.now();
  const proc = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  try {
    const deadline = t0 + 30_000;
    while (performance.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`serve exited ${proc.exitCode}: ${err}`);
      try {
        // A short deadline per probe: a request that reaches the socket before the app is
        // attached is never answered, so a probe that hangs is abandoned and the next one sent.
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, {
          signal: AbortSignal.timeout(100),
        });
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`not ready within 30 s: ${err}`);
  } finally {
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
