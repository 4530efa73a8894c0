/**
 * A node as production runs it: `partner-sync serve` in its own process on 127.0.0.1, with its
 * own data directory and SQLite file. Fault tests start, stop and break it from outside (signals,
 * resource limits, a second connection to its database) and watch it over HTTP.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeConfig } from '../../../node/config/defaults.ts';
import { DATABASE_FILE, initNode } from '../../../node/init-node.ts';
import { connectToNode } from '../../../node/connect/connect-to-node.ts';
import { freePort, type TestNode } from '../../support/test-node.ts';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = join(REPO, 'bin', 'partner-sync.js');

export interface ChildNode {
  name: string;
  dataDir: string;
  dbFile: string;
  port: number;
  url: string;
  adminToken: string;
  /** The serve process while it runs. */
  readonly pid: number | undefined;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  /** Starts `serve`; `env` adds PARTNER_SYNC_* variables (e.g. a crash point) for this run. */
  start(env?: Record<string, string>): Promise<void>;
  /** Resolves when the current process has exited: its exit code or the signal that ended it. */
  exit(): Promise<ChildExit>;
  /** SIGKILL, then waits for the process to exit. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
  /** Calls the admin API over HTTP. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Runs `fn` on a read-only connection of the test's own to the node's database. */
  query<T>(fn: (db: Database.Database) => T): T;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const created: string[] = [];
const running = new Set<ChildProcess>();

/** The environment of a child: this one's, minus any PARTNER_SYNC_* a developer has set. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { PARTNER_SYNC_LOG_LEVEL: 'warn', ...extra };
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PARTNER_SYNC_')) env[key] = value;
  }
  return env;
}

export async function createChildNode(options: {
  name: string;
  settings?: Partial<NodeConfig>;
  /** The public URL's port, when partners reach the node through a proxy listening there. */
  publicPort?: number;
}): Promise<ChildNode> {
  const dataDir = await mkdtemp(join(tmpdir(), `ps-child-${options.name}-`));
  created.push(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${options.publicPort ?? port}`;
  // Where the test itself reaches the node (admin API, readiness): never through the proxy.
  const direct = `http://127.0.0.1:${port}`;
  const { adminToken } = await initNode(
    dataDir,
    { name: options.name, port, url, ...options.settings },
    new Date(),
  );
  let child: ChildProcess | null = null;
  let exited: Promise<ChildExit> = Promise.resolve({ code: null, signal: null });
  let out = '';

  const node: ChildNode = {
    name: options.name,
    dataDir,
    dbFile: join(dataDir, DATABASE_FILE),
    port,
    url,
    adminToken,
    get pid() {
      return child?.pid;
    },
    output: () => out,
    async start(env) {
      const proc = spawn(process.execPath, [BIN, 'serve', '--data', dataDir], {
        cwd: REPO,
        env: childEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      running.add(proc);
      proc.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      proc.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      exited = new Promise((resolve) =>
        proc.once('exit', (code, signal) => {
          running.delete(proc);
          resolve({ code, signal });
        }),
      );
      await waitReady(node, proc);
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
      child = null;
    },
    exit: () => exited,
    async kill() {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      child = null;
    },
    async api(method, path, body) {
      const res = await fetch(`${direct}/api${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    query(fn) {
      const db = new Database(node.dbFile, { readonly: true, fileMustExist: true });
      try {
        return fn(db);
      } finally {
        db.close();
      }
    },
  };
  return node;
}

async function waitReady(node: ChildNode, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`serve exited early:\n${node.output()}`);
    const ready = await fetch(`http://127.0.0.1:${node.port}/readyz`, {
      signal: AbortSignal.timeout(1000),
    })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready && node.output().includes('listening on')) return;
    if (Date.now() > deadline) throw new Error(`node did not get ready:\n${node.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Ends every child still running (a failed test's) and removes the data directories. */
export async function cleanUpChildNodes(): Promise<void> {
  for (const proc of running) proc.kill('SIGKILL');
  running.clear();
  await Promise.all(created.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** How many messages the node has stored, read from its database file. */
export function inboundCount(node: ChildNode): number {
  return node.query(
    (db) => (db.prepare('SELECT count(*) AS n FROM inbound_messages').get() as { n: number }).n,
  );
}

/** `host` (a child) invites `joiner` (an in-process node) as a reseller, and `joiner` connects. */
export async function connectToChild(host: ChildNode, joiner: TestNode): Promise<void> {
  const invited = await host.api('POST', '/invitations', {
    name: joiner.name,
    partnerType: 'reseller',
    relationship: 'strategic',
  });
  if (invited.status !== 201) throw new Error(`invitation failed: ${JSON.stringify(invited)}`);
  await connectToNode(joiner.deps, { url: host.url, token: invited.body.token as string });
}
