/**
 * The marketing funds pages in Chromium on a phone: the partner finds its allocation, files an
 * expense claim with an uploaded proof file, and sees the file's SHA-256 and then the vendor's
 * decision. Skipped when Chromium is missing, except on CI (CI=true), where that is a failure.
 * A screenshot of each page goes to PORTAL_SCREENSHOTS, or .tmp/test-output/portal-funds.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { CHROMIUM_PATH, HAVE_CHROMIUM, launchChromium, PHONE } from './browser.ts';
import { expectApi, invitePortal, startVendor, type Invited } from './portal-fixture.ts';

const SHOTS = process.env.PORTAL_SCREENSHOTS ?? join('.tmp', 'test-output', 'portal-funds');
const ON_CI = process.env.CI === 'true';

if (!HAVE_CHROMIUM && !ON_CI) {
  console.warn(
    `portal › funds in Chromium: skipped, no Chromium at ${CHROMIUM_PATH} (install the chromium package or set PARTNER_SYNC_CHROMIUM)`,
  );
}

describe.runIf(!HAVE_CHROMIUM && ON_CI)('portal › funds in Chromium (CI)', () => {
  it('needs Chromium on CI', () => {
    expect(HAVE_CHROMIUM, `no Chromium at ${CHROMIUM_PATH}`).toBe(true);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('portal › funds in Chromium', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let browser: Browser;
  let partner: Invited;

  /** Checks what every portal page must be on a phone, then keeps a picture of it. */
  const shot = async (page: Page, name: string) => {
    const facts = await page.evaluate(() => {
      const d = (globalThis as any).document;
      return {
        h1: d.querySelectorAll('h1').length,
        overflow: Math.max(0, d.documentElement.scrollWidth - d.documentElement.clientWidth),
      };
    });
    expect({ name, ...facts }).toEqual({ name, h1: 1, overflow: 0 });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [vendor, browser] = await Promise.all([startVendor({ clock }), launchChromium()]);
    partner = await invitePortal(vendor, 'Portal Reseller');
    await expectApi(vendor, 201, 'POST', '/funds/allocations', {
      partner: partner.partnerId,
      amount: '3000.00',
      currency: 'EUR',
      validTo: '2027-06-30',
      claimDeadline: '2027-07-31',
      activities: ['trade_show', 'print'],
      note: 'Spring trade shows',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await vendor?.stop();
    await removeTestDirs();
  });

  it('files an expense claim with an uploaded proof and sees the decision', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(partner.signInUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Marketing funds' }).click();
    expect(await page.locator('dl.balance').first().textContent()).toContain('Available€3,000.00');
    await shot(page, 'funds');

    await page.getByRole('link', { name: /€3,000\.00/ }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Allocation of €3,000.00',
    );
    await shot(page, 'allocation');
    await page.getByRole('link', { name: 'File an expense claim' }).click();
    const unlabelled = await page.$$eval(
      'input:not([type=hidden]), select, textarea',
      (els) => els.filter((e) => (e as any).labels?.length === 0).length,
    );
    expect(unlabelled).toBe(0);
    await shot(page, 'claim-form');

    await page.getByLabel('Invoice number').fill('INV-2027-0412');
    await page.getByLabel('Invoice date').fill('2027-03-18');
    await page.getByLabel('Activity').selectOption('trade_show');
    await page.getByLabel('Line 1 description').fill('Booth rental');
    await page.getByLabel('Line 1 amount').fill('1800.00');
    await page.getByLabel('Line 2 description').fill('Printed brochures');
    await page.getByLabel('Line 2 amount').fill('420.50');
    await page.getByLabel('Total').fill('2220.00');
    const pdf = Buffer.from('%PDF-1.4\n% invoice INV-2027-0412\n%%EOF\n');
    await page
      .getByLabel('Proof files')
      .setInputFiles({ name: 'invoice-0412.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'File the claim' }).click();

    // A wrong total comes back beside its field; the file is chosen again.
    expect(await page.locator('#f-total-error').textContent()).toContain('2220.5');
    await shot(page, 'claim-form-errors');
    await page.getByLabel('Total').fill('2220.50');
    await page
      .getByLabel('Proof files')
      .setInputFiles({ name: 'invoice-0412.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'File the claim' }).click();
    expect(await page.getByRole('status').textContent()).toContain('expense claim was sent');
    const digest = createHash('sha256').update(pdf).digest('hex');
    expect(await page.locator('code.sha256').textContent()).toBe(digest);
    await shot(page, 'claim');

    const [claim] = (await expectApi(vendor, 200, 'GET', '/funds/claims')).claims;
    expect(claim).toMatchObject({
      invoiceNumber: 'INV-2027-0412',
      total: '2220.50',
      proof: [{ sha256: digest, name: 'invoice-0412.pdf', size: pdf.length }],
    });
    await expectApi(vendor, 200, 'POST', `/funds/claims/${claim.id}/decision`, {
      status: 'approved',
    });
    await page.reload();
    expect(await page.locator('dl.facts').first().textContent()).toContain('Approved€2,220.50');
    await shot(page, 'claim-approved');
    await page.getByRole('link', { name: 'Back to the allocation' }).click();
    expect(await page.locator('dl.balance').textContent()).toContain('Available€779.50');
    await context.close();
  });
});
