/**
 * Two-node delivery throughput on PostgreSQL, with one process per node and with two processes
 * per node, beside SQLite, in one run. With two, each node is two `serve` processes on its own
 * database, and the receiving node is reached through one address, a round-robin load balancer
 * (../lib/round-robin-proxy.ts), as the deployment sketch in docs/operator.md runs it. Each
 * setup: the sender queues N messages while the partner is suspended, then resumes it; timed from
 * the resume to the last row marked delivered, read from the sender's database by the bench
 * itself (so that it sees every sender process's work). Then the stores are checked: every
 * message delivered, accepted and receipted, and stored once by the receiver.
 * Needs PostgreSQL's server binaries (a throwaway cluster, as the tests use); skipped without,
 * and at tiny sizes.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import postgres from 'postgres';
import { DATABASE_FILE, initNode } from '../../node/init-node.ts';
import { postgresBinDir, startTestCluster } from '../../test/support/postgres-cluster.ts';
import type { Section } from '../lib/context.ts';
import { startChild, type Child } from '../lib/ipc.ts';
import { freePortOnLoopback } from '../lib/ports.ts';
import { row, type Row } from '../lib/report.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from '../lib/round-robin-proxy.ts';
import { BENCH_KIND } from '../lib/body.ts';

const GROUP = 'PostgreSQL (2 nodes, 127.0.0.1; delivery from resume to last receipt)';
const SQLITE_LABEL = 'SQLite, 1 process per node';
/**
 * A second process per node should not cost throughput: the write lock serialises writing units
 * across a node's processes, and every round trip a unit makes under it shows here first (before
 * the store pipelined its writes: 0.39 × and 0.67 × in two runs; after: 0.92 × and 0.67 ×, so on a
 * busy 2-core machine it is not always met).
 */
const TWO_PER_NODE_TARGET = '≥ 0.8 × PostgreSQL, 1 process per node';

interface Setup {
  id: string;
  label: string;
  /** `serve` processes of each node; more than one needs PostgreSQL. */
  processes: number;
  postgres: boolean;
}

const SETUPS: Setup[] = [
  { id: 'sqlite', label: SQLITE_LABEL, processes: 1, postgres: false },
  { id: 'pg1', label: 'PostgreSQL, 1 process per node', processes: 1, postgres: true },
  {
    id: 'pg2x2',
    label: 'PostgreSQL, 2 processes per node (receiver behind a load balancer)',
    processes: 2,
    postgres: true,
  },
];

/**
 * Where PostgreSQL costs more than SQLite, as measured (statements counted with postgres.js's
 * debug hook, node CPU profiled with --cpu-prof; see docs/operator.md).
 */
const NOTES: Record<string, string> = {
  pg1: 'every statement is a message to the database server, not a call into a file: per message the receiver makes 6 (waits for 3: duplicate check, effect, event; the rest pipelined) and the sender 3 (waits for 1), each one built and decoded by the node, under the node-wide write lock',
  pg2x2:
    'writing units run one at a time across both processes of a node (one advisory lock), so a second process adds HTTP, signing and verification capacity, not write throughput; on a 2-core machine the extra processes and the balancer also share the same cores',
};

interface BenchNode {
  dataDir: string;
  /** The node's one public URL: its process's, or the load balancer's in front of its processes. */
  url: string;
  databaseUrl: string | undefined;
  children: Child[];
  proxy: RoundRobinProxy | null;
}

export const postgresSection: Section = {
  name: 'postgres',
  async run(ctx) {
    // Six node processes and a cluster: more than the smoke run's budget (--tiny), and a few
    // hundred messages would measure start-up more than delivery.
    if (ctx.sizes.throughputMessages < 1000) {
      ctx.log('postgres: skipped at tiny sizes');
      return [];
    }
    if (!postgresBinDir()) {
      ctx.log('postgres: skipped, no PostgreSQL server binaries under /usr/lib/postgresql');
      return [];
    }
    const cluster = await startTestCluster();
    const admin = postgres(cluster.adminUrl, { max: 1, onnotice: () => {} });
    const rows: Row[] = [];
    const count = ctx.sizes.throughputMessages;
    let sqliteRate: number | null = null;
    let onePerNodeRate: number | null = null;
    let checked = true;
    const problems: string[] = [];
    try {
      // BENCH_POSTGRES_SETUPS=pg1,pg2x2 runs only those, for working on one of them.
      const only = process.env.BENCH_POSTGRES_SETUPS?.split(',');
      for (const setup of SETUPS.filter((s) => !only || only.includes(s.id))) {
        ctx.log(`postgres: ${setup.label}, ${count} messages`);
        const database = async (name: string) => {
          const db = `bench_${setup.id}_${name}`;
          await admin.unsafe(`CREATE DATABASE ${db}`);
          const url = new URL(cluster.adminUrl);
          url.pathname = `/${db}`;
          return url.toString();
        };
        const node = async (name: string): Promise<BenchNode> => {
          const dataDir = join(ctx.workDir, `pg-${setup.id}-${name}`);
          const ports = await distinctFreePorts(setup.processes + (setup.processes > 1 ? 1 : 0));
          // With several processes the first port is the load balancer's: the node's public URL.
          const publicPort = ports[0]!;
          const processPorts = setup.processes > 1 ? ports.slice(1) : ports;
          const databaseUrl = setup.postgres ? await database(name) : undefined;
          await initNode(
            dataDir,
            {
              name,
              port: processPorts[0]!,
              url: `http://127.0.0.1:${publicPort}`,
              inboxRateLimit: 1_000_000,
              partnerMessageRateLimit: 1_000_000,
              logLevel: 'warn',
              ...(databaseUrl ? { databaseUrl } : {}),
            },
            new Date(),
          );
          // Every process starts before the partners connect: the connection's own requests go
          // through the load balancer to either of them, as any request to the node does.
          const children: Child[] = [];
          for (const [i, port] of processPorts.entries()) {
            const args = i === 0 ? { dataDir } : { dataDir, port };
            children.push(await startChild('node-child.ts', [JSON.stringify(args)]));
          }
          const proxy =
            setup.processes > 1 ? await startRoundRobinProxy(publicPort, processPorts) : null;
          return {
            dataDir,
            url: `http://127.0.0.1:${publicPort}`,
            databaseUrl,
            children,
            proxy,
          };
        };
        const receiver = await node('receiver');
        const sender = await node('sender');
        const nodes = [receiver, sender];
        try {
          const { token } = await receiver.children[0]!.call<{ token: string }>('invite', {
            name: 'sender',
          });
          await sender.children[0]!.call('connect', { url: receiver.url, token });
          await sender.children[0]!.call('enqueueOnly', {
            to: receiver.url,
            count,
            chunk: ctx.sizes.enqueueChunk,
            concurrent: 1,
          });
          // enqueueOnly resumes the partner as it returns: the clock starts now.
          const t0 = performance.now();
          const cpu0 = await cpuOf(nodes);
          await untilDelivered(sender, count, 600_000);
          const rate = count / ((performance.now() - t0) / 1000);
          const cpuMicros = (await cpuOf(nodes)) - cpu0;
          if (setup.id === 'sqlite') sqliteRate = rate;
          if (setup.id === 'pg1') onePerNodeRate = rate;
          const check = await checkStores(sender, receiver, count);
          if (check) {
            checked = false;
            problems.push(`${setup.id}: ${check}`);
          }
          if (receiver.proxy) {
            ctx.log(`postgres: requests per receiver process ${receiver.proxy.counts.join(' / ')}`);
          }
          rows.push(
            row({
              id: `postgres.${setup.id}`,
              group: GROUP,
              label: setup.label,
              value: rate,
              unit: 'msg/s',
              ...(sqliteRate !== null && setup.id !== 'sqlite'
                ? { ratio: { of: SQLITE_LABEL, value: rate / sqliteRate } }
                : {}),
              ...(setup.id === 'pg2x2'
                ? {
                    target: {
                      text: TWO_PER_NODE_TARGET,
                      met: onePerNodeRate === null ? null : rate >= 0.8 * onePerNodeRate,
                    },
                  }
                : {}),
              ...(NOTES[setup.id] ? { note: NOTES[setup.id] } : {}),
            }),
            // Steadier than the rate on a busy machine: what the node processes spent (the
            // database server's own CPU is not in it).
            row({
              id: `postgres.${setup.id}.cpu`,
              group: GROUP,
              label: `${setup.label}: node CPU per message (all processes of both nodes)`,
              value: cpuMicros / count,
              unit: 'µs',
            }),
          );
        } finally {
          await Promise.all(nodes.flatMap((n) => n.children.map((c) => c.stop())));
          await Promise.all(nodes.map((n) => n.proxy?.close()));
        }
      }
    } finally {
      await admin.end();
      await cluster.stop();
    }
    rows.push(
      row({
        id: 'postgres.check',
        group: GROUP,
        label: 'all sent messages delivered, accepted, receipted, stored once (every setup)',
        value: checked ? 1 : 0,
        unit: '',
        status: checked ? 'ok' : 'failed',
        ...(checked ? {} : { note: problems.join('; ').slice(0, 300) }),
      }),
    );
    return rows;
  },
};

/** CPU time (µs, all threads) every process of these nodes has used so far. */
async function cpuOf(nodes: BenchNode[]): Promise<number> {
  let total = 0;
  for (const n of nodes) {
    for (const c of n.children) total += (await c.call<{ cpuMicros: number }>('usage')).cpuMicros;
  }
  return total;
}

/** `n` distinct ports free on 127.0.0.1 (one asked after another may repeat a released one). */
async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePortOnLoopback());
  return [...ports];
}

async function untilDelivered(
  sender: { dataDir: string; databaseUrl: string | undefined },
  count: number,
  timeoutMs: number,
): Promise<void> {
  const query = "SELECT count(*) AS n FROM outbound_messages WHERE status = 'delivered'";
  const deadline = Date.now() + timeoutMs;
  await withDatabase(sender, async (ask) => {
    for (;;) {
      const n = await ask(query);
      if (n >= count) return;
      if (Date.now() > deadline)
        throw new Error(`${n} of ${count} delivered after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
}

/**
 * Every message delivered with an accepted receipt on the sender, and each stored once by the
 * receiver (its inbox is unique on sender and id: one row each). Returns what is wrong, or null.
 */
async function checkStores(
  sender: BenchNode,
  receiver: BenchNode,
  count: number,
): Promise<string | null> {
  const delivered = await withDatabase(sender, (ask) =>
    ask(
      `SELECT count(*) AS n FROM outbound_messages WHERE status = 'delivered' AND result_status = 'accepted' AND receipt IS NOT NULL AND kind = '${BENCH_KIND}'`,
    ),
  );
  const stored = await withDatabase(receiver, (ask) =>
    ask(
      `SELECT count(DISTINCT message_id) AS n FROM inbound_messages WHERE kind = '${BENCH_KIND}'`,
    ),
  );
  const rows = await withDatabase(receiver, (ask) =>
    ask(`SELECT count(*) AS n FROM inbound_messages WHERE kind = '${BENCH_KIND}'`),
  );
  return delivered === count && stored === count && rows === count
    ? null
    : `sender delivered and accepted ${delivered} of ${count}; receiver stored ${stored} distinct of ${count} in ${rows} rows`;
}

/** Runs `fn` with a counter on the node's database, PostgreSQL or its SQLite file. */
async function withDatabase<T>(
  node: { dataDir: string; databaseUrl: string | undefined },
  fn: (ask: (query: string) => Promise<number>) => Promise<T>,
): Promise<T> {
  if (node.databaseUrl) {
    const pg = postgres(node.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      return await fn(async (query) => Number((await pg.unsafe(query))[0]!.n));
    } finally {
      await pg.end();
    }
  }
  const file = new Database(join(node.dataDir, DATABASE_FILE), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return await fn(async (query) => (file.prepare(query).get() as { n: number }).n);
  } finally {
    file.close();
  }
}
