/**
 * What domain events cost and how fast webhooks carry them:
 * - emission: the same units of work (a lead created, then updated twice) on a store with and
 *   without events, and that cost per event set against the two-node throughput measured in this
 *   run (each message there emits two events: `delivery.delivered` on the sender and the applied
 *   change on the receiver). Target: under 5 % of it.
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
import type { Section } from '../lib/context.ts';
import { row, type Row } from '../lib/report.ts';

const GROUP = 'domain events and webhooks';
const EVENTS_PER_MESSAGE = 2;

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

/** Microseconds per unit (create + 2 updates) on a fresh store. */
async function unitCost(file: string, domainEvents: boolean, units: number): Promise<number> {
  const store = createSqliteStore(file, { domainEvents });
  try {
    const start = performance.now();
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
    return ((performance.now() - start) * 1000) / units;
  } finally {
    await store.close();
  }
}

export const events: Section = {
  name: 'events',
  async run(ctx) {
    const rows: Row[] = [];
    const units = Math.max(200, Math.round(ctx.sizes.throughputMessages / 2));
    ctx.log(`events: emission cost, ${units} units with and without events`);
    // Warm up, then alternate so drift on a busy machine hits both alike.
    await unitCost(join(ctx.workDir, 'ev-warm.db'), true, 100);
    let withEvents = 0;
    let without = 0;
    for (let round = 0; round < 3; round++) {
      without += await unitCost(join(ctx.workDir, `ev-off-${round}.db`), false, units);
      withEvents += await unitCost(join(ctx.workDir, `ev-on-${round}.db`), true, units);
    }
    const perEventUs = Math.max(0, (withEvents - without) / 3 / 3);
    const rate = ctx.rows.find((r) => r.id === 'throughput.rate')?.value ?? null;
    const share = rate ? (perEventUs * EVENTS_PER_MESSAGE * rate) / 1e6 : null;
    rows.push(
      row({
        id: 'events.emit.cost',
        group: GROUP,
        label: 'cost of emitting one event in its unit of work',
        value: perEventUs,
        unit: 'µs',
        note: `unit of 3 writes: ${(without / 3).toFixed(0)} µs without events, ${(withEvents / 3).toFixed(0)} µs with`,
      }),
      row({
        id: 'events.emit.share',
        group: GROUP,
        label: `share of the two-node throughput spent emitting (${EVENTS_PER_MESSAGE} events per message)`,
        value: share === null ? null : share * 100,
        unit: '%',
        target: { text: '< 5 %', met: share === null ? null : share < 0.05 },
        ...(rate === null ? { note: 'needs the federation section in the same run' } : {}),
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
          note: `${received} of ${count} delivered, ${Math.round(received / seconds)} events/s`,
        }),
      );
    } finally {
      await node.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
    return rows;
  },
};
