/**
 * Orders and expense claims checked against the counterpart's accounting data, between real
 * nodes: the sender refuses locally (unknown_code, naming the field) against the copy it holds;
 * the recipient rejects on arrival against what it pushed; without accounting data, nothing
 * changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRows } from '../support/federation.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { LIST_ID, orderOn, startOrderNodes, type OrderNodes } from '../orders/order-nodes.ts';

let n: OrderNodes;
let allocationId: string;

async function heldVersion(node: TestNode, version: number) {
  await eventually(async () => {
    const res = await node.api('GET', '/accounting/std');
    return res.body.versions?.find((v: any) => v.version === version)?.status === 'applied';
  });
}

const order = (seller: number) => ({
  seller,
  type: 'standard',
  priceListId: LIST_ID,
  lines: [{ sku: 'MS-200', qty: '2' }],
});

const claim = (lines: object[]) => ({
  allocation: allocationId,
  invoiceNumber: `INV-${Math.random().toString(36).slice(2, 8)}`,
  invoiceDate: '2027-02-20',
  activity: 'trade_show',
  lines,
  total: '10.00',
  proof: [{ sha256: 'a'.repeat(64), name: 'invoice.pdf', size: 1200 }],
});

beforeAll(async () => {
  n = await startOrderNodes();
  const made = await n.owner.api('POST', '/funds/allocations', {
    partner: n.p1Id,
    amount: '5000.00',
    currency: 'EUR',
    validFrom: '2027-01-01',
    validTo: '2027-06-30',
    claimDeadline: '2027-07-31',
    activities: ['trade_show'],
  });
  expect(made.status).toBe(201);
  allocationId = made.body.allocationId;
  await eventually(
    async () => (await n.p1.api('GET', `/funds/allocations/${allocationId}`)).status === 200,
  );
  // The seller's accounting data: euros and one expense account, pushed to p1 only.
  await n.owner.api('POST', '/accounting', { id: 'std', name: 'Acme terms' });
  const v1 = await n.owner.api('POST', '/accounting/std/versions', {
    entries: [
      { type: 'currency', code: 'EUR', name: 'Euro', rate: '1' },
      { type: 'account', code: '6400', name: 'Marketing', use: 'expense_claim' },
      { type: 'uom', code: 'EA', name: 'Each' },
      { type: 'tax_category', code: 'S', name: 'Standard', rate: '19' },
      { type: 'payment_terms', code: 'NET30', name: '30 days net', days: '30' },
    ],
  });
  expect(v1.status).toBe(201);
  await n.owner.api('POST', '/accounting/std/push', { partners: [n.p1Id] });
  await heldVersion(n.p1, 1);
}, 60_000);
afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

describe('catalog › checks against accounting data', () => {
  it("an order's payment terms and its lines' units and tax categories must be the seller's", async () => {
    const bad = await n.p1.api('POST', '/orders', {
      ...order(n.ownerOnP1),
      lines: [
        { sku: 'MS-200', qty: '2', uom: 'EA', taxCategory: 'S' },
        { sku: 'KB-100', qty: '1', uom: 'BOX' },
      ],
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'unknown_code', field: 'lines[1].uom' } },
    });
    const badTax = await n.p1.api('POST', '/orders', {
      ...order(n.ownerOnP1),
      lines: [{ sku: 'MS-200', qty: '2', taxCategory: 'Z' }],
    });
    expect(badTax.body.error).toMatchObject({
      code: 'unknown_code',
      field: 'lines[0].taxCategory',
    });
    const badTerms = await n.p1.api('POST', '/orders', {
      ...order(n.ownerOnP1),
      paymentTerms: 'NET90',
    });
    expect(badTerms.body.error).toMatchObject({ code: 'unknown_code', field: 'paymentTerms' });
    const good = await n.p1.api('POST', '/orders', {
      ...order(n.ownerOnP1),
      paymentTerms: 'NET30',
      lines: [{ sku: 'MS-200', qty: '2', uom: 'EA', taxCategory: 'S' }],
    });
    expect(good.status).toBe(201);
    const onSeller = await orderOn(n.owner, good.body.orderId, (o) => o.status === 'acknowledged');
    expect(onSeller.paymentTerms).toBe('NET30');
    expect(onSeller.lines[0]).toMatchObject({ sku: 'MS-200', uom: 'EA', taxCategory: 'S' });
  });

  it('a claim must use the vendor account codes: refused locally with the field, nothing sent', async () => {
    const before = (await outboundRows(n.p1)).length;
    const missing = await n.p1.api(
      'POST',
      '/funds/claims',
      claim([{ description: 'Booth', amount: '10.00' }]),
    );
    expect(missing).toMatchObject({
      status: 400,
      body: { error: { code: 'unknown_code', field: 'lines[0].accountCode' } },
    });
    const unknown = await n.p1.api(
      'POST',
      '/funds/claims',
      claim([{ description: 'Booth', amount: '10.00', accountCode: '9999' }]),
    );
    expect(unknown.body.error).toMatchObject({
      code: 'unknown_code',
      field: 'lines[0].accountCode',
    });
    expect((await outboundRows(n.p1)).length).toBe(before);
    const good = await n.p1.api(
      'POST',
      '/funds/claims',
      claim([{ description: 'Booth', amount: '10.00', accountCode: '6400' }]),
    );
    expect(good.status).toBe(201);
    const onVendor = await eventually(async () => {
      const res = await n.owner.api('GET', `/funds/claims/${good.body.claimId}`);
      return res.status === 200 ? res.body : null;
    });
    expect(onVendor).toMatchObject({ status: 'submitted' });
    expect(onVendor.lines).toEqual([
      { description: 'Booth', amount: '10.00', accountCode: '6400' },
    ]);
  });

  it('the recipient rejects what breaks its current data even when the sender holds an older copy', async () => {
    // v2 (not pushed): dollars instead of euros, another account.
    const v2 = await n.owner.api('POST', '/accounting/std/versions', {
      entries: [
        { type: 'currency', code: 'USD', name: 'US dollar', rate: '1.08' },
        { type: 'account', code: '7000', name: 'Events', use: 'expense_claim' },
      ],
    });
    expect(v2.status).toBe(201);
    const placed = await n.p1.api('POST', '/orders', order(n.ownerOnP1));
    expect(placed.status).toBe(201);
    const rejected = await orderOn(n.p1, placed.body.orderId, (o) => o.response?.code === 'RE');
    expect(rejected.response.reasonCode).toBe('unknown_code');

    const filed = await n.p1.api(
      'POST',
      '/funds/claims',
      claim([{ description: 'Booth', amount: '10.00', accountCode: '6400' }]),
    );
    expect(filed.status).toBe(201);
    const decided = await eventually(async () => {
      const res = await n.p1.api('GET', `/funds/claims/${filed.body.claimId}`);
      return res.body.status === 'rejected' ? res.body : null;
    });
    expect(decided.reasonCode).toBe('unknown_code');
  });

  it('an order in a currency the held data lacks is refused locally; without data, unchanged', async () => {
    await n.owner.api('POST', '/accounting/std/push', { partners: [n.p1Id] });
    await heldVersion(n.p1, 2);
    const before = (await outboundRows(n.p1)).length;
    const refused = await n.p1.api('POST', '/orders', order(n.ownerOnP1));
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { code: 'unknown_code', field: 'currency' } },
    });
    expect((await outboundRows(n.p1)).length).toBe(before);
    // p2 was never sent accounting data, and the seller pushed none to it: its order goes through.
    const placed = await n.p2.api('POST', '/orders', order(n.ownerOnP2));
    expect(placed.status).toBe(201);
    await orderOn(n.p2, placed.body.orderId, (o) => o.status === 'acknowledged');
  });
});
