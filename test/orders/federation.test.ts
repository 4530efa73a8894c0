import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRows } from '../support/federation.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import { LIST_ID, orderOn, sharedState, startOrderNodes, type OrderNodes } from './order-nodes.ts';

describe('orders › a seller and two buyers', () => {
  let n: OrderNodes;
  beforeAll(async () => {
    n = await startOrderNodes();
  }, 60_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  it('places an order priced from the held version; the seller acknowledges, then accepts', async () => {
    const placed = await n.p1.api('POST', '/orders', {
      seller: n.ownerOnP1,
      type: 'standard',
      lines: [
        { sku: 'KB-100', qty: '12' },
        { sku: 'MS-200', qty: '3' },
      ],
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      direction: 'outgoing',
      status: 'placed',
      priceListId: LIST_ID,
      priceListVersion: 1,
      currency: 'EUR',
      // 12 × 42.00 (the break at 10) + 3 × 19.90
      total: '563.70',
    });
    expect(placed.body.lines.map((l: any) => l.unitPrice)).toEqual(['42.00', '19.90']);
    const orderId = placed.body.orderId;

    const onSeller = await orderOn(n.owner, orderId, (o) => o.status === 'acknowledged');
    expect(onSeller).toMatchObject({ direction: 'incoming', role: 'seller', total: '563.70' });
    await orderOn(n.p1, orderId, (o) => o.status === 'acknowledged');

    const answered = await n.owner.api('POST', `/orders/${orderId}/response`, { code: 'AP' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'accepted', acceptedTotal: '563.70' });
    const onBuyer = await orderOn(n.p1, orderId, (o) => o.status === 'accepted');
    expect(sharedState(onBuyer)).toEqual(sharedState(answered.body));
    expect(onBuyer.timeline.map((e: any) => [e.type, e.code])).toEqual([
      ['placed', null],
      ['response', 'AB'],
      ['response', 'AP'],
    ]);
  });

  it('accepts with changes: the changed lines travel and both sides total them alike', async () => {
    const placed = await n.p2.api('POST', '/orders', {
      seller: n.ownerOnP2,
      type: 'drop_ship',
      priceListId: LIST_ID,
      lines: [
        { sku: 'HS-300', qty: '2' },
        { sku: 'MS-200', qty: '5' },
      ],
      endCustomer: { name: 'Acme GmbH', domain: 'acme.example' },
      shipTo: { name: 'Acme GmbH', street: 'Hafenstrasse 4', city: 'Hamburg', country: 'DE' },
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.orderId;
    await orderOn(n.owner, orderId, (o) => o.status === 'acknowledged');
    const answered = await n.owner.api('POST', `/orders/${orderId}/response`, {
      code: 'CA',
      lines: [
        { line: 1, qty: '1' },
        { line: 2, qty: '0' },
      ],
      reason: 'Only one headset left; the mice are out of stock.',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'accepted', acceptedTotal: '89.00' });
    const onBuyer = await orderOn(n.p2, orderId, (o) => o.status === 'accepted');
    expect(onBuyer.response).toMatchObject({
      code: 'CA',
      lines: [
        { line: 1, sku: 'HS-300', qty: '1', unitPrice: '89.00' },
        { line: 2, sku: 'MS-200', qty: '0', unitPrice: '19.90' },
      ],
    });
    expect(onBuyer.acceptedLines).toEqual([
      { line: 1, sku: 'HS-300', qty: '1', unitPrice: '89.00', amount: '89.00' },
    ]);
    expect(sharedState(onBuyer)).toEqual(sharedState(answered.body));
  });

  it('rejects a price that does not match the version, naming the line and a stable code', async () => {
    const placed = await n.p1.api('POST', '/orders', {
      seller: n.ownerOnP1,
      type: 'standard',
      lines: [
        { sku: 'KB-100', qty: '2', unitPrice: '40.00' },
        { sku: 'MS-200', qty: '1' },
      ],
    });
    expect(placed.status).toBe(201);
    const onBuyer = await orderOn(n.p1, placed.body.orderId, (o) => o.status === 'rejected');
    expect(onBuyer.response).toMatchObject({
      code: 'RE',
      reasonCode: 'line_errors',
      lines: [{ line: 1, sku: 'KB-100', code: 'price_mismatch' }],
    });
    expect(onBuyer.response.reason).toContain('line 1 (KB-100)');
    expect(onBuyer.response.reason).toContain('44.00');
    const onSeller = await orderOn(n.owner, placed.body.orderId, (o) => o.status === 'rejected');
    expect(sharedState(onSeller)).toEqual(sharedState(onBuyer));
    // A rejected order cannot be answered again.
    const again = await n.owner.api('POST', `/orders/${placed.body.orderId}/response`, {
      code: 'AP',
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_answered' } } });
  });

  it('books a cash sale at once: accepted, delivered, never shipped, a receivable open', async () => {
    const soldAt = n.clock.now().toISOString();
    const placed = await n.p2.api('POST', '/orders', {
      seller: n.ownerOnP2,
      type: 'cash_sale',
      soldAt,
      lines: [{ sku: 'KB-100', qty: '1' }],
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.orderId;
    const onSeller = await orderOn(n.owner, orderId, (o) => o.status === 'delivered');
    expect(onSeller).toMatchObject({ responseCode: 'AP', shippedAt: null, acceptedTotal: '44.00' });
    expect(onSeller.receivable).toMatchObject({ amount: '44.00', paid: '0', status: 'open' });
    const onBuyer = await orderOn(n.p2, orderId, (o) => o.status === 'delivered');
    expect(sharedState(onBuyer)).toEqual(sharedState(onSeller));

    const ship = await n.owner.api('POST', `/orders/${orderId}/status`, { status: 'shipped' });
    expect(ship).toMatchObject({ status: 409, body: { error: { code: 'cash_sale_not_shipped' } } });

    const rec = await n.owner.api('GET', `/receivables?partner=${n.p2Id}&status=open`);
    expect(rec.status).toBe(200);
    expect(rec.body.openTotals).toEqual([
      {
        partner: expect.objectContaining({ id: n.p2Id }),
        currency: 'EUR',
        open: '44.00',
        count: 1,
      },
    ]);
    const id = rec.body.receivables[0].id;
    const over = await n.owner.api('POST', `/receivables/${id}/payments`, { amount: '44.01' });
    expect(over).toMatchObject({ status: 409, body: { error: { code: 'overpayment' } } });
    const part = await n.owner.api('POST', `/receivables/${id}/payments`, { amount: '40.50' });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ paid: '40.50', open: '3.50', status: 'open' });
    const rest = await n.owner.api('POST', `/receivables/${id}/payments`, { amount: '3.50' });
    expect(rest.body).toMatchObject({ paid: '44.00', open: '0.00', status: 'paid' });
    expect(rest.body.payments.map((p: any) => p.amount)).toEqual(['40.50', '3.50']);
    const after = await n.owner.api('GET', `/receivables?partner=${n.p2Id}`);
    expect(after.body.openTotals).toEqual([]);
  });

  it('refuses to cancel after shipping, at the buyer API and at the seller if it races', async () => {
    const placed = await n.p1.api('POST', '/orders', {
      seller: n.ownerOnP1,
      type: 'replenishment',
      lines: [{ sku: 'MS-200', qty: '20' }],
    });
    const orderId = placed.body.orderId;
    await orderOn(n.owner, orderId, (o) => o.status === 'acknowledged');
    await n.owner.api('POST', `/orders/${orderId}/response`, { code: 'AP' });
    await orderOn(n.p1, orderId, (o) => o.status === 'accepted');

    // Shipped on the seller; the buyer cancels before it hears of it: the seller refuses.
    const shipped = await n.owner.api('POST', `/orders/${orderId}/status`, {
      status: 'shipped',
      tracking: 'DHL 0034',
    });
    expect(shipped.body).toMatchObject({ status: 'shipped', tracking: 'DHL 0034' });
    const onBuyer = await orderOn(n.p1, orderId, (o) => o.status === 'shipped');
    expect(onBuyer.tracking).toBe('DHL 0034');
    const refused = await n.p1.api('POST', `/orders/${orderId}/cancel`, { reason: 'Too late?' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'already_shipped' } } });

    const invoiced = await n.owner.api('POST', `/orders/${orderId}/status`, { status: 'invoiced' });
    expect(invoiced.body.receivable).toMatchObject({ amount: '398.00', status: 'open' });
    const final = await orderOn(n.p1, orderId, (o) => o.status === 'invoiced');
    expect(sharedState(final)).toEqual(sharedState(invoiced.body));
  });

  it('cancels before shipping: the buyer asks, the seller confirms', async () => {
    const placed = await n.p2.api('POST', '/orders', {
      seller: n.ownerOnP2,
      type: 'standard',
      lines: [{ sku: 'HS-300', qty: '1' }],
    });
    const orderId = placed.body.orderId;
    await orderOn(n.p2, orderId, (o) => o.status === 'acknowledged');
    const asked = await n.p2.api('POST', `/orders/${orderId}/cancel`, { reason: 'Not needed' });
    expect(asked.body).toMatchObject({ status: 'acknowledged', cancelRequested: true });
    const onSeller = await orderOn(n.owner, orderId, (o) => o.status === 'cancelled');
    expect(onSeller).toMatchObject({ cancelledBy: 'buyer', cancelReason: 'Not needed' });
    const onBuyer = await orderOn(n.p2, orderId, (o) => o.status === 'cancelled');
    expect(sharedState(onBuyer)).toEqual(sharedState(onSeller));
    const ship = await n.owner.api('POST', `/orders/${orderId}/status`, { status: 'shipped' });
    expect(ship).toMatchObject({ status: 409, body: { error: { code: 'order_cancelled' } } });
  });

  it('lets the seller cancel too; the buyer ends cancelled by the seller', async () => {
    const placed = await n.p1.api('POST', '/orders', {
      seller: n.ownerOnP1,
      type: 'standard',
      lines: [{ sku: 'KB-100', qty: '1' }],
    });
    const orderId = placed.body.orderId;
    await orderOn(n.owner, orderId, (o) => o.status === 'acknowledged');
    const cancelled = await n.owner.api('POST', `/orders/${orderId}/cancel`, {
      reason: 'Discontinued',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'seller' });
    const onBuyer = await orderOn(n.p1, orderId, (o) => o.status === 'cancelled');
    expect(onBuyer).toMatchObject({ cancelledBy: 'seller', cancelReason: 'Discontinued' });
    expect(sharedState(onBuyer)).toEqual(sharedState(cancelled.body));
    const again = await n.p1.api('POST', `/orders/${orderId}/cancel`, { reason: 'me too' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_cancelled' } } });
  });

  it('refuses bad input with a 400 naming the field, and acts only in its role', async () => {
    const place = (body: Record<string, unknown>) =>
      n.p1.api('POST', '/orders', { seller: n.ownerOnP1, type: 'standard', ...body });
    const line = [{ sku: 'KB-100', qty: '1' }];
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ type: 'drop_ship', lines: line }, 400, 'invalid_field', 'endCustomer'],
      [{ lines: [{ sku: 'NOPE', qty: '1' }] }, 400, 'unknown_sku', 'lines[0].sku'],
      [{ lines: [{ sku: 'KB-100', qty: '-1' }] }, 400, 'invalid_field', 'lines[0].qty'],
      [{ lines: [] }, 400, 'invalid_field', 'lines'],
      [{ lines: line, seller: 999 }, 400, 'invalid_field', 'seller'],
      [{ lines: line, priceListId: 'nope' }, 404, 'not_found', ''],
      [{ lines: line, colour: 'red' }, 400, 'invalid_field', 'colour'],
      [
        { type: 'cash_sale', lines: line, soldAt: '2027-03-02T09:00:00Z' },
        400,
        'invalid_field',
        'soldAt',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await place(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code, JSON.stringify(body)).toBe(code);
      if (field) expect(res.body.error.field).toBe(field);
    }
    const before = await n.p1.api('GET', '/orders');
    const placed = await place({ lines: line });
    const answer = await n.p1.api('POST', `/orders/${placed.body.id}/response`, { code: 'AP' });
    expect(answer).toMatchObject({ status: 409, body: { error: { code: 'not_seller' } } });
    const status = await n.p1.api('POST', `/orders/${placed.body.id}/status`, {
      status: 'shipped',
    });
    expect(status).toMatchObject({ status: 409, body: { error: { code: 'not_seller' } } });
    await orderOn(n.owner, placed.body.orderId, (o) => o.status === 'acknowledged');
    const re = await n.owner.api('POST', `/orders/${placed.body.orderId}/response`, {
      code: 'RE',
    });
    expect(re).toMatchObject({ status: 400, body: { error: { field: 'reason' } } });
    const early = await n.owner.api('POST', `/orders/${placed.body.orderId}/status`, {
      status: 'shipped',
    });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'not_accepted' } } });
    expect((await n.p1.api('GET', '/orders')).body.orders.length).toBe(
      before.body.orders.length + 1,
    );
  });

  it('lists orders by partner, status and direction', async () => {
    const incoming = await n.owner.api('GET', `/orders?direction=incoming&partner=${n.p1Id}`);
    expect(incoming.status).toBe(200);
    expect(incoming.body.orders.length).toBe(5);
    const rejected = await n.owner.api('GET', '/orders?status=rejected');
    expect(rejected.body.orders).toHaveLength(1);
    const outgoing = await n.p1.api('GET', '/orders?direction=outgoing');
    expect(outgoing.body.orders).toHaveLength(5);
    const bad = await n.owner.api('GET', '/orders?direction=sideways');
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'direction' } } });
    await eventually(async () =>
      (await outboundRows(n.owner)).every((r) => r.status === 'delivered'),
    );
  });
});
