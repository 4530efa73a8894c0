/**
 * The composition root: reads config, opens the store, loads keys, builds the deps, starts the
 * outbox worker and the HTTP server; `close()` stops them in the reverse order. Tests start real
 * nodes through `startNode` with a temp data directory.
 */
import { getRequestListener } from '@hono/node-server';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getDefaultSchemaRegistry } from '../protocol/index.ts';
import { createApp, type AppDeps } from './app.ts';
import { systemClock, type Clock } from './clock.ts';
import type { NodeConfig } from './config/defaults.ts';
import { loadConfig, type LoadConfigOptions } from './config/load.ts';
import { resyncAfterRestore } from './backup/after-restore.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { permissionWarnings } from './data-dir-permissions.ts';
import { AppError } from './errors.ts';
import { CONNECT_KIND } from './handlers/connect-kind.ts';
import { createLazyHandlerRegistry } from './handlers/lazy-registry.ts';
import type { HandlerRegistry } from './handlers/registry.ts';
import type { Job } from './jobs/job.ts';
import { createScheduler, type Scheduler } from './jobs/scheduler.ts';
import { ensureStorageKey, openNodeKeys, readStorageKey } from './identity/key-store.ts';
import { createSecretBox } from './identity/secret-box.ts';
import { createPartnerLimits } from './inbox/partner-limits.ts';
import { DATABASE_FILE, isInitialized } from './init-node.ts';
import { createLogger, type Logger } from './logger.ts';
import { createNodeMetrics } from './metrics/metrics.ts';
import { createHttpClient, type HttpClientOptions } from './net/http-client.ts';
import { createHttpTransport } from './outbox/http-transport.ts';
import { createOutboxWorker, type OutboxWorker } from './outbox/outbox-worker.ts';
import { DEFAULT_RETRY_POLICY } from './outbox/retry-policy.ts';
import { createPartnerKeyRefresher } from './partners/partner-keys.ts';
import { createPortalTransport } from './portal/portal-transport.ts';
import { createWebhookWorker, type WebhookWorker } from './webhooks/webhook-worker.ts';
import { openStore } from './store/open-store.ts';
import { releaseStartUpMemory } from './release-start-up-memory.ts';
import { applyV8Flags } from './v8-flags.ts';

export const USER_AGENT = 'partner-sync/0.1';
const KEY_RELOAD_INTERVAL_MS = 2_000;

export interface NodeOptions extends LoadConfigOptions {
  clock?: Clock;
  log?: Logger;
  handlers?: HandlerRegistry;
  /** For tests: a fixed source of jitter. */
  random?: () => number;
  /** For tests: how often the outbox looks for due work. */
  outboxPollMs?: number;
  /**
   * For tests: how often keys.json is looked at for a rotation done elsewhere (default 2 s). On
   * PostgreSQL the other processes' rotations also arrive at once (Store.onKeyRotation).
   */
  keyReloadMs?: number;
  /** For tests: the timed jobs (default: all of the node's). */
  jobs?: readonly Job[];
  /** For tests: the outbound HTTP client's DNS and address-check hooks (fault tests). */
  httpHooks?: Pick<HttpClientOptions, 'checkAddress' | 'resolveAll'>;
  /** For the benchmark only: false opens the store without the event log, to measure its cost. */
  domainEvents?: boolean;
}

/** The parts of a node without the HTTP server: what the CLI uses to act on a data directory. */
export interface NodeContext {
  deps: AppDeps;
  config: NodeConfig;
  close(): Promise<void>;
}

/** The node's timed jobs: the domains' code, loaded when the scheduler starts or runs them. */
const loadJobs = async (): Promise<readonly Job[]> => (await import('./jobs/registry.ts')).JOBS;

export async function openNode(
  options: NodeOptions,
  nodeIdOverride?: string,
): Promise<NodeContext> {
  applyV8Flags();
  const loaded = await loadConfig(options);
  if (!loaded.ok) {
    throw new AppError(400, 'bad_config', loaded.errors.map((e) => `- ${e.message}`).join('\n'));
  }
  const config = loaded.config;
  if (!(await isInitialized(config.dataDir))) {
    throw new AppError(
      400,
      'not_initialized',
      `${config.dataDir} holds no node yet; run: partner-sync init --name NAME --data ${config.dataDir}`,
    );
  }
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.logLevel);
  const retryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    horizonMs: config.retryHorizonHours * 3600_000,
    maxDelayMs: config.retryMaxDelaySeconds * 1000,
    retryAfterMaxMs: config.retryAfterMaxSeconds * 1000,
  };
  const keys = await openNodeKeys(config.dataDir, {
    // Old keys stay published while a message signed with them may still be retried.
    retiredGraceMs: retryPolicy.horizonMs + 24 * 3600_000,
  });
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    secrets: createSecretBox(await readStorageKey(config.dataDir)),
    now: () => clock.now(),
    ...(options.domainEvents === false ? { domainEvents: false } : {}),
  });
  const http = createHttpClient({
    policy: { allowLoopback: config.allowLoopback, allowPrivate: config.allowPrivate },
    timeoutMs: config.outboundTimeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    userAgent: USER_AGENT,
    ...options.httpHooks,
  });
  const partnerKeys = createPartnerKeyRefresher({
    store,
    http,
    clock,
    log: log.child({ category: 'partner-keys' }),
    intervalMs: config.keyRefetchIntervalSeconds * 1000,
  });

  let ready = true;
  const handlers = options.handlers ?? createLazyHandlerRegistry();
  // Every kind a handler takes; the connect message has its own route, not a handler.
  const knownKinds = new Set(handlers.kinds().filter((kind) => kind !== CONNECT_KIND));
  const deps: AppDeps = {
    config,
    nodeId: nodeIdOverride ?? config.url,
    store,
    clock,
    keys,
    http,
    log,
    schemas: getDefaultSchemaRegistry(),
    handlers,
    partnerKeys,
    partnerLimits: createPartnerLimits({
      config,
      store,
      clock,
      log: log.child({ category: 'inbox' }),
    }),
    notifyOutbox: () => outbox.notify(),
    // From the list of kinds, not `get`: counting a message must not load a domain's handlers.
    metrics: createNodeMetrics({ isKnownKind: (kind) => knownKinds.has(kind) }),
    outbox: undefined as unknown as OutboxWorker,
    webhooks: undefined as unknown as WebhookWorker,
    jobs: undefined as unknown as Scheduler,
    isReady: () => ready,
  };
  deps.jobs = createScheduler(deps, options.jobs ?? loadJobs);
  const outboxLog = log.child({ category: 'outbox' });
  const outbox = createOutboxWorker(
    {
      store,
      clock,
      log: outboxLog,
      transports: [
        createPortalTransport(deps),
        createHttpTransport({
          ...deps,
          log: outboxLog,
          retryPolicy,
          random: options.random ?? Math.random,
        }),
      ],
    },
    {
      concurrency: 8,
      leaseMs: config.outboundTimeoutMs * 2 + 30_000,
      pollMs: options.outboxPollMs ?? 250,
      probeBatch: 1,
    },
  );
  deps.outbox = outbox;
  // Work another process of the node queued (PostgreSQL): sent now rather than at the next poll.
  store.onOutboxWork(() => outbox.notify());
  deps.webhooks = createWebhookWorker(
    {
      ...deps,
      log: log.child({ category: 'webhooks' }),
      retryPolicy: {
        ...retryPolicy,
        horizonMs: config.webhookRetryHorizonHours * 3600_000,
      },
      random: options.random ?? Math.random,
    },
    {
      pollMs: options.outboxPollMs ?? 250,
      leaseMs: config.outboundTimeoutMs * 2 + 30_000,
      batch: 100,
    },
  );

  return {
    deps,
    config,
    async close() {
      ready = false;
      await deps.jobs.stop();
      await outbox.stop();
      await deps.webhooks.stop();
      await http.close();
      await store.close();
    },
  };
}

export interface RunningNode extends NodeContext {
  /** The node id (public URL) and the address it listens on. */
  nodeId: string;
  port: number;
  /** What the operator should fix, logged at start and printed by `serve`. */
  warnings: string[];
}

/**
 * Opens the node, starts the outbox worker and serves HTTP until `close()`. On SQLite one process
 * at most serves a data directory (see data-dir-lock.ts): a second one is refused before it
 * listens. On PostgreSQL (`databaseUrl`) any number may.
 */
export async function startNode(options: NodeOptions): Promise<RunningNode> {
  const probe = await loadConfig(options);
  if (!probe.ok) {
    throw new AppError(400, 'bad_config', probe.errors.map((e) => `- ${e.message}`).join('\n'));
  }
  // An uninitialized directory is reported by openNode, in its own words. On PostgreSQL several
  // processes serve the node, from one data directory or copies of it: the database, not the
  // directory, keeps them apart (store/postgres/process-presence.ts).
  const lock: DataDirLock | null =
    probe.config.databaseUrl === undefined && (await isInitialized(probe.config.dataDir))
      ? lockDataDir(probe.config.dataDir)
      : null;
  try {
    const running = await serve(options, probe);
    return {
      ...running,
      async close() {
        try {
          await running.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

type LoadedConfig = Extract<Awaited<ReturnType<typeof loadConfig>>, { ok: true }>;

async function serve(options: NodeOptions, probe: LoadedConfig): Promise<RunningNode> {
  // With port 0 the port is known only once listening, and a derived URL must follow it.
  // Until the node is open, every request is answered 503 rather than left hanging.
  let handle: RequestListener = (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
    res.end(JSON.stringify({ error: { code: 'not_ready', message: 'the node is starting' } }));
  };
  const server = await listen(probe.config.host, probe.config.port, (req, res) => handle(req, res));
  const port = (server.address() as AddressInfo).port;
  const nodeId =
    probe.sources.url === 'derived' || probe.sources.url === 'default'
      ? `http://${urlHost(probe.config.host)}:${port}`
      : probe.config.url;

  let context: NodeContext;
  try {
    // Under the data directory's lock: one process adds the storage key to an older keys file.
    const dataDir = probe.config.dataDir;
    if (await isInitialized(dataDir)) await ensureStorageKey(dataDir);
    context = await openNode(options, nodeId);
    const sealed = await context.deps.store.transact(
      async (tx) => (await tx.portal.sealSecrets()) + (await tx.staff.sealSecrets()),
    );
    if (sealed > 0) {
      context.deps.log.info({ sealed }, 'sealed the secrets an older version kept in the clear');
    }
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  handle = getRequestListener(createApp(context.deps).fetch);
  const keyReload = setInterval(() => {
    context.deps.keys
      .reloadIfChanged()
      .catch((err: unknown) => context.deps.log.error({ err }, 'could not reload keys'));
  }, options.keyReloadMs ?? KEY_RELOAD_INTERVAL_MS);
  keyReload.unref();
  // Another process rotated the key (PostgreSQL): loaded now, not at the next look.
  context.deps.store.onKeyRotation(() => {
    context.deps.keys
      .reloadIfChanged()
      .catch((err: unknown) => context.deps.log.error({ err }, 'could not reload keys'));
  });
  // On restored data, ask again for what can be asked again, before the outbox starts.
  await resyncAfterRestore(context.deps, context.config.dataDir).catch((err: unknown) =>
    context.deps.log.error({ err }, 'could not ask for the lists again after a restore'),
  );
  context.deps.outbox.start();
  context.deps.webhooks.start();
  context.deps.jobs.start();
  context.deps.log.info({ nodeId, port }, 'node listening');
  const loose = await permissionWarnings(context.config.dataDir, DATABASE_FILE);
  for (const text of loose) context.deps.log.warn({ category: 'data-dir' }, text);
  // The mail job's module is in the jobs' chunk, which the scheduler loads as it starts.
  const { portalMailWarning } = await import('./portal/mail-job.ts');
  const warnings = [...loose, await portalMailWarning(context.deps)].filter((w) => w !== null);
  await releaseStartUpMemory().catch((err: unknown) =>
    context.deps.log.warn({ err }, 'could not release the start-up memory'),
  );

  return {
    ...context,
    nodeId,
    port,
    warnings,
    async close() {
      clearInterval(keyReload);
      // Stop taking requests first, then let the worker and store finish.
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections?.();
      await closed;
      await context.close();
    },
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(host: string, port: number, onRequest: RequestListener): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(
      {
        // Bound how long a client may take: a slow sender cannot hold connections open for long.
        requestTimeout: 30_000,
        headersTimeout: 10_000,
        keepAliveTimeout: 5_000,
      },
      onRequest,
    );
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
