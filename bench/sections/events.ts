/**
 * What domain events cost and how fast webhooks carry them:
 * - emission against the two-node throughput: two pairs of nodes (two processes each, signed
 *   messages, receipts), one on stores with the event log and one without; each round sends the
 *   same messages through both pairs at the same time, so both see the same machine, and gives
 *   its own share, (CPU with − CPU without) ÷ CPU with, per message of both nodes. The figure is
 *   the median share, so one noisy stretch on a shared machine moves one round, not the result
 *   (run one after the other, A B B A, a shared machine's drift within seconds was larger than
 *   the events' cost: pairs from −12 % to +15 %). Each message emits two events
 *   (`delivery.delivered` on the sender, `partner.profile_declared` on the receiver). CPU time,
 *   not wall time: wall time measures the other tenants. Target: < 5 %.
 * - the cost of one event in its unit of work, CPU time: two stores in this process, with and
 *   without the event log, short batches alternating (A B B A …), the median of the pairs' cost
 *   per event: a lead created then updated twice (small records), and a partner.update applied
 *   (the receiver's event above, the whole partner record).
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
import type { Store } from '../../node/store/store.ts';
import { defaultKinds } from '../../node/partners/default-kinds.ts';
import { createWebhook } from '../../node/webhooks/webhook-service.ts';
import { benchBody } from '../lib/body.ts';
import type { BenchContext, Section } from '../lib/context.ts';
import { row, type Row } from '../lib/report.ts';
import { median } from '../lib/stats.ts';
import { cpuOf, startBenchNode, type NodeProc } from './federation.ts';

const GROUP = 'domain events and webhooks';
const EVENTS_PER_MESSAGE = 2;

/** A connected sender and receiver, both with or both without the event log. */
interface NodePair {
  domainEvents: boolean;
  sender: NodeProc;
  receiver: NodeProc;
}

async function startPair(ctx: BenchContext, domainEvents: boolean): Promise<NodePair> {
  const tag = domainEvents ? 'on' : 'off';
  const [receiver, sender] = await Promise.all([
    startBenchNode(ctx, `ev-${tag}-receiver`, { domainEvents }),
    startBenchNode(ctx, `ev-${tag}-sender`, { domainEvents }),
  ]);
  const { token } = await receiver.child.call<{ token: string }>('invite', { name: 'sender' });
  await sender.child.call('connect', { url: receiver.url, token });
  return { domainEvents, sender, receiver };
}

/** CPU (µs, both nodes, all threads) per message of `count` messages sent through `pair`. */
async function pairCpuPerMessage(ctx: BenchContext, pair: NodePair, count: number) {
  const before = await cpuOf(pair.sender, pair.receiver);
  await pair.sender.child.call('throughput', {
    to: pair.receiver.url,
    count,
    chunk: ctx.sizes.enqueueChunk,
    timeoutMs: 300_000,
  });
  return ((await cpuOf(pair.sender, pair.receiver)) - before) / count;
}

/**
 * Runs `measure(false)` and `measure(true)` in `pairs` pairs, alternating which goes first (so
 * that a machine getting busier or quieter during the run favours neither), and judges each pair
 * on its own: one noisy stretch moves one pair's figure, not the median.
 */
async function alternate(
  pairs: number,
  measure: (domainEvents: boolean) => Promise<number>,
): Promise<Array<{ off: number; on: number }>> {
  const results = [];
  for (let i = 0; i < pairs; i++) {
    let off: number;
    let on: number;
    if (i % 2 === 0) {
      off = await measure(false);
      on = await measure(true);
    } else {
      on = await measure(true);
      off = await measure(false);
    }
    results.push({ off, on });
  }
  return results;
}

const spread = (values: number[], digits: number) =>
  `${Math.min(...values).toFixed(digits)} to ${Math.max(...values).toFixed(digits)}`;

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

/** A store with or without the event log, and a unit of work to run on it (`i`: a fresh key). */
interface UnitBench {
  store: Store;
  unit: (i: number) => Promise<unknown>;
  next: number;
}

/** CPU microseconds per unit, `units` of them queued at once (as a busy node groups commits). */
async function cpuPerUnit(bench: UnitBench, units: number): Promise<number> {
  const start = process.cpuUsage();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < units; i++) pending.push(bench.unit(bench.next++));
  await Promise.all(pending);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / units;
}

/** A lead created, then updated twice: three events. */
function leadBench(file: string, domainEvents: boolean): UnitBench {
  const store = createSqliteStore(file, { domainEvents });
  return {
    store,
    next: 0,
    unit: (i) =>
      store.transact(async (tx) => {
        const l = lead(`B${i}`);
        await tx.leads.insertLead(l);
        await tx.leads.updateLead(l.id, { version: 2, at: new Date() });
        await tx.leads.updateLead(l.id, { version: 3, at: new Date() });
      }),
  };
}

/**
 * A partner.update applied as the receiver of the two-node run applies it (handlers/partner-update-
 * handler.ts): one `partner.profile_declared` event carrying the whole partner record, the
 * largest record that run emits.
 */
async function partnerBench(file: string, domainEvents: boolean): Promise<UnitBench> {
  const store = createSqliteStore(file, { domainEvents });
  const at = new Date();
  const partner = await store.transact((tx) =>
    tx.partners.saveConnected({
      endpoint: {
        nodeId: 'http://127.0.0.1:40123',
        inboxUrl: 'http://127.0.0.1:40123/inbox',
        jwksUrl: 'http://127.0.0.1:40123/.well-known/jwks.json',
        maxBatch: 100,
        maxBodyBytes: 1_048_576,
        keys: [
          {
            kty: 'OKP',
            crv: 'Ed25519',
            x: 'l4V6cfpYTy2J9cVo8xxS8S1G3DZUQTo0qKwQaTvNEmw',
            kid: 'Qy4cSNPsVvjeVjcAsEP9kzRMJWlUN1vJGO7nBkcUR3w',
            alg: 'EdDSA',
            use: 'sig',
          },
        ],
      },
      profile: {
        name: 'sender',
        partnerType: 'reseller',
        relationship: 'strategic',
        allowedKinds: defaultKinds('reseller', 'strategic'),
      },
      invitationId: 'inv_bench',
      at,
    }),
  );
  // The inbox reads the sender through the store's partner cache first, as the node does.
  await store.partnerByNodeId(partner.nodeId);
  return {
    store,
    next: 0,
    unit: (i) =>
      store.transact(async (tx) => {
        const stored = await tx.partners.getById(partner.id);
        const merged = { ...(stored?.declaredProfile ?? {}), ...benchBody(i) };
        await tx.partners.updateDeclaredProfile(partner.id, merged, new Date(at.getTime() + i));
      }),
  };
}

/**
 * CPU of one event in its unit of work: the two stores side by side, batches alternating; the
 * median over pairs of the difference per event.
 */
async function eventCost(
  ctx: BenchContext,
  make: (file: string, domainEvents: boolean) => UnitBench | Promise<UnitBench>,
  name: string,
  eventsPerUnit: number,
): Promise<{ perEventUs: number; off: number; on: number; pairs: number[] }> {
  // Short batches, many pairs: in one process the two stores can swap every few milliseconds.
  const units = Math.max(200, Math.round(ctx.sizes.throughputMessages / 40));
  const pairs = ctx.sizes.throughputMessages >= 20_000 ? 21 : 3;
  const off = await make(join(ctx.workDir, `${name}-off.db`), false);
  const on = await make(join(ctx.workDir, `${name}-on.db`), true);
  try {
    await cpuPerUnit(off, units);
    await cpuPerUnit(on, units);
    const results = await alternate(pairs, (events) => cpuPerUnit(events ? on : off, units));
    const perPair = results.map((r) => (r.on - r.off) / eventsPerUnit);
    return {
      perEventUs: median(perPair),
      off: median(results.map((r) => r.off)),
      on: median(results.map((r) => r.on)),
      pairs: perPair,
    };
  } finally {
    await Promise.all([off.store.close(), on.store.close()]);
  }
}

export const events: Section = {
  name: 'events',
  async run(ctx) {
    const rows: Row[] = [];
    const full = ctx.sizes.throughputMessages >= 20_000;
    const messages = Math.max(100, Math.round(ctx.sizes.throughputMessages / 12));
    const pairs = full ? 11 : 3;
    ctx.log(
      `events: two-node CPU per message with and without events, ${pairs} pairs × ${messages}`,
    );
    // Both pairs of nodes run side by side for the whole measurement; each is warmed up
    // (compilation, caches) before the first pair counts.
    const off = await startPair(ctx, false);
    const on = await startPair(ctx, true);
    let results: Array<{ off: number; on: number }>;
    try {
      const warm = Math.max(50, Math.round(messages / 4));
      await pairCpuPerMessage(ctx, off, warm);
      await pairCpuPerMessage(ctx, on, warm);
      // Each round runs both pairs at once, so that both see the same machine: on a shared one
      // the CPU a message takes drifts by more than the events cost within seconds.
      results = [];
      for (let round = 0; round < pairs; round++) {
        const [offCpu, onCpu] = await Promise.all([
          pairCpuPerMessage(ctx, off, messages),
          pairCpuPerMessage(ctx, on, messages),
        ]);
        results.push({ off: offCpu, on: onCpu });
        ctx.log(
          `events: round ${round + 1}: ${offCpu.toFixed(0)} µs without events, ${onCpu.toFixed(0)} µs with (${((100 * (onCpu - offCpu)) / onCpu).toFixed(1)} %)`,
        );
      }
    } finally {
      await Promise.all([off, on].flatMap((p) => [p.sender.child.stop(), p.receiver.child.stop()]));
    }
    const shares = results.map((r) => (100 * (r.on - r.off)) / r.on);
    const share = median(shares);
    rows.push(
      row({
        id: 'events.emit.share',
        group: GROUP,
        label: `share of the two-node CPU per message spent on events (${EVENTS_PER_MESSAGE} per message)`,
        value: share,
        unit: '%',
        target: { text: '< 5 %', met: share < 5 },
        note:
          `median of ${pairs} rounds of ${messages} messages, with and without events at once ` +
          `(pairs from ${spread(shares, 1)} %); both nodes, CPU per message (medians): ` +
          `${median(results.map((r) => r.off)).toFixed(0)} µs without events, ` +
          `${median(results.map((r) => r.on)).toFixed(0)} µs with`,
      }),
    );

    ctx.log('events: emission cost in a unit of work, with and without events, alternating');
    const leadCost = await eventCost(ctx, leadBench, 'ev-lead', 3);
    rows.push(
      row({
        id: 'events.emit.cost',
        group: GROUP,
        label: 'CPU of emitting one event in its unit of work',
        value: Math.max(0, leadCost.perEventUs),
        unit: 'µs',
        note:
          `a lead created and updated twice (3 events): ${leadCost.off.toFixed(0)} µs CPU ` +
          `without events, ${leadCost.on.toFixed(0)} µs with; median of ${leadCost.pairs.length} ` +
          `pairs (${spread(leadCost.pairs, 1)} µs per event)`,
      }),
    );
    const partnerCost = await eventCost(ctx, partnerBench, 'ev-partner', 1);
    rows.push(
      row({
        id: 'events.emit.cost.partner',
        group: GROUP,
        label: 'CPU of emitting partner.profile_declared (the whole partner record)',
        value: Math.max(0, partnerCost.perEventUs),
        unit: 'µs',
        note:
          `a partner.update applied: ${partnerCost.off.toFixed(0)} µs CPU without events, ` +
          `${partnerCost.on.toFixed(0)} µs with; median of ${partnerCost.pairs.length} pairs ` +
          `(${spread(partnerCost.pairs, 1)} µs)`,
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
