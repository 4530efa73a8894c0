/**
 * Shared services on the portal, in Chromium: a portal partner opens an accounting request with
 * one of its orders attached (the vendor holds a read-only snapshot of it), cannot attach another
 * partner's order, and sees on the request's page the document it carries and the charge the
 * vendor booked when it resolved the billable request. A revision keeps the document. Skipped
 * without Chromium, except on CI.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { CHROMIUM_PATH, HAVE_CHROMIUM, launchChromium, PHONE } from './browser.ts';
import {
  deliveredTo,
  expectApi,
  type Invited,
  invitePortal,
  PortalClient,
  pushEuPriceList,
  startVendor,
} from './portal-fixture.ts';

const ON_CI = process.env.CI === 'true';
if (!HAVE_CHROMIUM && !ON_CI) {
  console.warn(`portal › shared services in Chromium: skipped, no Chromium at ${CHROMIUM_PATH}`);
}

describe.runIf(!HAVE_CHROMIUM && ON_CI)('portal › shared services in Chromium (CI)', () => {
  it('needs Chromium on CI', () => {
    expect(HAVE_CHROMIUM, `no Chromium at ${CHROMIUM_PATH}`).toBe(true);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('portal › shared services in Chromium', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let browser: Browser;
  let a: Invited;
  let b: Invited;
  let orderOfA: string;
  let orderOfB: string;

  const placeOrder = async (partner: Invited) => {
    const client = new PortalClient(vendor.url);
    await client.signIn(partner.signInUrl);
    await client.get('/portal/orders/new');
    const placed = await client.post('/portal/orders', {
      priceList: 'eu-partners',
      type: 'standard',
      sku1: 'KB-100',
      qty1: '2',
    });
    expect(placed.status, placed.text.slice(0, 500)).toBe(303);
    const [order] = (await expectApi(vendor, 200, 'GET', `/orders?partner=${partner.partnerId}`))
      .orders;
    return order.orderId as string;
  };

  beforeAll(async () => {
    [vendor, browser] = await Promise.all([startVendor({ clock }), launchChromium()]);
    a = await invitePortal(vendor, 'Alpha Partner');
    b = await invitePortal(vendor, 'Bravo Partner');
    await pushEuPriceList(vendor, a.partnerId, [{ sku: 'KB-100', listPrice: '49.90' }]);
    await expectApi(vendor, 202, 'POST', '/price-lists/eu-partners/push', {
      partners: [b.partnerId],
    });
    await deliveredTo(vendor, a.partnerId, 'pricelist.push');
    await deliveredTo(vendor, b.partnerId, 'pricelist.push');
    orderOfA = await placeOrder(a);
    orderOfB = await placeOrder(b);
    await expectApi(vendor, 200, 'PUT', `/service/agreements/${a.partnerId}`, {
      categories: ['accounting', 'shipping'],
      billable: true,
      price: '25.00',
      currency: 'EUR',
      priceUnit: 'request',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await vendor?.stop();
    await removeTestDirs();
  });

  it(
    'attaches an order to a request and shows the document and the charge',
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext(PHONE);
      const page = await context.newPage();
      const link = await vendor.api('POST', `/portal/users/${a.userId}/links`, {});
      await page.goto(link.body.signInUrl);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.url()).toBe(`${vendor.url}/portal/home`);

      await page.goto(`${vendor.url}/portal/requests/new`);
      // Only the partner's own orders are suggested.
      const offered = await page
        .locator('#f-attachOrder-suggestions option')
        .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
      expect(offered).toEqual([orderOfA]);
      await page.getByLabel('Category').selectOption('accounting');
      await page.getByLabel('Subject').fill('Credit note for a crushed keyboard');
      await page.getByLabel('Description').fill('One of the two arrived broken.');
      await page.getByLabel('Attach one of your orders').fill(orderOfA);
      await page.getByLabel('Which document').selectOption('order');
      await page.getByRole('button', { name: 'Send the request' }).click();
      await expect.poll(() => page.url()).toContain('/portal/requests/');
      expect(await page.getByRole('status').textContent()).toBeTruthy();
      const requestId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
      expect(await page.locator('ul.documents').textContent()).toContain(`Order ${orderOfA}`);

      // The vendor, the provider, holds the snapshot read-only with the request.
      const held = await expectApi(vendor, 200, 'GET', `/service/requests/${requestId}`);
      expect(held.attachments).toEqual([
        expect.objectContaining({
          type: 'order',
          recordId: orderOfA,
          readOnly: true,
          snapshot: expect.objectContaining({ orderId: orderOfA, currency: 'EUR' }),
        }),
      ]);

      // A revision from the portal keeps the document.
      await page.getByLabel('Subject').last().fill('Credit note for one crushed keyboard');
      await page.getByRole('button', { name: 'Send the changed request' }).click();
      await expect
        .poll(
          async () =>
            (await expectApi(vendor, 200, 'GET', `/service/requests/${requestId}`)).version,
        )
        .toBe(2);
      expect(
        (await expectApi(vendor, 200, 'GET', `/service/requests/${requestId}`)).attachments,
      ).toHaveLength(1);

      // Resolved by the vendor: the billable request's charge shows on the partner's page.
      await expectApi(vendor, 200, 'POST', `/service/requests/${held.id}/updates`, {
        status: 'resolved',
      });
      await page.reload();
      const facts = await page.locator('dl.facts').last().textContent();
      expect(facts).toContain('Charge');
      expect(facts).toContain('€25.00');
      expect(facts).toContain('to be invoiced');
      await expectApi(vendor, 200, 'POST', '/service/charges/invoice', {
        partner: a.partnerId,
        invoiceNumber: 'SVC-2027-007',
      });
      await page.reload();
      expect(await page.locator('dl.facts').last().textContent()).toContain(
        'invoiced as SVC-2027-007',
      );
      await context.close();
    },
  );

  it('refuses another partner’s order, and a document the order does not have yet', async () => {
    const client = new PortalClient(vendor.url);
    // The invitation's link was used in the browser: a new one, as the operator makes it.
    const link = await vendor.api('POST', `/portal/users/${a.userId}/links`, {});
    expect((await client.signIn(link.body.signInUrl)).status).toBe(303);
    await client.get('/portal/requests/new');
    const base = {
      category: 'shipping',
      subject: 'Where is it?',
      description: 'Tracking please.',
      priority: 'normal',
    };
    const foreign = await client.post('/portal/requests', { ...base, attachOrder: orderOfB });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('This is not one of your orders.');
    const early = await client.post('/portal/requests', {
      ...base,
      attachOrder: orderOfA,
      attachType: 'shipment',
    });
    expect(early.status).toBe(400);
    expect(early.text).toContain('This order has no such document yet.');
    const requests = await expectApi(
      vendor,
      200,
      'GET',
      `/service/requests?partner=${a.partnerId}`,
    );
    expect(requests.requests.filter((r: any) => r.subject === 'Where is it?')).toEqual([]);

    // An order older than the 50 suggested is attached by typing its number.
    for (let i = 0; i < 50; i++) {
      // Within the portal's actions per minute.
      if (i % 10 === 9) clock.advance(60_000);
      const placed = await client.post('/portal/orders', {
        priceList: 'eu-partners',
        type: 'standard',
        sku1: 'KB-100',
        qty1: '1',
      });
      expect(placed.status).toBe(303);
    }
    const form = await client.get('/portal/requests/new');
    const suggested = [...form.text.matchAll(/<option value="([^"]+)" label=/g)].map((m) => m[1]);
    expect(suggested).toHaveLength(50);
    expect(suggested).not.toContain(orderOfA);
    expect(form.text).toMatch(/<input[^>]*name="attachOrder"[^>]*list="f-attachOrder-suggestions"/);
    const older = await client.post('/portal/requests', {
      ...base,
      subject: 'The first order',
      attachOrder: orderOfA,
    });
    expect(older.status, older.text.slice(0, 500)).toBe(303);
    const sent = await expectApi(vendor, 200, 'GET', `/service/requests?partner=${a.partnerId}`);
    const withOlder = sent.requests.find((r: any) => r.subject === 'The first order');
    const shown = await expectApi(vendor, 200, 'GET', `/service/requests/${withOlder.id}`);
    expect(shown.attachments).toEqual([expect.objectContaining({ recordId: orderOfA })]);
  });
});
