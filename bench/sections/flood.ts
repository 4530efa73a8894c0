/**
 * A flood of requests with bad signatures naming a valid key, against a node running as
 * production runs it (`partner-sync serve`, its own process): how long a legitimate partner's
 * messages take meanwhile, against the same messages with no flood (the reliability goal: the
 * flood must not push their p99 past 100 ms). The flood comes from a process of its own
 * (bench/child/flood-client.ts), 16 requests in flight; the partner is a node in this process
 * that signs real `partner.update` messages and posts them to the target's inbox one at a time.
 * Every forged request must be refused as `bad_signature`, every legitimate message accepted,
 * and only the legitimate ones stored.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { buildMessage, newMessageId, signMessage } from '../../protocol/index.ts';
import { connectToNode } from '../../node/connect/connect-to-node.ts';
import { DATABASE_FILE, initNode } from '../../node/init-node.ts';
import { silentLogger } from '../../node/logger.ts';
import { startNode, type RunningNode } from '../../node/main.ts';
import { BENCH_KIND, benchBody } from '../lib/body.ts';
import type { Section } from '../lib/context.ts';
import { startChild, type Child } from '../lib/ipc.ts';
import { freePortOnLoopback } from '../lib/ports.ts';
import { failed, row, type Row } from '../lib/report.ts';
import { processCpuMicros } from '../lib/process-cpu.ts';
import { percentile } from '../lib/stats.ts';
import { VERIFY_CEILING } from './ceilings.ts';

const BIN = fileURLToPath(new URL('../../bin/partner-sync.js', import.meta.url));

/** Forged requests in flight at once. */
const CONCURRENCY = 16;
/** Pause between two legitimate messages: a partner's steady trickle, not a second flood. */
const GAP_MS = 10;
/** Legitimate messages sent before the idle measure (first requests, cold code paths). */
const WARMUP = 5;

interface Target {
  url: string;
  pid: number | undefined;
  dataDir: string;
  adminToken: string;
  stop(): Promise<void>;
}

interface FloodResult {
  codes: Record<string, number>;
  ms: number;
}

export const flood: Section = {
  name: 'flood',
  async run(ctx) {
    const total = ctx.sizes.floodRequests;
    if (total === 0) return [];
    const group = 'overload (bad-signature flood)';
    const p99Label = 'legitimate message round trip during the flood, p99';
    const rows: Row[] = [];
    const dir = join(ctx.workDir, 'flood');
    let target: Target | undefined;
    let partner: RunningNode | undefined;
    let flooder: Child | undefined;
    try {
      ctx.log('flood: starting the target node (serve) and its partner');
      target = await startTarget(join(dir, 'target'));
      partner = await startPartner(join(dir, 'partner'));
      flooder = await startChild('flood-client.ts');
      const { token } = await invite(target, 'partner');
      const onPartner = await connectToNode(partner.deps, { url: target.url, token });
      const from = partner.nodeId;
      const signing = partner.deps.keys.signing();
      const storedBefore = inboundCount(target.dataDir);
      let sent = 0;

      /** Signs one legitimate message, posts it alone and returns its round trip in ms. */
      const roundTrip = async (): Promise<number> => {
        const jws = await signMessage(
          buildMessage({
            id: newMessageId(),
            kind: BENCH_KIND,
            from,
            to: onPartner.nodeId,
            sentAt: new Date(),
            body: benchBody(sent),
          }),
          signing,
        );
        const t0 = performance.now();
        const res = await request(onPartner.inboxUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [jws] }),
        });
        const text = await res.body.text();
        const ms = performance.now() - t0;
        sent++;
        const status =
          res.statusCode === 200
            ? (JSON.parse(text) as { results?: Array<{ status?: string }> }).results?.[0]?.status
            : undefined;
        if (status !== 'accepted') {
          throw new Error(`a legitimate message was answered ${res.statusCode}: ${text}`);
        }
        return ms;
      };

      for (let i = 0; i < WARMUP; i++) await roundTrip();
      const idleCount = Math.max(20, Math.round(total / 50));
      ctx.log(`flood: ${idleCount} legitimate messages with no flood`);
      const idle: number[] = [];
      while (idle.length < idleCount) {
        idle.push(await roundTrip());
        await sleep(GAP_MS);
      }

      ctx.log(`flood: ${total} forged requests, ${CONCURRENCY} in flight`);
      const cpuBefore = processCpuMicros(target.pid);
      const flooding = flooder.call<FloodResult>('flood', {
        url: target.url,
        from,
        to: onPartner.nodeId,
        kid: signing.kid,
        total,
        concurrency: CONCURRENCY,
      });
      let done = false;
      void flooding.then(
        () => (done = true),
        () => (done = true),
      );
      const during: number[] = [];
      while (!done) {
        during.push(await roundTrip());
        if (!done) await sleep(GAP_MS);
      }
      const result = await flooding;
      const cpuAfter = processCpuMicros(target.pid);
      const stored = inboundCount(target.dataDir) - storedBefore;

      const idleP99 = percentile(idle, 99);
      const p99 = percentile(during, 99);
      const rate = total / (result.ms / 1000);
      const verifyCeiling = ctx.rows.find((r) => r.id === 'ceiling.verify')?.value ?? null;
      const refused = result.codes.bad_signature ?? 0;
      const verifyCpu = ctx.rows.find((r) => r.id === 'ceiling.verify.cpu')?.value ?? null;
      const cpuEach =
        cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / total : null;
      const codes = Object.entries(result.codes)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ');
      rows.push(
        row({
          id: 'flood.idle.p99',
          group,
          label: 'legitimate message round trip, no flood, p99',
          value: idleP99,
          unit: 'ms',
          note: `${idle.length} messages one at a time, ${GAP_MS} ms apart, each signed by the partner and posted alone; p50 ${percentile(idle, 50).toFixed(1)} ms`,
        }),
        row({
          id: 'flood.p50',
          group,
          label: 'legitimate message round trip during the flood, p50',
          value: percentile(during, 50),
          unit: 'ms',
          note: `${during.length} messages while the flood ran, sent as with no flood`,
        }),
        row({
          id: 'flood.p99',
          group,
          label: p99Label,
          value: p99,
          unit: 'ms',
          target: { text: '< 100 ms', met: p99 < 100 },
          note: `p99 during the flood is ${(p99 / idleP99).toFixed(1)}× the idle p99; max ${Math.max(...during).toFixed(1)} ms`,
        }),
        row({
          id: 'flood.rate',
          group,
          label: `forged requests answered (${CONCURRENCY} in flight, own process)`,
          value: rate,
          unit: 'req/s',
          status: refused === total ? 'ok' : 'failed',
          ...(verifyCeiling ? { ratio: { of: VERIFY_CEILING, value: rate / verifyCeiling } } : {}),
          target: {
            text: `≥ 0.6 × ${VERIFY_CEILING}`,
            met: verifyCeiling ? rate >= 0.6 * verifyCeiling : null,
          },
          note:
            refused === total
              ? `${total} requests in ${Math.round(result.ms)} ms, every one refused as bad_signature`
              : `expected ${total} bad_signature answers, got: ${codes}`,
        }),
        row({
          id: 'flood.cpu',
          group,
          label: 'target CPU per forged request, all threads (verifications included)',
          value: cpuEach,
          unit: 'µs',
          status: cpuEach === null ? 'failed' : 'ok',
          note:
            cpuEach === null
              ? 'the CPU time of the target process could not be read (/proc)'
              : `${verifyCpu ? `${(cpuEach / verifyCpu).toFixed(1)} × the CPU of one verification; ` : ''}the target's CPU time over the flood ÷ forged requests, the ${during.length} legitimate messages it answered meanwhile included`,
        }),
        row({
          id: 'flood.stored',
          group,
          label: 'messages stored by the target: the legitimate ones, no forged one',
          value: stored,
          unit: 'messages',
          status: stored === sent ? 'ok' : 'failed',
          note:
            stored === sent
              ? undefined
              : `stored ${stored}; ${sent} legitimate messages accepted, ${total} forged sent`,
        }),
      );
    } catch (error) {
      ctx.log(`flood failed: ${error instanceof Error ? error.stack : String(error)}`);
      rows.push(failed('flood.p99', group, p99Label, 'ms', error, '< 100 ms'));
    } finally {
      await Promise.all([flooder?.stop(), target?.stop(), partner?.close()]);
      await rm(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Initialises a data directory and runs `partner-sync serve` on it until `/readyz` answers 200. */
async function startTarget(dataDir: string): Promise<Target> {
  const port = await freePortOnLoopback();
  const url = `http://127.0.0.1:${port}`;
  // The flood comes from one address here; the node under test is the worst case, an attacker
  // with many addresses, which no per-address limit stops.
  const { adminToken } = await initNode(
    dataDir,
    {
      name: 'target',
      port,
      url,
      inboxRateLimit: 1_000_000,
      partnerMessageRateLimit: 1_000_000,
      allowLoopback: true,
      logLevel: 'warn',
    },
    new Date(),
  );
  // The node is configured by its data directory alone, whatever PARTNER_SYNC_* the shell has.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('PARTNER_SYNC_')),
  );
  const proc = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      BIN,
      'serve',
      '--data',
      dataDir,
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  proc.stderr.on('data', (c: Buffer) => {
    err = (err + c.toString()).slice(-4000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(c);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = () => stopProcess(proc, exited);
  try {
    await waitReady(url, proc, () => err);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: proc.pid, dataDir, adminToken, stop };
}

async function waitReady(url: string, proc: ChildProcess, err: () => string): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`serve exited ${proc.exitCode}: ${err()}`);
    try {
      // A request that reaches the socket before the app is attached is never answered, so a
      // probe that hangs is abandoned and the next one sent.
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(200) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error(`serve not ready within 30 s: ${err()}`);
}

/** SIGTERM, then SIGKILL if the process has not exited within the grace time. */
async function stopProcess(proc: ChildProcess, exited: Promise<void>, graceMs = 10_000) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function startPartner(dataDir: string): Promise<RunningNode> {
  const port = await freePortOnLoopback();
  const url = `http://127.0.0.1:${port}`;
  await initNode(dataDir, { name: 'partner', port, url, allowLoopback: true }, new Date());
  return startNode({ dataDir, env: {}, log: silentLogger() });
}

/** An invitation from the target's admin API, as an operator creates one. */
async function invite(target: Target, name: string): Promise<{ token: string }> {
  const res = await fetch(`${target.url}/api/invitations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${target.adminToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name, partnerType: 'reseller', relationship: 'strategic' }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`invitation failed: ${res.status} ${text}`);
  return JSON.parse(text) as { token: string };
}

/** Messages the node has stored, read from its database file on a connection of our own. */
function inboundCount(dataDir: string): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM inbound_messages').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
