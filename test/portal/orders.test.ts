import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  deliveredTo,
  expectApi,
  type Invited,
  PortalClient,
  pushEuPriceList,
  startTwoPartnerPortal,
} from './portal-fixture.ts';

describe('portal › orders and the open amount', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let a: Invited;
  let b: Invited;
  let asA: PortalClient;
  let asB: PortalClient;

  beforeAll(async () => {
    ({ vendor, a, b, asA, asB } = await startTwoPartnerPortal({ clock }));
    await pushEuPriceList(vendor, a.partnerId, [
      { sku: 'KB-100', listPrice: '49.90', standardPrice: '44.00' },
      { sku: 'KB-100', listPrice: '47.90', standardPrice: '42.00', minQty: '10' },
      { sku: 'MS-200', listPrice: '19.90' },
    ]);
    await deliveredTo(vendor, a.partnerId, 'pricelist.push');
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  let orderPath = '';

  it('shows every problem of the order form at once, next to its field', async () => {
    const form = await asA.get('/portal/orders/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('EU partners (version 1)');
    expect(form.text).toMatch(/<label for="f-sku1">SKU, row 1/);
    const bad = await asA.post('/portal/orders', {
      priceList: 'eu-partners',
      type: 'drop_ship',
      sku1: 'KB-100',
      qty1: 'many',
      sku2: 'XX-1',
      qty2: '1',
      qty3: '2',
      soldAt: '2027-03-01T09:00:00Z',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('There are');
    for (const id of ['f-qty1', 'f-sku3', 'f-customerName', 'f-shipName', 'f-soldAt']) {
      expect(bad.text).toContain(`href="#${id}"`);
    }
    // Values typed are kept.
    expect(bad.text).toContain('value="XX-1"');
    const unknownSku = await asA.post('/portal/orders', {
      priceList: 'eu-partners',
      type: 'standard',
      sku1: 'XX-1',
      qty1: '1',
    });
    expect(unknownSku.status).toBe(400);
    expect(unknownSku.text).toContain('XX-1 is not in the price list');
  });

  it('places an order priced from the list; the vendor answers and it shows', async () => {
    await asA.get('/portal/orders/new');
    const placed = await asA.post('/portal/orders', {
      priceList: 'eu-partners',
      type: 'standard',
      sku1: 'KB-100',
      qty1: '12',
      sku2: 'MS-200',
      qty2: '2',
      note: 'Before Friday please.',
    });
    expect(placed.status).toBe(303);
    orderPath = placed.location!.split('?')[0]!;
    expect(placed.location).toContain('done=ordered');
    const page = await asA.get(placed.location!);
    expect(page.text).toContain('Your order was sent to the vendor.');
    expect(page.text).toContain('Received; the vendor is checking it');
    expect(page.text).toContain('€543.80');

    const orderId = decodeURIComponent(orderPath.split('/').at(-1)!);
    const onVendor = await expectApi(vendor, 200, 'GET', `/orders/${orderId}`);
    expect(onVendor).toMatchObject({ status: 'acknowledged', total: '543.80' });
    await expectApi(vendor, 200, 'POST', `/orders/${onVendor.id}/response`, {
      code: 'CA',
      lines: [{ line: 2, qty: '1' }],
      reason: 'One mouse left.',
    });
    await expectApi(vendor, 200, 'POST', `/orders/${onVendor.id}/status`, {
      status: 'shipped',
      tracking: 'DHL 1234',
    });
    await expectApi(vendor, 200, 'POST', `/orders/${onVendor.id}/status`, { status: 'invoiced' });
    const after = await asA.get(orderPath);
    expect(after.text).toContain('Accepted with changes');
    expect(after.text).toContain('One mouse left.');
    expect(after.text).toContain('Changed to 1 at €19.90');
    expect(after.text).toContain('DHL 1234');
    expect(after.text).toContain('€523.90 open of €523.90');
    // Shipped: no cancel form, and a cancel posted anyway is refused.
    expect(after.text).not.toContain('Ask to cancel');
    const cancel = await asA.post(`${orderPath}/cancel`, { reason: 'late' });
    expect(cancel.location).toContain('error=already_shipped');

    const list = await asA.get('/portal/orders');
    expect(list.text).toContain('€523.90 open (1 invoice)');
    expect(list.text).toContain(`href="${orderPath}"`);
  });

  it('asks for a cancellation before shipping, and the vendor’s node cancels', async () => {
    await asA.get('/portal/orders/new');
    const placed = await asA.post('/portal/orders', {
      priceList: 'eu-partners',
      type: 'replenishment',
      sku1: 'MS-200',
      qty1: '3',
    });
    const path = placed.location!.split('?')[0]!;
    const page = await asA.get(path);
    expect(page.text).toContain('Ask to cancel');
    const empty = await asA.post(`${path}/cancel`, { reason: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Say why you cancel.');
    const asked = await asA.post(`${path}/cancel`, { reason: 'Not needed after all' });
    expect(asked.location).toContain('done=cancel_asked');
    const after = await asA.get(path);
    expect(after.text).toContain('status-cancelled');
    expect(after.text).toContain('Not needed after all');
  });

  it('scopes orders to their partner: another partner gets 404 and refusals', async () => {
    expect((await asB.get(orderPath)).status).toBe(404);
    await asB.get('/portal/orders');
    expect((await asB.post(`${orderPath}/cancel`, { reason: 'mine now' })).status).toBe(404);
    const list = await asB.get('/portal/orders');
    expect(list.text).toContain('No orders yet.');
    expect(list.text).toContain('You owe the vendor nothing');
    // B has no price list shared: nothing to order from, and a forged post is a field error.
    const form = await asB.get('/portal/orders/new');
    expect(form.text).toContain('has not shared a price list with you');
    const forged = await asB.post('/portal/orders', {
      priceList: 'eu-partners',
      type: 'standard',
      sku1: 'KB-100',
      qty1: '1',
    });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('has not shared a price list with you');
    expect(await expectApi(vendor, 200, 'GET', `/orders?partner=${b.partnerId}`)).toMatchObject({
      orders: [],
    });
    // Without the CSRF token nothing is sent.
    expect((await asA.post('/portal/orders', { _csrf: null, type: 'standard' })).status).toBe(403);
  });

  it('rejects a cash sale from the form picked up long ago at an old price (issue #14, 1)', async () => {
    await expectApi(vendor, 201, 'POST', '/price-lists/eu-partners/versions', {
      validFrom: clock.now().toISOString(),
      lines: [{ sku: 'KB-100', listPrice: '150.00' }],
    });
    await asA.get('/portal/orders/new');
    const placed = await asA.post('/portal/orders', {
      priceList: 'eu-partners',
      type: 'cash_sale',
      sku1: 'KB-100',
      qty1: '1',
      soldAt: '2027-01-15T10:00:00Z',
    });
    // The form says why before anything is sent (the vendor's node would answer RE anyway).
    expect(placed.status).toBe(400);
    expect(placed.text).toContain('href="#f-soldAt"');
    expect(placed.text).toContain('up to 24 hours after the pick-up');
    const orders = await expectApi(vendor, 200, 'GET', `/orders?partner=${a.partnerId}`);
    expect(orders.orders.filter((o: any) => o.type === 'cash_sale')).toEqual([]);
    // Within the window, the sale is booked at the version in effect at the pick-up.
    clock.advance(3 * 3600_000);
    await asA.get('/portal/orders/new');
    const recent = await asA.post('/portal/orders', {
      priceList: 'eu-partners',
      type: 'cash_sale',
      sku1: 'KB-100',
      qty1: '1',
      soldAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
    });
    expect(recent.status).toBe(303);
    const orderId = decodeURIComponent(recent.location!.split('?')[0]!.split('/').at(-1)!);
    expect(await expectApi(vendor, 200, 'GET', `/orders/${orderId}`)).toMatchObject({
      status: 'delivered',
      total: '150.00',
      receivable: { amount: '150.00' },
    });
  });
});
