/**
 * Child processes of the benchmark and a request/answer protocol over Node's IPC channel. The
 * node child runs bundled as the node is deployed (see BUNDLED_CHILDREN); the others run their
 * TypeScript through tsx's loader.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Request {
  id: number;
  cmd: string;
  args: unknown;
}

export type Answer =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface Child {
  readonly process: ChildProcess;
  call<T>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Ends the child: asks it to stop, then kills it if it has not exited within the grace time. */
  stop(graceMs?: number): Promise<void>;
  /** What the child wrote to stderr (the last 8 KB), for error reports. */
  stderr(): string;
}

const CHILD_DIR = new URL('../child/', import.meta.url);
const ROOT = new URL('../../', import.meta.url);

/**
 * Children that bench/run.ts bundles first (into dist/, beside the node's bundle, so that the
 * node finds its files from there as deployed): they run without tsx, whose loader thread and
 * transform cache a deployed node does not carry (some 60 MB of RSS, and CPU).
 */
export const BUNDLED_CHILDREN: Readonly<Record<string, string>> = {
  'node-child.ts': 'dist/bench-node-child.mjs',
};

/**
 * Forks `bench/child/<script>` (its bundle when built, else the source with tsx) and waits for
 * its `ready` message.
 */
export async function startChild(script: string, argv: string[] = []): Promise<Child> {
  const bundled = BUNDLED_CHILDREN[script];
  const bundle = bundled ? fileURLToPath(new URL(bundled, ROOT)) : null;
  const useBundle = bundle !== null && existsSync(bundle);
  const proc = fork(useBundle ? bundle : fileURLToPath(new URL(script, CHILD_DIR)), argv, {
    // BENCH_NODE_ARGS adds flags to the children, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    execArgv: [
      ...(useBundle ? [] : ['--import', 'tsx']),
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let errText = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    errText = (errText + chunk.toString('utf8')).slice(-8192);
    // BENCH_VERBOSE=1 passes the children's logs through.
    if (process.env.BENCH_VERBOSE) process.stderr.write(chunk);
  });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.on('exit', (code, signal) => {
    for (const w of waiting.values()) {
      w.reject(new Error(`${script} exited (${code ?? signal}) during a call\n${errText}`));
    }
    waiting.clear();
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if ((m as { ready?: boolean }).ready) {
        proc.off('message', onMessage);
        resolve();
      }
    };
    proc.on('message', onMessage);
    proc.once('exit', (code) =>
      reject(new Error(`${script} exited (${code}) at start\n${errText}`)),
    );
  });
  proc.on('message', (m: unknown) => {
    const a = m as Answer;
    const w = waiting.get(a.id);
    if (!w) return;
    waiting.delete(a.id);
    if (a.ok) w.resolve(a.result);
    else w.reject(new Error(`${script}: ${a.error}`));
  });

  return {
    process: proc,
    call<T>(cmd: string, args: unknown = {}, timeoutMs = 600_000): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`${script}: ${cmd} took more than ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        proc.send({ id, cmd, args } satisfies Request);
      });
    },
    async stop(graceMs = 10_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      if (proc.connected) proc.send({ id: 0, cmd: 'exit', args: {} } satisfies Request);
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    stderr: () => errText,
  };
}

/**
 * The child's side: answers each request with its handler's result. `exit` runs `onExit` and
 * ends the process.
 */
export function serveParent(
  handlers: Record<string, (args: any) => Promise<unknown> | unknown>,
  onExit: () => Promise<void> = async () => undefined,
): void {
  process.on('message', async (m: unknown) => {
    const { id, cmd, args } = m as Request;
    if (cmd === 'exit') {
      await onExit().catch(() => undefined);
      process.exit(0);
    }
    const handler = handlers[cmd];
    try {
      if (!handler) throw new Error(`unknown command ${cmd}`);
      const result = await handler(args);
      process.send!({ id, ok: true, result } satisfies Answer);
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.send!({ id, ok: false, error: text } satisfies Answer);
    }
  });
  process.on('disconnect', () => {
    void onExit().finally(() => process.exit(0));
  });
  process.send!({ ready: true });
}
