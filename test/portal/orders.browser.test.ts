/**
 * The orders pages in Chromium on a phone: the partner opens the vendor's price list, places an
 * order with the form (SKU and quantity rows), sees the vendor's answer and the shipment, and the
 * open amount once the order is invoiced. Skipped when Chromium is missing, except on CI
 * (CI=true), where that is a failure. A screenshot of each page goes to PORTAL_SCREENSHOTS, or
 * .tmp/test-output/portal-orders.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { CHROMIUM_PATH, HAVE_CHROMIUM, launchChromium, PHONE } from './browser.ts';
import {
  deliveredTo,
  expectApi,
  type Invited,
  invitePortal,
  pushEuPriceList,
  startVendor,
} from './portal-fixture.ts';

const SHOTS = process.env.PORTAL_SCREENSHOTS ?? join('.tmp', 'test-output', 'portal-orders');
const ON_CI = process.env.CI === 'true';

if (!HAVE_CHROMIUM && !ON_CI) {
  console.warn(
    `portal › orders in Chromium: skipped, no Chromium at ${CHROMIUM_PATH} (install the chromium package or set PARTNER_SYNC_CHROMIUM)`,
  );
}

describe.runIf(!HAVE_CHROMIUM && ON_CI)('portal › orders in Chromium (CI)', () => {
  it('needs Chromium on CI', () => {
    expect(HAVE_CHROMIUM, `no Chromium at ${CHROMIUM_PATH}`).toBe(true);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('portal › orders in Chromium', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let browser: Browser;
  let partner: Invited;

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [vendor, browser] = await Promise.all([startVendor({ clock }), launchChromium()]);
    partner = await invitePortal(vendor, 'Portal Reseller');
    await pushEuPriceList(vendor, partner.partnerId, [
      { sku: 'KB-100', listPrice: '49.90', standardPrice: '44.00' },
      { sku: 'KB-100', listPrice: '47.90', standardPrice: '42.00', minQty: '10' },
      { sku: 'MS-200', listPrice: '19.90' },
    ]);
    await deliveredTo(vendor, partner.partnerId, 'pricelist.push');
  });
  afterAll(async () => {
    await browser?.close();
    await vendor?.stop();
    await removeTestDirs();
  });

  it('places an order from the price list and follows the vendor’s answer to the invoice', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(partner.signInUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(`${vendor.url}/portal/home`);

    await page.getByRole('navigation').getByRole('link', { name: 'Price lists' }).click();
    await page.getByRole('link', { name: 'EU partners' }).click();
    await shot(page, '1-price-list');

    await page.getByRole('navigation').getByRole('link', { name: 'Orders' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Orders');
    await shot(page, '2-orders-empty');
    await page.getByRole('link', { name: 'Place an order' }).click();
    // Every visible field has a label.
    const unlabelled = await page.$$eval(
      'input:not([type=hidden]), select, textarea',
      (els) => els.filter((e) => (e as any).labels?.length === 0).length,
    );
    expect(unlabelled).toBe(0);

    // A mistake first: the problem is listed and marked at its field.
    await page.getByLabel('SKU, row 1').fill('KB-100');
    await page.getByLabel('Quantity, row 1').fill('twelve');
    await page.getByRole('button', { name: 'Send the order' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Row 1');
    await shot(page, '3-order-form-error');

    await page.getByLabel('Price list').selectOption('eu-partners');
    await page.getByLabel('Type of order').selectOption('standard');
    await page.getByLabel('Quantity, row 1').fill('12');
    await page.getByLabel('SKU, row 2').fill('MS-200');
    await page.getByLabel('Quantity, row 2').fill('2');
    await page.getByLabel('Note for the vendor').fill('Before Friday please.');
    await shot(page, '4-order-form');
    await page.getByRole('button', { name: 'Send the order' }).click();
    expect(await page.getByRole('status').textContent()).toContain('order was sent');
    expect(await page.locator('dl.facts').textContent()).toContain(
      'Received; the vendor is checking it',
    );
    expect(await page.locator('dl.facts').textContent()).toContain('€543.80');
    await shot(page, '5-order-sent');

    const [order] = (await expectApi(vendor, 200, 'GET', `/orders?partner=${partner.partnerId}`))
      .orders;
    expect(order).toMatchObject({ status: 'acknowledged', total: '543.80', type: 'standard' });
    await expectApi(vendor, 200, 'POST', `/orders/${order.id}/response`, { code: 'AP' });
    await expectApi(vendor, 200, 'POST', `/orders/${order.id}/status`, {
      status: 'shipped',
      tracking: 'DHL 00340434161094022115',
    });
    await expectApi(vendor, 200, 'POST', `/orders/${order.id}/status`, { status: 'invoiced' });
    await page.reload();
    const facts = await page.locator('dl.facts').textContent();
    expect(facts).toContain('Accepted');
    expect(facts).toContain('DHL 00340434161094022115');
    expect(facts).toContain('€543.80 open of €543.80');
    expect(await page.getByRole('button', { name: 'Ask to cancel' }).count()).toBe(0);
    await shot(page, '6-order-invoiced');

    await page.getByRole('link', { name: 'Orders', exact: true }).first().click();
    expect(await page.locator('.open-total').first().textContent()).toContain('€543.80 open');
    await shot(page, '7-orders-open-amount');
    await context.close();
  });
});
