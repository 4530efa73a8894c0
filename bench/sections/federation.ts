/**
 * Two nodes as separate processes on 127.0.0.1, connected by invitation as operators connect
 * them: throughput, latency at a steady rate, the receiver's inbox alone, the enqueue path alone,
 * and each node's peak memory.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { freePortOnLoopback } from '../lib/ports.ts';
import type { BenchContext, Section } from '../lib/context.ts';
import { startChild, type Child } from '../lib/ipc.ts';
import { failed, row, type Row } from '../lib/report.ts';
import { percentile } from '../lib/stats.ts';
import { initNode } from '../../node/init-node.ts';
import { DATABASE_FILE } from '../../node/init-node.ts';
import { VERIFY_CEILING } from './ceilings.ts';

const MB = 1024 * 1024;
/** What the throughput is compared to: 2 cores doing nothing but each message's crypto. */
const CRYPTO_LIMIT = 'crypto-only 2-core limit';
/** What a message's CPU is compared to: its 2 verifications and 2 signatures. */
const CRYPTO_COST = 'its crypto';

export interface NodeProc {
  child: Child;
  dataDir: string;
  url: string;
}

export async function startBenchNode(
  ctx: BenchContext,
  name: string,
  childOptions: { domainEvents?: boolean } = {},
): Promise<NodeProc> {
  const dataDir = join(ctx.workDir, name);
  const port = await freePortOnLoopback();
  const url = `http://127.0.0.1:${port}`;
  // A partner that sends thousands of messages a second is a known, high-volume partner: its
  // operator raises the per-address request limit (default 1200 a minute) for it.
  await initNode(
    dataDir,
    {
      name,
      port,
      url,
      inboxRateLimit: 1_000_000,
      partnerMessageRateLimit: 1_000_000,
      logLevel: 'warn',
    },
    new Date(),
  );
  const child = await startChild('node-child.ts', [JSON.stringify({ dataDir, ...childOptions })]);
  return { child, dataDir, url };
}

export const federation: Section = {
  name: 'federation',
  async run(ctx) {
    const rows: Row[] = [];
    const { sizes } = ctx;
    const verifyCeiling = ctx.rows.find((r) => r.id === 'ceiling.verify')?.value ?? null;
    const ratio = (v: number) =>
      verifyCeiling ? { ratio: { of: VERIFY_CEILING, value: v / verifyCeiling } } : {};

    ctx.log('federation: starting two nodes');
    const [receiver, sender] = await Promise.all([
      startBenchNode(ctx, 'receiver'),
      startBenchNode(ctx, 'sender'),
    ]);
    const expected = { delivered: 0, inbound: 0, pending: 0 };
    try {
      const { token } = await receiver.child.call<{ token: string }>('invite', { name: 'sender' });
      await sender.child.call('connect', { url: receiver.url, token });
      // Idle: started, connected, nothing sent yet.
      const idle = {
        sender: await sender.child.call<{ rssBytes: number }>('usage'),
        receiver: await receiver.child.call<{ rssBytes: number }>('usage'),
      };

      // Throughput: enqueue N, then wait for the last receipt to be stored on the sender.
      ctx.log(`federation: throughput, ${sizes.throughputMessages} messages`);
      const cpuBefore = await cpuOf(sender, receiver);
      const t = await sender.child.call<{ enqueuedMs: number; totalMs: number; cpuMs: number }>(
        'throughput',
        {
          to: receiver.url,
          count: sizes.throughputMessages,
          chunk: sizes.enqueueChunk,
          timeoutMs: 300_000,
        },
      );
      const cpuAfter = await cpuOf(sender, receiver);
      expected.delivered += sizes.throughputMessages;
      expected.inbound += sizes.throughputMessages;
      const rate = sizes.throughputMessages / (t.totalMs / 1000);
      const cpuPerMessage = (cpuAfter - cpuBefore) / sizes.throughputMessages;
      const ceiling = (id: string) => ctx.rows.find((r) => r.id === id)?.value ?? null;
      const signCeiling = ceiling('ceiling.sign');
      const verifyCpu = ceiling('ceiling.verify.cpu');
      const signCpu = ceiling('ceiling.sign.cpu');
      // What each delivered message must cost at least: 2 verifications (message, receipt) and 2
      // signatures (message, receipt), in CPU time as the nodes' CPU is measured. At the ceiling
      // rates (wall time, as the throughput), on 2 cores, they give the crypto-only limit.
      const cryptoFloor = verifyCpu && signCpu ? 2 * verifyCpu + 2 * signCpu : null;
      const cryptoLimit =
        verifyCeiling && signCeiling ? 2e6 / (2e6 / verifyCeiling + 2e6 / signCeiling) : null;
      rows.push(
        row({
          id: 'throughput.rate',
          group: 'throughput (2 nodes, 2 processes, 127.0.0.1)',
          label: `${sizes.throughputMessages} messages, first enqueue to last receipt stored`,
          value: rate,
          unit: 'msg/s',
          ...(cryptoLimit ? { ratio: { of: CRYPTO_LIMIT, value: rate / cryptoLimit } } : {}),
          target: {
            text: `≥ 0.65 × ${CRYPTO_LIMIT}`,
            met: cryptoLimit ? rate >= 0.65 * cryptoLimit : null,
          },
          note: cryptoLimit
            ? `${CRYPTO_LIMIT}: ${Math.round(cryptoLimit)} msg/s (2 cores ÷ 2 verifications and 2 signatures at the ceiling rates); ${verifyCeiling ? (rate / verifyCeiling).toFixed(2) : '?'} × ${VERIFY_CEILING}`
            : undefined,
        }),
        row({
          id: 'throughput.cpu',
          group: 'throughput (2 nodes, 2 processes, 127.0.0.1)',
          label: 'CPU per message, both nodes, all threads',
          value: cpuPerMessage,
          unit: 'µs',
          ...(cryptoFloor
            ? { ratio: { of: CRYPTO_COST, value: cpuPerMessage / cryptoFloor } }
            : {}),
          target: {
            text: `≤ 1.5 × ${CRYPTO_COST}`,
            met: cryptoFloor ? cpuPerMessage <= 1.5 * cryptoFloor : null,
          },
          note:
            `a 2-core limit of ${Math.round(2e6 / cpuPerMessage)} msg/s` +
            (cryptoFloor
              ? `; the 2 verifications and 2 signatures each message needs take ${Math.round(cryptoFloor)} µs of CPU (${Math.round((100 * cryptoFloor) / cpuPerMessage)}% of it)`
              : ''),
        }),
        row({
          id: 'throughput.enqueue',
          group: 'throughput (2 nodes, 2 processes, 127.0.0.1)',
          label: `enqueue during the run (${sizes.enqueueChunk} per transaction, worker running)`,
          value: sizes.throughputMessages / (t.enqueuedMs / 1000),
          unit: 'msg/s',
        }),
      );
      const usage = {
        sender: await sender.child.call<{ maxRssKb: number }>('usage'),
        receiver: await receiver.child.call<{ maxRssKb: number }>('usage'),
      };

      // Latency at a steady rate, one message per transaction.
      if (sizes.latencyMs > 0)
        ctx.log(`federation: latency at ${sizes.latencyRate} msg/s for ${sizes.latencyMs} ms`);
      if (sizes.latencyMs > 0)
        try {
          const l = await sender.child.call<{ latenciesMs: number[]; sentRate: number }>('steady', {
            to: receiver.url,
            rate: sizes.latencyRate,
            durationMs: sizes.latencyMs,
            timeoutMs: 120_000,
          });
          expected.delivered += l.latenciesMs.length;
          expected.inbound += l.latenciesMs.length;
          const group = `latency (enqueue → receipt stored, ${sizes.latencyRate} msg/s steady)`;
          const p99 = percentile(l.latenciesMs, 99);
          rows.push(
            row({
              id: 'latency.p50',
              group,
              label: 'p50',
              value: percentile(l.latenciesMs, 50),
              unit: 'ms',
              note: `${l.latenciesMs.length} messages, sent at ${l.sentRate.toFixed(0)} msg/s`,
            }),
            row({
              id: 'latency.p99',
              group,
              label: 'p99',
              value: p99,
              unit: 'ms',
              target: { text: '< 10 ms', met: p99 < 10 },
            }),
          );
        } catch (error) {
          rows.push(failed('latency.p99', 'latency', 'p99', 'ms', error, '< 10 ms'));
        }

      // The receiver alone: messages signed beforehand, as the prototype was measured.
      for (const [perRequest, inFlight] of [
        [100, 1],
        [1, 16],
      ] as const) {
        if (sizes.inboxOnlyMessages === 0) break;
        ctx.log(`federation: inbox alone, ${perRequest} per request, ${inFlight} in flight`);
        try {
          const cpu0 = await cpuOf(receiver);
          const r = await sender.child.call<{ ms: number }>('inboxOnly', {
            to: receiver.url,
            count: sizes.inboxOnlyMessages,
            perRequest,
            inFlight,
          });
          const cpuPer = ((await cpuOf(receiver)) - cpu0) / sizes.inboxOnlyMessages;
          expected.inbound += sizes.inboxOnlyMessages;
          const v = sizes.inboxOnlyMessages / (r.ms / 1000);
          const inboxGroup = 'receiver inbox alone (pre-signed messages)';
          rows.push(
            row({
              id: `inbox.${perRequest}x${inFlight}`,
              group: inboxGroup,
              label: `${perRequest} per request, ${inFlight} request(s) in flight`,
              value: v,
              unit: 'msg/s',
              ...ratio(v),
            }),
            row({
              id: `inbox.${perRequest}x${inFlight}.cpu`,
              group: inboxGroup,
              label: `${perRequest} per request, ${inFlight} in flight: receiver CPU per message, all threads`,
              value: cpuPer,
              unit: 'µs',
              // The figure is the single-message case; the batched one is for comparison.
              ...(perRequest === 1 ? { target: { text: '≤ 150 µs', met: cpuPer <= 150 } } : {}),
            }),
          );
        } catch (error) {
          rows.push(
            failed(
              `inbox.${perRequest}x${inFlight}`,
              'diagnostics',
              `inbox ${perRequest}/request`,
              'msg/s',
              error,
            ),
          );
        }
      }

      // The enqueue path alone: delivery to the partner is paused while enqueueing, then resumed.
      const group = 'enqueue path (sender, synchronous=FULL)';
      for (const [chunk, concurrent, label] of [
        [100, 1, '100 per transaction, one caller'],
        [1, 64, 'one per transaction, 64 concurrent callers'],
      ] as const) {
        if (sizes.enqueueOnlyMessages === 0) break;
        ctx.log(`federation: enqueue alone, ${label}`);
        const n = sizes.enqueueOnlyMessages;
        const e = await sender.child.call<{ ms: number; seqs: number[] }>('enqueueOnly', {
          to: receiver.url,
          count: n,
          chunk,
          concurrent,
        });
        const v = n / (e.ms / 1000);
        rows.push(
          row({
            id: `enqueue.${chunk}x${concurrent}`,
            group,
            label,
            value: v,
            unit: 'msg/s',
            target: { text: '≥ 20,000 msg/s', met: v >= 20_000 },
          }),
        );
        await sender.child.call('awaitReceipts', { seqs: e.seqs, timeoutMs: 300_000 });
        expected.delivered += n;
        expected.inbound += n;
      }

      for (const [name, u] of Object.entries(idle)) {
        const mb = u.rssBytes / MB;
        rows.push(
          row({
            id: `memory.idle.${name}`,
            group: 'memory and start',
            label: `RSS of the ${name} at idle (started and connected)`,
            value: mb,
            unit: 'MB',
            target: { text: '< 80 MB', met: mb < 80 },
          }),
        );
      }
      for (const [name, u] of Object.entries(usage)) {
        const mb = (u.maxRssKb * 1024) / MB;
        rows.push(
          row({
            id: `memory.${name}`,
            group: 'memory and start',
            label: `peak RSS of the ${name} during the throughput run`,
            value: mb,
            unit: 'MB',
            target: { text: '< 150 MB', met: mb < 150 },
          }),
        );
      }
    } finally {
      await Promise.all([sender.child.stop(), receiver.child.stop()]);
    }

    rows.push(checkStores(sender.dataDir, receiver.dataDir, expected));
    ctx.existingDataDir = receiver.dataDir;
    return rows;
  },
};

/** CPU time (µs, all threads) both nodes have used so far. */
export async function cpuOf(...nodes: NodeProc[]): Promise<number> {
  let total = 0;
  for (const n of nodes) total += (await n.child.call<{ cpuMicros: number }>('usage')).cpuMicros;
  return total;
}

/** Every message the runs sent is delivered with an accepted receipt, and stored once by the receiver. */
function checkStores(
  senderDir: string,
  receiverDir: string,
  expected: { delivered: number; inbound: number },
): Row {
  const s = new Database(join(senderDir, DATABASE_FILE), { readonly: true });
  const r = new Database(join(receiverDir, DATABASE_FILE), { readonly: true });
  try {
    const delivered = (
      s
        .prepare(
          "SELECT count(*) AS n FROM outbound_messages WHERE status = 'delivered' AND result_status = 'accepted' AND receipt IS NOT NULL AND kind = 'partner.update'",
        )
        .get() as { n: number }
    ).n;
    const inbound = (
      r
        .prepare("SELECT count(*) AS n FROM inbound_messages WHERE kind = 'partner.update'")
        .get() as {
        n: number;
      }
    ).n;
    const ok = delivered === expected.delivered && inbound === expected.inbound;
    return row({
      id: 'check.stores',
      group: 'check',
      label: 'all sent messages delivered, accepted, receipted, stored once',
      value: ok ? 1 : 0,
      unit: '',
      status: ok ? 'ok' : 'failed',
      note: ok
        ? undefined
        : `sender delivered ${delivered} of ${expected.delivered}; receiver stored ${inbound} of ${expected.inbound}`,
    });
  } finally {
    s.close();
    r.close();
  }
}
