/**
 * Invoices refer to the seller's accounting data (issue #20, item 5): an order placed with the
 * seller's payment terms (NET30, 30 days) falls due 30 days after it is invoiced; order.status
 * invoiced carries dueAt, both sides show it on the order (admin API and CLI), the seller on
 * its receivable; an order without terms has no due date; dueAt travels with invoiced only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../../protocol/index.ts';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { LIST_ID, orderOn, startOrderNodes, type OrderNodes } from './order-nodes.ts';

let n: OrderNodes;
const DAY_MS = 86_400_000;

async function heldVersion(node: TestNode, version: number) {
  await eventually(async () => {
    const res = await node.api('GET', '/accounting/std');
    return res.body.versions?.find((v: any) => v.version === version)?.status === 'applied';
  });
}

/** Places an order on p1, has the seller accept and invoice it; both sides' views after. */
async function invoicedOrder(extra: Record<string, unknown>) {
  const placed = await n.p1.api('POST', '/orders', {
    seller: n.ownerOnP1,
    type: 'standard',
    priceListId: LIST_ID,
    lines: [{ sku: 'MS-200', qty: '2' }],
    ...extra,
  });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const orderId = placed.body.orderId as string;
  await orderOn(n.owner, orderId, (o) => o.status === 'acknowledged');
  expect((await n.owner.api('POST', `/orders/${orderId}/response`, { code: 'AP' })).status).toBe(
    200,
  );
  const invoiced = await n.owner.api('POST', `/orders/${orderId}/status`, { status: 'invoiced' });
  expect(invoiced.status, JSON.stringify(invoiced.body)).toBe(200);
  const buyer = await orderOn(n.p1, orderId, (o) => o.status === 'invoiced');
  const seller = await orderOn(n.owner, orderId, (o) => o.status === 'invoiced');
  return { orderId, buyer, seller };
}

beforeAll(async () => {
  n = await startOrderNodes();
  await n.owner.api('POST', '/accounting', { id: 'std', name: 'Terms' });
  const v1 = await n.owner.api('POST', '/accounting/std/versions', {
    entries: [
      { type: 'currency', code: 'EUR', name: 'Euro', rate: '1' },
      { type: 'payment_terms', code: 'NET30', name: '30 days net', days: '30' },
    ],
  });
  expect(v1.status).toBe(201);
  await n.owner.api('POST', '/accounting/std/push', { partners: [n.p1Id] });
  await heldVersion(n.p1, 1);
}, 60_000);
afterAll(async () => {
  await n?.stop();
  await removeTestDirs();
});

describe('orders › invoices and payment terms', () => {
  it("an invoice falls due after the days of the order's payment terms, on both sides", async () => {
    const { orderId, buyer, seller } = await invoicedOrder({ paymentTerms: 'NET30' });
    const due = new Date(new Date(seller.invoicedAt).getTime() + 30 * DAY_MS).toISOString();
    expect(seller.paymentDueAt).toBe(due);
    expect(seller.receivable).toMatchObject({ status: 'open', dueAt: due });
    expect(buyer.paymentDueAt).toBe(due);
    expect(buyer.timeline.find((e: any) => e.code === 'invoiced').detail).toEqual({ dueAt: due });

    const receivables = await n.owner.api('GET', '/receivables');
    expect(receivables.body.receivables.find((r: any) => r.orderId === orderId).dueAt).toBe(due);
    const shown = await runCliOn(n.p1, ['orders', 'show', orderId]);
    expect(shown.out).toMatch(/payment due\s+\S.*\(NET30\)/);
    const listed = await runCliOn(n.owner, ['receivables']);
    expect(listed.out).toMatch(/DUE/);
  });

  it('an order without payment terms has no due date', async () => {
    const { buyer, seller } = await invoicedOrder({});
    expect(seller.paymentDueAt).toBeNull();
    expect(seller.receivable.dueAt).toBeNull();
    expect(buyer.paymentDueAt).toBeNull();
  });

  it('dueAt travels with invoiced only', () => {
    const registry = createSchemaRegistry();
    const base = { orderId: 'o-1', at: '2027-03-02T14:00:00Z', dueAt: '2027-04-01T14:00:00Z' };
    expect(registry.validateBody('order.status', { ...base, status: 'invoiced' })).toEqual({
      ok: true,
    });
    expect(registry.validateBody('order.status', { ...base, status: 'shipped' }).ok).toBe(false);
  });
});
