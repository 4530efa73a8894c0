/**
 * The inventory commands against the data directories of running nodes, as operators use them:
 * the partner sends a CSV stock report, the supplier sets a policy, previews and sends a
 * proposal, the partner decides it and sets an auto-accept rule.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  orderAtSupplier,
  proposalOn,
  reportAtSupplier,
  startVmiNodes,
  type VmiNodes,
} from './vmi-nodes.ts';

let n: VmiNodes;

beforeAll(async () => {
  n = await startVmiNodes();
}, 60_000);

afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

async function cli(node: TestNode, argv: string[]) {
  const io = createCapturedIo({ env: {} });
  const code = await runCli([...argv, '--data', node.dataDir], io);
  return { code, out: io.out(), err: io.err() };
}

async function json(node: TestNode, argv: string[]) {
  const result = await cli(node, [...argv, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
}

describe('inventory › cli', () => {
  it('reports from CSV, proposes, decides', async () => {
    const file = join(n.alpha.dataDir, 'stock.csv');
    await writeFile(file, 'SKU,On Hand,Sold,On Order,Returned\nSW-48,4,21,0,\nCAB-5,10,30,,2\n');
    const sent = await json(n.alpha, [
      'inventory',
      'report',
      '--supplier',
      String(n.ids.supplierOnAlpha),
      '--location',
      'Leipzig',
      '--period-start',
      '2027-01-11',
      '--period-end',
      '2027-01-17',
      '--file',
      file,
      '--id',
      'cli-w1',
    ]);
    expect(sent.lines).toEqual([
      { sku: 'SW-48', onHand: '4', sold: '21', onOrder: '0' },
      { sku: 'CAB-5', onHand: '10', sold: '30', onOrder: '0', returned: '2' },
    ]);
    await reportAtSupplier(n, 'cli-w1');
    const listed = await json(n.supplier, ['inventory', 'reports', '--role', 'supplier']);
    expect(listed.map((r: any) => r.reportId)).toContain('cli-w1');
    const shown = await cli(n.supplier, ['inventory', 'reports', String(listed[0].id)]);
    expect(shown.out).toContain('SW-48');

    const partner = String(n.ids.alphaOnSupplier);
    const set = await json(n.supplier, [
      'inventory',
      'settings',
      '--partner',
      partner,
      '--sku',
      'SW-48',
      '--policy',
      'days_of_cover',
      '--days',
      '7',
      '--lead-time',
      '7',
    ]);
    expect(set).toHaveLength(1);
    const bad = await cli(n.supplier, [
      'inventory',
      'settings',
      '--partner',
      partner,
      '--sku',
      'SW-48',
      '--policy',
      'min_max',
      '--min',
      '5',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--max');

    // 3/day × 14 days = 42, position 4 → 38.
    const preview = await json(n.supplier, [
      'inventory',
      'propose',
      '--partner',
      partner,
      '--location',
      'Leipzig',
      '--preview',
    ]);
    expect(preview.lines.map((l: any) => [l.sku, l.qty])).toEqual([['SW-48', '38']]);
    const table = await cli(n.supplier, [
      'inventory',
      'propose',
      '--partner',
      partner,
      '--location',
      'Leipzig',
      '--preview',
    ]);
    expect(table.out).toContain('SOLD/DAY');
    // A second SKU, so the decision below can leave one out.
    await json(n.supplier, [
      'inventory',
      'settings',
      '--partner',
      partner,
      '--sku',
      'CAB-5',
      '--policy',
      'min_max',
      '--min',
      '20',
      '--max',
      '40',
    ]);
    const proposal = await json(n.supplier, [
      'inventory',
      'propose',
      '--partner',
      partner,
      '--location',
      'Leipzig',
    ]);
    expect(proposal.status).toBe('open');

    const onAlpha = await proposalOn(n.alpha, proposal.proposalId, 'partner');
    // Named by its shared proposal id as well as by its number here.
    const byId = await json(n.alpha, ['inventory', 'proposals', proposal.proposalId]);
    expect(byId.id).toBe(onAlpha.id);
    const reportById = await json(n.supplier, ['inventory', 'reports', 'cli-w1']);
    expect(reportById.reportId).toBe('cli-w1');
    const decidedRun = await cli(n.alpha, [
      'inventory',
      'decide',
      proposal.proposalId,
      '--status',
      'modified',
      '--lines',
      'SW-48=30',
      '--reason',
      'Budget.',
      '--json',
    ]);
    expect(decidedRun.code, decidedRun.err).toBe(0);
    const modified = JSON.parse(decidedRun.out);
    // The proposed SKUs left out of --lines are not ordered, and the operator is told which.
    expect(onAlpha.lines.map((l: { sku: string }) => l.sku).sort()).toEqual(['CAB-5', 'SW-48']);
    expect(decidedRun.err).toContain('CAB-5 (proposed 30)');
    expect(decidedRun.err).toContain('not ordered, as --lines leaves them out');
    expect(modified.decision).toMatchObject({
      status: 'modified',
      lines: [{ sku: 'SW-48', qty: '30' }],
    });
    const order = await orderAtSupplier(n, modified.decision.orderId);
    expect(order.lines.map((l: any) => [l.sku, l.qty])).toEqual([['SW-48', '30']]);
    const again = await cli(n.alpha, [
      'inventory',
      'decide',
      String(onAlpha.id),
      '--status',
      'rejected',
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('modified already');

    const rules = await json(n.alpha, [
      'inventory',
      'auto-accept',
      '--supplier',
      String(n.ids.supplierOnAlpha),
      '--max-total-qty',
      '100',
    ]);
    expect(rules[0]).toMatchObject({ enabled: true, maxTotalQty: '100' });
    const proposals = await cli(n.alpha, ['inventory', 'proposals']);
    expect(proposals.out).toContain('modified');
  });

  it('names the line and column of a bad CSV row, and sends nothing', async () => {
    const file = join(n.alpha.dataDir, 'bad.csv');
    await writeFile(file, 'sku,onHand,sold\nSW-48,4,21\nCAB-5,ten,3\n');
    const res = await cli(n.alpha, [
      'inventory',
      'report',
      '--supplier',
      String(n.ids.supplierOnAlpha),
      '--location',
      'Leipzig',
      '--period-start',
      '2027-01-18',
      '--period-end',
      '2027-01-24',
      '--file',
      file,
    ]);
    expect(res.code).toBe(2);
    expect(res.err).toContain('--file: line 3, column onHand');
    await writeFile(file, 'sku,colour\nSW-48,red\n');
    const header = await cli(n.alpha, [
      'inventory',
      'report',
      '--supplier',
      String(n.ids.supplierOnAlpha),
      '--location',
      'Leipzig',
      '--period-start',
      '2027-01-18',
      '--period-end',
      '2027-01-24',
      '--file',
      file,
    ]);
    expect(header.err).toContain('unknown column "colour"');
    const reports = await json(n.alpha, ['inventory', 'reports']);
    expect(reports).toHaveLength(1);
  });
});
