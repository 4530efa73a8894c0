/**
 * More `partner-sync serve` processes for one node on PostgreSQL: each in its own OS process on a
 * port of its own, all on the node's data directory (its keys, its config.json naming the
 * database). Tests send to them directly, as a load balancer would, and SIGKILL them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, childEnv } from '../faults/support/child-node.ts';
import { freePort } from './free-port.ts';

export interface ServeProcess {
  port: number;
  /** Where to reach this process (the node's id stays the URL of its config.json). */
  base: string;
  output(): string;
  /** SIGKILL, then waits for the process to end. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the process to end. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Starts `serve` on `port` (a free one by default: a restarted process may keep its old one). */
export async function startServeProcess(dataDir: string, atPort?: number): Promise<ServeProcess> {
  const port = atPort ?? (await freePort());
  const proc = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', String(port)], {
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  let out = '';
  proc.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      running.delete(proc);
      resolve();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  // Generous: a cold start compiles the sources with tsx when the bundle is older than they are.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`serve exited early:\n${out}`);
    const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      // Not left to get ready later on a port the caller may start another process on.
      proc.kill('SIGKILL');
      await exited;
      throw new Error(`serve did not get ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };
  return {
    port,
    base,
    output: () => out,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** Ends every process a failed test left running. */
export function killServeProcesses(): void {
  for (const proc of running) proc.kill('SIGKILL');
  running.clear();
}
