/**
 * Soak with chaos on PostgreSQL: two nodes, each served by two `partner-sync serve` processes on
 * one PostgreSQL database behind a round-robin load balancer of the test's own. Both nodes send
 * each other messages of mixed kinds, while one of the four processes is SIGKILLed every few
 * seconds and started again. At the end nothing is lost, nothing applied twice, every stream
 * arrived in creation order with the bytes that were signed, and both stores agree.
 *
 * Suite size: PG_SOAK_MESSAGES (default 400 queued straight into the outboxes, plus the profile
 * updates sent through the load balancer meanwhile), queued over PG_SOAK_GENERATE_MS (20 s): on
 * the shared 2-core machine at a load of about 30 the run took 2.6 minutes (585 messages, 9 kills,
 * restarts of 6 to 12 s, every message delivered within 8 s of the last one queued).
 * `npm run soak:postgres` queues 20,000 over five minutes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  killServeProcesses,
  startServeProcess,
  type ServeProcess,
} from '../support/serve-processes.ts';
import { connectPair } from '../support/federation.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, freePort, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { compareSnapshots } from './support/consistency.ts';
import { createPostgresSoakLoad } from './support/postgres-soak-load.ts';
import { postgresSnapshot } from './support/postgres-snapshot.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './support/round-robin-proxy.ts';
import postgres from 'postgres';

afterAll(async () => {
  killServeProcesses();
  await removeTestDirs();
});

const TARGET = Number(process.env.PG_SOAK_MESSAGES ?? 400);
/** Queued into each sender's outbox every CHUNK_EVERY_MS, spread over about GENERATE_MS. */
const GENERATE_MS = Number(process.env.PG_SOAK_GENERATE_MS ?? 20_000);
const CHUNK_EVERY_MS = 250;
const CHUNK = Math.max(1, Math.ceil(TARGET / 2 / (GENERATE_MS / CHUNK_EVERY_MS)));
const DRAIN_MS = Number(process.env.PG_SOAK_DRAIN_MS ?? 180_000);
const KILL_EVERY_MS: [number, number] = [2_000, 5_000];
const FIRST_KILL_MS: [number, number] = [300, 1_000];
const SETTINGS = {
  inboxRateLimit: 1_000_000,
  partnerMessageRateLimit: 1_000_000,
  // As in the SQLite soak: a killed process is back within seconds, so a stream whose head
  // failed a few times must not wait the default backoff meant for a partner gone for a weekend.
  // A killed receiver's connections close at once; a live one on a loaded machine may take
  // seconds over a batch of a hundred on PostgreSQL, and a batch cut off at 3 s was sent again
  // and again (a run at load 33 delivered one message in five seconds).
  outboundTimeoutMs: 15_000,
  retryMaxDelaySeconds: 4,
  retryAfterMaxSeconds: 2,
};

interface SoakNode {
  node: TestNode;
  databaseUrl: string;
  proxy: RoundRobinProxy;
  processes: ServeProcess[];
}

async function createSoakNode(name: string): Promise<SoakNode> {
  const proxy = await startRoundRobinProxy(await freePort(), []);
  const node = await createTestNode({
    name,
    postgres: true,
    publicPort: proxy.port,
    settings: SETTINGS,
  });
  // While connecting, the in-process node is the only backend.
  proxy.backends = [node.port];
  return { node, databaseUrl: node.databaseUrl!, proxy, processes: [] };
}

/** Starts a process again on its port; on a loaded machine a start may miss its deadline. */
async function restart(dataDir: string, port: number): Promise<ServeProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServeProcess(dataDir, port);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** The head of each stream that waits: its state, attempts, last error and when it is due. */
async function heads(databaseUrl: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<
      { status: string; attempts: number; error: string | null; due: number; owner: number }[]
    >`SELECT status, attempts::int, last_error_code AS error,
             (next_attempt_at - ${Date.now()})::int AS due, lease_owner::int AS owner
        FROM outbound_messages
       WHERE seq = (SELECT min(seq) FROM outbound_messages
                     WHERE status <> 'delivered' AND kind <> 'partner.connect')`;
    return rows
      .map((r) => `${r.status} ${r.attempts}× ${r.error ?? ''} due ${r.due} ms owner ${r.owner}`)
      .join('');
  } finally {
    await sql.end();
  }
}

async function undelivered(databaseUrl: string): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM outbound_messages
       WHERE status <> 'delivered' AND kind <> 'partner.connect'`;
    return row!.n;
  } finally {
    await sql.end();
  }
}

const between = ([lo, hi]: [number, number]) => lo + Math.floor(Math.random() * (hi - lo));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(hasTestPostgres())('faults › soak with chaos on PostgreSQL', () => {
  it(
    `${TARGET} messages both ways, two processes per node, one of four SIGKILLed every few seconds`,
    async () => {
      const started = performance.now();
      const soakers = [await createSoakNode('alpha'), await createSoakNode('bravo')];
      const [alpha, bravo] = soakers as [SoakNode, SoakNode];
      await connectPair(alpha.node, bravo.node);
      for (const s of soakers) {
        await s.node.stop();
        // One after another: cold starts at once on a busy machine take long.
        for (let i = 0; i < 2; i++) s.processes.push(await startServeProcess(s.node.dataDir));
        s.proxy.backends = s.processes.map((p) => p.port);
      }
      const loads = await Promise.all(
        soakers.map((s) =>
          createPostgresSoakLoad({ name: s.node.name, databaseUrl: s.databaseUrl }, [
            {
              name: (s === alpha ? bravo : alpha).node.name,
              url: (s === alpha ? bravo : alpha).node.url,
            },
          ]),
        ),
      );

      // Through the load balancer, the domains' own path: profile updates. A call cut short by
      // a kill may or may not have committed; the end check counts what the outboxes hold.
      let generated = 0;
      let viaApi = 0;
      let apiFailures = 0;
      const generating = Promise.all([
        (async () => {
          while (generated < TARGET) {
            for (const load of loads) generated += await load.enqueue(CHUNK);
            await sleep(CHUNK_EVERY_MS);
          }
        })(),
        ...soakers.map(async ({ node }) => {
          for (let i = 0; generated < TARGET; i++) {
            const res = await node
              .api('POST', '/profile', { name: `${node.name} ${i}` })
              .catch(() => null);
            if (res?.status === 202) viaApi++;
            else apiFailures++;
            await sleep(200);
          }
        }),
      ]);

      let kills = 0;
      let done = false;
      const victims: string[] = [];
      const killing = (async () => {
        while (!done) {
          await sleep(between(kills === 0 ? FIRST_KILL_MS : KILL_EVERY_MS));
          if (done) break;
          const s = soakers[Math.floor(Math.random() * soakers.length)]!;
          const i = Math.floor(Math.random() * s.processes.length);
          const victim = s.processes[i]!;
          await victim.kill();
          kills++;
          const down = performance.now();
          s.processes[i] = await restart(s.node.dataDir, victim.port);
          victims.push(`${s.node.name}#${i} (${((performance.now() - down) / 1000).toFixed(1)} s)`);
        }
      })();

      // What the run is doing, every few seconds: a slow or stuck run shows where it stands.
      const progress: string[] = [];
      const sampling = setInterval(() => {
        void Promise.all(
          soakers.map(
            async (s) => `${await undelivered(s.databaseUrl)} [${await heads(s.databaseUrl)}]`,
          ),
        ).then(
          (left) => {
            const line =
              `  t=${Math.round((performance.now() - started) / 1000)}s generated ${generated}, ` +
              `undelivered ${left.join(' / ')}, ${kills} kills`;
            progress.push(line);
            if (process.env.PG_SOAK_VERBOSE) console.info(line);
          },
          () => undefined,
        );
      }, 5_000);

      await generating;
      const generatedMs = performance.now() - started;
      const pending = async () =>
        (await undelivered(alpha.databaseUrl)) +
        (await undelivered(bravo.databaseUrl)) +
        (kills === 0 ? 1 : 0);
      const drain = (async () => {
        const end = Date.now() + DRAIN_MS;
        for (;;) {
          const left = await pending();
          if (left === 0) return;
          if (Date.now() > end) throw new Error(`${left} messages still undelivered`);
          await sleep(500);
        }
      })();
      const drainError = await Promise.race([drain, killing]).then(
        () => null,
        (error: unknown) => error,
      );
      done = true;
      clearInterval(sampling);
      await killing.catch(() => undefined);
      const drainedMs = performance.now() - started;
      for (const s of soakers) await Promise.all(s.processes.map((p) => p.stop()));
      await Promise.all(loads.map((l) => l.close()));

      const report = compareSnapshots(
        await Promise.all(
          soakers.map((s) =>
            postgresSnapshot({ name: s.node.name, url: s.node.url, databaseUrl: s.databaseUrl }),
          ),
        ),
      );
      const sent = report.streams.reduce((n, r) => n + r.sent, 0);
      const delivered = report.streams.reduce((n, r) => n + r.delivered, 0);
      const duplicates = report.streams.reduce((n, r) => n + r.duplicates, 0);
      console.info(
        [
          `postgres soak: ${sent} messages sent, ${delivered} delivered, ${sent - delivered} lost, ` +
            `${duplicates} answered duplicate; ${kills} SIGKILLs (${victims.join(' ')}); ` +
            `${viaApi} profile updates through the load balancer (${apiFailures} calls cut short)`,
          `  generated in ${(generatedMs / 1000).toFixed(1)} s, all delivered at ` +
            `${(drainedMs / 1000).toFixed(1)} s (${Math.round(sent / (drainedMs / 1000))} messages/s)`,
          ...soakers.map(
            (s) =>
              `  ${s.node.name} connections per process: ` +
              [...s.proxy.handed.values()].join(', '),
          ),
          ...report.streams.map(
            (r) =>
              `  ${r.from} → ${r.to}: ${r.sent} sent, ${r.delivered} delivered, ${r.duplicates} duplicate`,
          ),
          '  progress:',
          ...progress,
          ...report.problems.map((p) => `  PROBLEM ${p}`),
        ].join('\n'),
      );
      if (drainError) throw drainError;
      expect(report.problems).toEqual([]);
      expect(sent).toBeGreaterThanOrEqual(TARGET);
      expect(delivered).toBe(sent);
      expect(kills).toBeGreaterThan(0);
      // Both processes of each node took traffic from the load balancer.
      for (const s of soakers) {
        for (const p of s.processes) expect(s.proxy.handed.get(p.port) ?? 0).toBeGreaterThan(0);
      }
      await Promise.all(soakers.map((s) => s.proxy.close()));
    },
    DRAIN_MS + 600_000,
  );
});
