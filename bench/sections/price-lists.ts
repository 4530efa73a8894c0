/**
 * Price lists and fan-out, with real nodes on 127.0.0.1 run in this process (the price-list
 * domain needs no RPC of its own in the child processes; all nodes share one event loop here,
 * so the figures are if anything pessimistic):
 * - `pricelist.import100k`: a 100,000-line version from CSV import on one node to applied on its
 *   partner (import, push, cut into parts, signed, sent, assembled, hash-checked, applied), with
 *   `pricelist.bytes100k`, the bytes signed for it;
 * - `pricelist.deltaBytes`: the bytes of the signed message carrying a one-line delta;
 * - `fanout.pushReturns` / `fanout.allApplied`: one 1,000-line list pushed to 20 partner nodes:
 *   time for the push call to return, time until all 20 applied it.
 * `--tiny` scales the sizes down with the throughput run's count.
 */
import type { BenchContext, Section } from '../lib/context.ts';
import { failed, row, type Row } from '../lib/report.ts';
import { connectPair, outboundRows } from '../../test/support/federation.ts';
import {
  createTestNode,
  eventually,
  removeTestDirs,
  type TestNode,
} from '../../test/support/test-node.ts';

const FULL_THROUGHPUT = 20_000;

const scale = (ctx: BenchContext, full: number, min: number) =>
  Math.max(min, Math.round((full * ctx.sizes.throughputMessages) / FULL_THROUGHPUT));

function csvOf(count: number): string {
  const rows = ['sku,minQty,listPrice,standardPrice,limitPrice'];
  for (let i = 0; i < count; i++) {
    const p = `${(i % 1000) + 1}.${String(i % 100).padStart(2, '0')}`;
    rows.push(`SKU-${String(i).padStart(6, '0')},,${p},${p},${p}`);
  }
  return `${rows.join('\n')}\n`;
}

async function api(node: TestNode, method: string, path: string, body?: string, type?: string) {
  const res = await fetch(`${node.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${node.adminToken}`,
      ...(type ? { 'content-type': type } : {}),
    },
    body,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as any;
}
const json = (node: TestNode, method: string, path: string, body: unknown) =>
  api(node, method, path, JSON.stringify(body), 'application/json');

function applied(node: TestNode, listId: string, version: number, timeoutMs: number) {
  return eventually(async () => {
    const list = await api(node, 'GET', `/price-lists/${listId}`);
    return list.versions.some((v: any) => v.version === version && v.status === 'applied');
  }, timeoutMs);
}

export const priceLists: Section = {
  name: 'price lists',
  async run(ctx) {
    const lines = scale(ctx, 100_000, 1_000);
    const group = 'price lists';
    const label = `${lines.toLocaleString('en-US')}-line version, CSV import to applied on the partner`;
    const rows: Row[] = [];
    let owner: TestNode | undefined;
    let partner: TestNode | undefined;
    try {
      [owner, partner] = await Promise.all([
        createTestNode({ name: 'pl-owner' }),
        createTestNode({ name: 'pl-partner' }),
      ]);
      const { onHost } = await connectPair(owner, partner);
      await json(owner, 'POST', '/price-lists', { id: 'big', name: 'Big', currency: 'EUR' });
      const csv = csvOf(lines);
      ctx.log(`price lists: importing and pushing ${lines} lines`);
      const t0 = performance.now();
      const report = await api(
        owner,
        'POST',
        '/price-lists/big/import?validFrom=2020-01-01',
        csv,
        'text/csv',
      );
      const t1 = performance.now();
      await json(owner, 'POST', '/price-lists/big/push', { partners: [onHost.id] });
      const t2 = performance.now();
      await applied(partner, 'big', 1, 600_000);
      const t3 = performance.now();
      const parts = (await outboundRows(owner)).filter((r) => r.kind === 'pricelist.push');
      const signed = parts.reduce((sum, r) => sum + Buffer.byteLength(r.jws ?? ''), 0);
      rows.push(
        row({
          id: 'pricelist.import100k',
          group,
          label,
          value: (t3 - t0) / 1000,
          unit: 's',
          target: { text: '< 4 s', met: (t3 - t0) / 1000 < 4 },
          note: `CSV ${(csv.length / 1e6).toFixed(1)} MB (version ${report.version}); import ${Math.round(t1 - t0)} ms, push call ${Math.round(t2 - t1)} ms, to applied ${Math.round(t3 - t2)} ms; ${parts.length} parts`,
        }),
        row({
          id: 'pricelist.bytes100k',
          group,
          label: `${lines.toLocaleString('en-US')}-line version, bytes signed and sent`,
          value: signed,
          unit: 'bytes',
        }),
      );

      // A one-line delta: version 2 is version 1 with one price changed.
      await json(owner, 'POST', '/price-lists/big/versions', {
        baseVersion: 1,
        validFrom: '2020-01-02',
        lines: [
          { sku: 'SKU-000007', listPrice: '9.99', standardPrice: '9.99', limitPrice: '9.99' },
        ],
      });
      await json(owner, 'POST', '/price-lists/big/push', { partners: [onHost.id] });
      await applied(partner, 'big', 2, 60_000);
      const delta = (await outboundRows(owner)).filter((r) => r.kind === 'pricelist.push').at(-1)!;
      rows.push(
        row({
          id: 'pricelist.deltaBytes',
          group,
          label: 'one-line delta, message size',
          value: Buffer.byteLength(delta.jws ?? ''),
          unit: 'bytes',
          target: { text: '< 2 KB', met: Buffer.byteLength(delta.jws ?? '') < 2048 },
          note: `signed JWS; its body is ${Buffer.byteLength(JSON.stringify(delta.body))} bytes of JSON (mode ${(delta.body as any).mode})`,
        }),
      );
    } catch (error) {
      rows.push(failed('pricelist.import100k', group, label, 's', error, '< 4 s'));
    } finally {
      await Promise.all([owner?.stop(), partner?.stop()]);
      await removeTestDirs();
    }
    return rows;
  },
};

export const fanOut: Section = {
  name: 'fan-out',
  async run(ctx) {
    const count = scale(ctx, 20, 2);
    const group = `fan-out (1,000-line price list to ${count} partner nodes)`;
    const rows: Row[] = [];
    const nodes: TestNode[] = [];
    try {
      const owner = await createTestNode({ name: 'fan-owner' });
      nodes.push(owner);
      ctx.log(`fan-out: starting ${count} partner nodes`);
      for (let i = 0; i < count; i++) {
        const partner = await createTestNode({ name: `fan-${i}` });
        nodes.push(partner);
        await connectPair(owner, partner);
      }
      await json(owner, 'POST', '/price-lists', { id: 'fan', name: 'Fan-out', currency: 'EUR' });
      await api(
        owner,
        'POST',
        '/price-lists/fan/import?validFrom=2020-01-01',
        csvOf(1_000),
        'text/csv',
      );
      const t0 = performance.now();
      await json(owner, 'POST', '/price-lists/fan/push', { all: true });
      const t1 = performance.now();
      await Promise.all(nodes.slice(1).map((p) => applied(p, 'fan', 1, 300_000)));
      const t2 = performance.now();
      rows.push(
        row({
          id: 'fanout.pushReturns',
          group,
          label: 'push call returns',
          value: t1 - t0,
          unit: 'ms',
          target: { text: '< 100 ms', met: t1 - t0 < 100 },
        }),
        row({
          id: 'fanout.allApplied',
          group,
          label: `all ${count} applied`,
          value: t2 - t0,
          unit: 'ms',
        }),
      );
    } catch (error) {
      rows.push(failed('fanout.pushReturns', group, 'push call returns', 'ms', error, '< 100 ms'));
    } finally {
      await Promise.all(nodes.map((n) => n.stop()));
      await removeTestDirs();
    }
    return rows;
  },
};
