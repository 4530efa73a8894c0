/**
 * Two-node delivery throughput on PostgreSQL (one process, then two processes for the sender)
 * beside SQLite, in one run. Each setup: the sender queues N messages while the partner is
 * suspended, then resumes it; timed from the resume to the last row marked delivered, read from
 * the sender's database by the bench itself (so that it sees every sender process's work).
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

const GROUP = 'PostgreSQL (2 nodes, 127.0.0.1; delivery from resume to last receipt)';

interface Setup {
  id: string;
  label: string;
  senderProcesses: number;
  postgres: boolean;
}

const SETUPS: Setup[] = [
  { id: 'sqlite', label: 'SQLite, 1 process per node', senderProcesses: 1, postgres: false },
  { id: 'pg1', label: 'PostgreSQL, 1 process per node', senderProcesses: 1, postgres: true },
  {
    id: 'pg2',
    label: 'PostgreSQL, 2 sender processes, 1 receiver',
    senderProcesses: 2,
    postgres: true,
  },
];

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
    try {
      for (const setup of SETUPS) {
        ctx.log(`postgres: ${setup.label}, ${count} messages`);
        const database = async (name: string) => {
          const db = `bench_${setup.id}_${name}`;
          await admin.unsafe(`CREATE DATABASE ${db}`);
          const url = new URL(cluster.adminUrl);
          url.pathname = `/${db}`;
          return url.toString();
        };
        const node = async (name: string) => {
          const dataDir = join(ctx.workDir, `pg-${setup.id}-${name}`);
          const port = await freePortOnLoopback();
          const databaseUrl = setup.postgres ? await database(name) : undefined;
          await initNode(
            dataDir,
            {
              name,
              port,
              url: `http://127.0.0.1:${port}`,
              inboxRateLimit: 1_000_000,
              partnerMessageRateLimit: 1_000_000,
              logLevel: 'warn',
              ...(databaseUrl ? { databaseUrl } : {}),
            },
            new Date(),
          );
          const child = await startChild('node-child.ts', [JSON.stringify({ dataDir })]);
          return { dataDir, url: `http://127.0.0.1:${port}`, databaseUrl, children: [child] };
        };
        const receiver = await node('receiver');
        const sender = await node('sender');
        const all: Child[] = [...receiver.children, ...sender.children];
        try {
          const { token } = await receiver.children[0]!.call<{ token: string }>('invite', {
            name: 'sender',
          });
          await sender.children[0]!.call('connect', { url: receiver.url, token });
          for (let i = 1; i < setup.senderProcesses; i++) {
            const port = await freePortOnLoopback();
            const child = await startChild('node-child.ts', [
              JSON.stringify({ dataDir: sender.dataDir, port }),
            ]);
            all.push(child);
          }
          await sender.children[0]!.call('enqueueOnly', {
            to: receiver.url,
            count,
            chunk: ctx.sizes.enqueueChunk,
            concurrent: 1,
          });
          // enqueueOnly resumes the partner as it returns: the clock starts now.
          const t0 = performance.now();
          await untilDelivered(sender, count, 300_000);
          const rate = count / ((performance.now() - t0) / 1000);
          rows.push(
            row({
              id: `postgres.${setup.id}`,
              group: GROUP,
              label: setup.label,
              value: rate,
              unit: 'msg/s',
              ...(setup.id === 'pg2'
                ? {
                    note: 'writing units run one at a time across processes (one advisory lock); a second process adds HTTP, signing and delivery capacity, not write throughput',
                  }
                : {}),
            }),
          );
        } finally {
          await Promise.all(all.map((c) => c.stop()));
        }
      }
    } finally {
      await admin.end();
      await cluster.stop();
    }
    return rows;
  },
};

async function untilDelivered(
  sender: { dataDir: string; databaseUrl: string | undefined },
  count: number,
  timeoutMs: number,
): Promise<void> {
  const query = "SELECT count(*) AS n FROM outbound_messages WHERE status = 'delivered'";
  const pg = sender.databaseUrl ? postgres(sender.databaseUrl, { max: 1 }) : null;
  const file = pg
    ? null
    : new Database(join(sender.dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const n = pg
        ? Number((await pg.unsafe(query))[0]!.n)
        : (file!.prepare(query).get() as { n: number }).n;
      if (n >= count) return;
      if (Date.now() > deadline)
        throw new Error(`${n} of ${count} delivered after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    file?.close();
    await pg?.end();
  }
}
