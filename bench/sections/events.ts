/**
 * What domain events cost and how fast webhooks carry them:
 * - emission against the two-node throughput: the federation run (two node processes, signed
 *   messages, receipts) repeated on stores with and without the event log, alternating; the CPU
 *   per message of both nodes compared. Each message emits two events (`delivery.delivered` on
 *   the sender, the applied change on the receiver). CPU time, not wall time: on a shared machine
 *   wall time measures the other tenants. Target: under 5 %.
 * - the cost of one event in its unit of work (a lead created, then updated twice), CPU time.
 * - webhooks: events emitted on a real node reach one local receiver over HTTP, each signed;
 *   time from the first emit to the last delivery. Target: 10,000 in under 10 s.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { emitEvent } from '../../node/events/emit-event.ts';
import { initNode } from '../../node/init-node.ts';
import { silentLogger } from '../../node/logger.ts';
import { startNode } from '../../node/main.ts';
import { createSqliteStore } from '../../node/store/sqlite/sqlite-store.ts';
import type { OwnedLead } from '../../node/store/lead-store.ts';
import { createWebhook } from '../../node/webhooks/webhook-service.ts';
import type { BenchContext, Section } from '../lib/context.ts';
import { row, type Row } from '../lib/report.ts';
import { cpuOf, startBenchNode } from './federation.ts';

const GROUP = 'domain events and webhooks';
const EVENTS_PER_MESSAGE = 2;

/** CPU (µs, both nodes, all threads) per message of a two-node throughput run. */
async function pairCpuPerMessage(
  ctx: BenchContext,
  domainEvents: boolean,
  count: number,
  tag: string,
): Promise<number> {
  const [receiver, sender] = await Promise.all([
    startBenchNode(ctx, `ev-${tag}-receiver`, { domainEvents }),
    startBenchNode(ctx, `ev-${tag}-sender`, { domainEvents }),
  ]);
  try {
    const { token } = await receiver.child.call<{ token: string }>('invite', { name: 'sender' });
    await sender.child.call('connect', { url: receiver.url, token });
    const run = (n: number) =>
      sender.child.call('throughput', {
        to: receiver.url,
        count: n,
        chunk: ctx.sizes.enqueueChunk,
        timeoutMs: 300_000,
      });
    // Warm both processes up (compilation, caches) before measuring.
    await run(Math.max(50, Math.round(count / 10)));
    const before = await cpuOf(sender, receiver);
    await run(count);
    return ((await cpuOf(sender, receiver)) - before) / count;
  } finally {
    await Promise.all([sender.child.stop(), receiver.child.stop()]);
  }
}

function lead(id: string): OwnedLead {
  const at = new Date();
  return {
    id,
    company: 'Globex Logistics GmbH',
    contact: { name: 'Dana Weber', email: 'dana@globex.example' },
    region: 'EMEA',
    interest: ['router'],
    source: 'bench',
    version: 1,
    routing: null,
    offerHours: null,
    createdAt: at,
    updatedAt: at,
    withdrawnAt: null,
    withdrawReason: null,
  };
}

/** CPU microseconds per unit (create + 2 updates) on a fresh store. */
async function unitCost(file: string, domainEvents: boolean, units: number): Promise<number> {
  const store = createSqliteStore(file, { domainEvents });
  try {
    const start = process.cpuUsage();
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < units; i++) {
      pending.push(
        store.transact(async (tx) => {
          const l = lead(`B${i}`);
          await tx.leads.insertLead(l);
          await tx.leads.updateLead(l.id, { version: 2, at: new Date() });
          await tx.leads.updateLead(l.id, { version: 3, at: new Date() });
        }),
      );
    }
    await Promise.all(pending);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / units;
  } finally {
    await store.close();
  }
}

export const events: Section = {
  name: 'events',
  async run(ctx) {
    const rows: Row[] = [];
    const full = ctx.sizes.throughputMessages >= 20_000;
    const messages = Math.max(200, Math.round(ctx.sizes.throughputMessages / 4));
    const rounds = full ? 2 : 1;
    ctx.log(`events: two-node CPU per message with and without events, ${rounds} × ${messages}`);
    // Alternate, so that drift on a busy machine hits both alike.
    let pairOff = 0;
    let pairOn = 0;
    for (let round = 0; round < rounds; round++) {
      pairOff += await pairCpuPerMessage(ctx, false, messages, `off${round}`);
      pairOn += await pairCpuPerMessage(ctx, true, messages, `on${round}`);
    }
    pairOff /= rounds;
    pairOn /= rounds;
    const share = (pairOn - pairOff) / pairOn;
    rows.push(
      row({
        id: 'events.emit.share',
        group: GROUP,
        label: `share of the two-node CPU per message spent on events (${EVENTS_PER_MESSAGE} per message)`,
        value: share * 100,
        unit: '%',
        target: { text: '< 5 %', met: share < 0.05 },
        note: `both nodes, CPU per message: ${pairOff.toFixed(0)} µs without events, ${pairOn.toFixed(0)} µs with (${rounds} × ${messages} messages each)`,
      }),
    );

    const units = Math.max(200, Math.round(ctx.sizes.throughputMessages / 2));
    ctx.log(`events: emission cost, ${units} units with and without events`);
    await unitCost(join(ctx.workDir, 'ev-warm.db'), true, 100);
    let withEvents = 0;
    let without = 0;
    for (let round = 0; round < 3; round++) {
      without += await unitCost(join(ctx.workDir, `ev-off-${round}.db`), false, units);
      withEvents += await unitCost(join(ctx.workDir, `ev-on-${round}.db`), true, units);
    }
    const perEventUs = Math.max(0, (withEvents - without) / 3 / 3);
    rows.push(
      row({
        id: 'events.emit.cost',
        group: GROUP,
        label: 'CPU of emitting one event in its unit of work',
        value: perEventUs,
        unit: 'µs',
        note: `unit of 3 writes: ${(without / 3).toFixed(0)} µs CPU without events, ${(withEvents / 3).toFixed(0)} µs with`,
      }),
    );

    const count = ctx.sizes.throughputMessages >= 20_000 ? 10_000 : ctx.sizes.throughputMessages;
    ctx.log(`events: ${count} events to one webhook receiver`);
    let received = 0;
    let done: () => void = () => {};
    const all = new Promise<void>((resolve) => (done = resolve));
    const receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (String(req.headers['webhook-signature']).startsWith('v1,')) received++;
        res.writeHead(204).end();
        if (received === count) done();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const dataDir = join(ctx.workDir, 'webhook-node');
    await initNode(dataDir, { name: 'bench-webhooks', port: 0, allowLoopback: true }, new Date());
    const node = await startNode({ dataDir, env: {}, log: silentLogger() });
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      await createWebhook(node.deps, { url, events: [], description: 'bench' });
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      for (let sent = 0; sent < count; sent += 500) {
        await node.deps.store.transact(async (tx) => {
          for (let i = sent; i < Math.min(count, sent + 500); i++) {
            await emitEvent(tx, 'lead.updated', { id: `L${i}`, version: i });
          }
        });
      }
      node.deps.webhooks.notify();
      // The deadline's timer is cleared once all arrive, so it does not hold the process open.
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise((r) => (deadline = setTimeout(r, 120_000)))]);
      clearTimeout(deadline);
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      const cpuPerEvent = (cpu.user + cpu.system) / Math.max(1, received);
      rows.push(
        row({
          id: 'events.webhook.drain',
          group: GROUP,
          label: `${count} events emitted to delivered at one webhook receiver`,
          value: received === count ? seconds : null,
          unit: 's',
          // Judged as a rate, so that a smaller run (--tiny, --scale) is judged fairly.
          target: {
            text: '< 10 s for 10,000 (≥ 1,000 /s)',
            met: received === count ? count / seconds >= 1000 : false,
          },
          note: `${received} of ${count} delivered, ${Math.round(received / seconds)} events/s; CPU ${cpuPerEvent.toFixed(0)} µs per event (node and receiver, one process)`,
        }),
      );
    } finally {
      await node.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
    return rows;
  },
};
