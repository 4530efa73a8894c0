/** The orders and receivables commands, run in-process against the data directories of running nodes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOn } from '../support/run-cli.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { orderOn, startOrderNodes, type OrderNodes } from './order-nodes.ts';

let n: OrderNodes;
beforeAll(async () => {
  n = await startOrderNodes();
}, 60_000);
afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

describe('cli › orders and receivables', () => {
  it('places, answers with changes, ships, invoices, and takes a payment', async () => {
    const placed = await runCliOn(n.p1, [
      'orders',
      'place',
      '--seller',
      String(n.ownerOnP1),
      '--type',
      'standard',
      '--lines',
      'KB-100:12,MS-200:3',
      '--json',
    ]);
    expect(placed.code, placed.err).toBe(0);
    const order = JSON.parse(placed.out);
    expect(order).toMatchObject({ total: '563.70', status: 'placed' });

    const seller = await orderOn(n.owner, order.orderId, (o) => o.status === 'acknowledged');
    const listed = await runCliOn(n.owner, ['orders', '--direction', 'incoming']);
    expect(listed.out).toMatch(/ID\s+WITH\s+WE ARE\s+TYPE\s+TOTAL\s+STATUS/);
    expect(listed.out).toContain('563.70 EUR');

    const answered = await runCliOn(n.owner, [
      'orders',
      'respond',
      String(seller.id),
      '--code',
      'CA',
      '--changes',
      '2:1',
      '--reason',
      'Only one mouse left',
    ]);
    expect(answered).toMatchObject({ code: 0 });
    expect(answered.out).toContain('accepted (CA)');
    const badChanges = await runCliOn(n.owner, [
      'orders',
      'respond',
      String(seller.id),
      '--code',
      'CA',
    ]);
    expect(badChanges.code).toBe(2);
    expect(badChanges.err).toContain('--lines');

    expect(
      (
        await runCliOn(n.owner, [
          'orders',
          'status',
          String(seller.id),
          '--status',
          'shipped',
          '--tracking',
          'T-1',
        ])
      ).code,
    ).toBe(0);
    expect(
      (await runCliOn(n.owner, ['orders', 'status', String(seller.id), '--status', 'invoiced']))
        .code,
    ).toBe(0);
    const shown = await runCliOn(n.owner, ['orders', 'show', order.orderId]);
    expect(shown.out).toContain('523.90 EUR');
    expect(shown.out).toMatch(/receivable\s+523\.90 of 523\.90 open/);

    const onBuyer = await orderOn(n.p1, order.orderId, (o) => o.status === 'invoiced');
    const cancel = await runCliOn(n.p1, [
      'orders',
      'cancel',
      String(onBuyer.id),
      '--reason',
      'late',
    ]);
    expect(cancel.code).not.toBe(0);
    expect(cancel.err).toContain('shipped');

    const receivables = await runCliOn(n.owner, ['receivables', '--json']);
    const data = JSON.parse(receivables.out);
    expect(data.openTotals).toEqual([
      { partnerId: n.p1Id, currency: 'EUR', open: '523.90', count: 1 },
    ]);
    const id = String(data.receivables[0].id);
    const over = await runCliOn(n.owner, ['receivables', 'pay', id, '--amount', '600']);
    expect(over.code).not.toBe(0);
    expect(over.err).toContain('more than');
    const paid = await runCliOn(n.owner, ['receivables', 'pay', id, '--amount', '523.90']);
    expect(paid.out).toContain('523.90 of 523.90 EUR paid (paid)');
    const table = await runCliOn(n.owner, ['receivables']);
    expect(table.out).toMatch(/ID\s+PARTNER\s+ORDER\s+AMOUNT\s+OPEN\s+STATUS/);
  });

  it('reports a bad line as its flag', async () => {
    const bad = await runCliOn(n.p1, [
      'orders',
      'place',
      '--seller',
      String(n.ownerOnP1),
      '--type',
      'cash_sale',
      '--lines',
      'KB-100:1',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--sold-at');
    const garbled = await runCliOn(n.p1, [
      'orders',
      'place',
      '--seller',
      '1',
      '--type',
      'standard',
      '--lines',
      'KB-100',
    ]);
    expect(garbled.code).toBe(2);
    expect(garbled.err).toContain('SKU:QTY');
  });
});
