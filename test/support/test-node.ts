/**
 * Real nodes for federation tests: each with its own temp data directory and SQLite file,
 * listening on 127.0.0.1 on a port chosen up front so that a restarted node keeps its node id.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, type Clock } from '../../node/clock.ts';
import type { NodeConfig } from '../../node/config/defaults.ts';
import type { HandlerRegistry } from '../../node/handlers/registry.ts';
import { openDatabase } from '../../node/db/open-database.ts';
import { DATABASE_FILE, initNode } from '../../node/init-node.ts';
import { silentLogger, type Logger } from '../../node/logger.ts';
import { freePort } from './free-port.ts';
import { closeNodeDatabases } from './node-database.ts';
import { createTestDatabase, dropTestDatabases } from './test-database.ts';
import { startNode, type NodeOptions, type RunningNode } from '../../node/main.ts';

export interface TestNode {
  name: string;
  dataDir: string;
  port: number;
  url: string;
  adminToken: string;
  /** The node's PostgreSQL database, when it keeps its data there (node-database.ts reads it). */
  databaseUrl?: string;
  running: RunningNode | null;
  /** The node's deps while running. */
  readonly deps: RunningNode['deps'];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Calls the admin API over real HTTP. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export { freePort };

export interface TestNodeOptions {
  name: string;
  clock?: Clock;
  env?: Record<string, string>;
  random?: () => number;
  handlers?: HandlerRegistry;
  /** Settings written to the node's config.json at init. */
  settings?: Partial<NodeConfig>;
  /** The public URL, when it differs from the listening address (e.g. behind a proxy). */
  publicPort?: number;
  /** The outbound HTTP client's DNS and address-check hooks (fault tests). */
  httpHooks?: NodeOptions['httpHooks'];
  /** Where the node logs (tests that read the log); silent by default. */
  log?: Logger;
  /**
   * Keeps the node's data in a fresh PostgreSQL database of the run's test server
   * (test-database.ts) instead of SQLite. Default: on when PARTNER_SYNC_TEST_STORE=postgres, which
   * runs any suite's test nodes on PostgreSQL (PARTNER_SYNC_TEST_STORE=postgres npx vitest run …).
   */
  postgres?: boolean;
}

const created: string[] = [];

/**
 * A SQLite database the migrations ran on once per test file: each test node's database starts
 * as a copy of it, as the PostgreSQL test databases start from their template
 * (postgres-global-setup.ts). Migrating a fresh file took 30-45 ms of CPU and 110-220 ms in all
 * per node. The node still opens its copy as any node opens its database (migrations checked, none
 * left to apply); a fresh database's migration is tested where nodes are initialised directly.
 */
let migratedTemplate: Promise<string> | null = null;

function sqliteTemplate(): Promise<string> {
  migratedTemplate ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ps-template-'));
    created.push(dir);
    const file = join(dir, DATABASE_FILE);
    // Closing the last connection checkpoints the WAL into the file and removes it.
    openDatabase(file).sqlite.close();
    return file;
  })();
  return migratedTemplate;
}

export async function createTestNode(options: TestNodeOptions): Promise<TestNode> {
  const dataDir = await mkdtemp(join(tmpdir(), `ps-${options.name}-`));
  created.push(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${options.publicPort ?? port}`;
  const postgres = options.postgres ?? process.env.PARTNER_SYNC_TEST_STORE === 'postgres';
  const databaseUrl = postgres ? await createTestDatabase() : undefined;
  if (!postgres) await copyFile(await sqliteTemplate(), join(dataDir, DATABASE_FILE));
  const { adminToken } = await initNode(
    dataDir,
    { name: options.name, port, url, ...(databaseUrl ? { databaseUrl } : {}), ...options.settings },
    new Date(),
  );
  const node: TestNode = {
    name: options.name,
    dataDir,
    port,
    url,
    adminToken,
    ...(databaseUrl ? { databaseUrl } : {}),
    running: null,
    get deps() {
      if (!node.running) throw new Error(`${options.name} is not running`);
      return node.running.deps;
    },
    async start() {
      node.running = await startNode({
        dataDir,
        env: options.env ?? {},
        log: options.log ?? silentLogger(),
        clock: options.clock,
        random: options.random ?? (() => 0),
        outboxPollMs: 20,
        ...(options.handlers ? { handlers: options.handlers } : {}),
        ...(options.httpHooks ? { httpHooks: options.httpHooks } : {}),
      });
    },
    async stop() {
      await node.running?.close();
      node.running = null;
    },
    async api(method, path, body) {
      const res = await fetch(`${url}/api${path}`, {
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
  };
  await node.start();
  return node;
}

export async function removeTestDirs(): Promise<void> {
  migratedTemplate = null;
  await Promise.all(created.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  await closeNodeDatabases();
  // And the PostgreSQL databases of the nodes that kept their data there (none otherwise).
  await dropTestDatabases();
}

/** Polls `check` until it returns a truthy value or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 5_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

export { ManualClock };
