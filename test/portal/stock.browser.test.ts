/**
 * The stock pages in Chromium on a phone: the partner submits a stock report with the form (lines
 * as CSV in the text area) and with a CSV file, then opens the vendor's proposal and changes a
 * quantity before ordering. Skipped when Chromium is missing, except on CI (CI=true), where that
 * is a failure. A screenshot of each page goes to PORTAL_SCREENSHOTS, or
 * .tmp/test-output/portal-stock.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { CHROMIUM_PATH, HAVE_CHROMIUM, launchChromium, PHONE } from './browser.ts';
import {
  deliveredTo,
  expectApi,
  invitePortal,
  pushEuPriceList,
  startVendor,
  type Invited,
} from './portal-fixture.ts';

const SHOTS = process.env.PORTAL_SCREENSHOTS ?? join('.tmp', 'test-output', 'portal-stock');
const ON_CI = process.env.CI === 'true';

if (!HAVE_CHROMIUM && !ON_CI) {
  console.warn(
    `portal › stock in Chromium: skipped, no Chromium at ${CHROMIUM_PATH} (install the chromium package or set PARTNER_SYNC_CHROMIUM)`,
  );
}

describe.runIf(!HAVE_CHROMIUM && ON_CI)('portal › stock in Chromium (CI)', () => {
  it('needs Chromium on CI', () => {
    expect(HAVE_CHROMIUM, `no Chromium at ${CHROMIUM_PATH}`).toBe(true);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('portal › stock in Chromium', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let browser: Browser;
  let partner: Invited;

  /** Saves a screenshot, and checks that the page fits a phone without sideways scrolling. */
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    const overflow = await page.evaluate(() => {
      const d = (globalThis as any).document;
      return d.documentElement.scrollWidth - d.documentElement.clientWidth;
    });
    expect(overflow, name).toBeLessThanOrEqual(0);
  };

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [vendor, browser] = await Promise.all([startVendor({ clock }), launchChromium()]);
    partner = await invitePortal(vendor, 'Portal Reseller');
    await pushEuPriceList(vendor, partner.partnerId, [
      { sku: 'KB-100', listPrice: '49.90', standardPrice: '44.00' },
    ]);
    await deliveredTo(vendor, partner.partnerId, 'pricelist.push');
    await expectApi(vendor, 200, 'PUT', '/inventory/settings', {
      partner: partner.partnerId,
      sku: 'KB-100',
      policy: 'days_of_cover',
      days: 14,
      leadTimeDays: 7,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await vendor?.stop();
    await removeTestDirs();
  });

  it('submits a stock report, then orders a changed quantity of the proposal', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(partner.signInUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(`${vendor.url}/portal/home`);

    await page.getByRole('link', { name: 'Stock', exact: true }).click();
    await shot(page, 'stock-empty');
    await page.getByRole('link', { name: 'Report stock' }).click();
    // Every visible field has a label.
    const unlabelled = await page.$$eval(
      'input:not([type=hidden]), select, textarea',
      (els) => els.filter((e) => (e as any).labels?.length === 0).length,
    );
    expect(unlabelled).toBe(0);

    // First with a mistake: the error shows beside the field, the values stay.
    await page.getByLabel('Location').fill('Lyon');
    await page.getByLabel('First day of the period').fill('2027-02-15');
    await page.getByLabel('Last day of the period').fill('2027-02-28');
    await page.getByLabel('Stock lines').fill('sku,onHand,sold\nKB-100,ten,28\n');
    await page.getByRole('button', { name: 'Send the report' }).click();
    expect(await page.locator('#f-csvText-error').textContent()).toContain('Line 2, column onHand');
    await shot(page, 'report-error');
    expect(await page.getByLabel('Location').inputValue()).toBe('Lyon');

    await page.getByLabel('Stock lines').fill('sku,onHand,sold,onOrder\nKB-100,10,28,0\n');
    await page.getByRole('button', { name: 'Send the report' }).click();
    expect(await page.getByRole('status').textContent()).toContain('stock report was sent');
    expect(await page.locator('table').textContent()).toContain('KB-100');
    await shot(page, 'report-sent');
    const held = await expectApi(
      vendor,
      200,
      'GET',
      `/inventory/reports?partner=${partner.partnerId}`,
    );
    expect(held.reports[0]).toMatchObject({ location: 'Lyon', lineCount: 1 });

    // The same with a CSV file.
    const file = resolve(SHOTS, 'stock.csv');
    await writeFile(file, 'sku,onHand,sold\nKB-100,4,9\n');
    await page.goto(`${vendor.url}/portal/stock/reports/new`);
    await page.getByLabel('Location').fill('Nice');
    await page.getByLabel('First day of the period').fill('2027-02-22');
    await page.getByLabel('Last day of the period').fill('2027-02-28');
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Send the report' }).click();
    expect(await page.getByRole('status').textContent()).toContain('stock report was sent');
    const nice = await expectApi(vendor, 200, 'GET', '/inventory/reports?location=Nice');
    expect(nice.reports).toHaveLength(1);

    // The vendor proposes 32 (2/day × 21 days − 10); the partner orders 30 instead.
    const sent = await expectApi(vendor, 201, 'POST', '/inventory/proposals', {
      partner: partner.partnerId,
      location: 'Lyon',
    });
    await deliveredTo(vendor, partner.partnerId, 'replenishment.proposal');
    await page.goto(`${vendor.url}/portal/stock`);
    await shot(page, 'stock-overview');
    await page.getByRole('link', { name: 'Lyon: 1 line' }).click();
    expect(await page.locator('.card .reason').textContent()).toContain('sold 2/day over 14 days');
    await shot(page, 'proposal');
    await page.getByLabel('Quantity of KB-100 to order').fill('30');
    await page.getByRole('button', { name: 'Order the quantities entered' }).click();
    expect(await page.getByRole('status').textContent()).toContain(
      'changed quantities were ordered',
    );
    await shot(page, 'proposal-decided');
    await context.close();

    const decided = await expectApi(vendor, 200, 'GET', `/inventory/proposals/${sent.id}`);
    expect(decided.decision).toMatchObject({
      status: 'modified',
      lines: [{ sku: 'KB-100', qty: '30' }],
    });
    const orders = await expectApi(vendor, 200, 'GET', `/orders?partner=${partner.partnerId}`);
    expect(orders.orders.map((o: any) => o.orderId)).toContain(decided.decision.orderId);
  });
});
