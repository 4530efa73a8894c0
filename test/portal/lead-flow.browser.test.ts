import { compactVerify, importJWK } from 'jose';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestOf, verifyReceipt } from '../../protocol/index.ts';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from './browser.ts';
import {
  deliveredTo,
  expectApi,
  invitePortal,
  offerLead,
  portalLead,
  startVendor,
  type Invited,
} from './portal-fixture.ts';

describe.skipIf(!HAVE_CHROMIUM)('portal › lead flow in Chromium', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let browser: Browser;
  let partner: Invited;

  beforeAll(async () => {
    [vendor, browser] = await Promise.all([startVendor({ clock }), launchChromium()]);
    partner = await invitePortal(vendor, 'Portal Reseller');
  });
  afterAll(async () => {
    await browser?.close();
    await vendor?.stop();
    await removeTestDirs();
  });

  it('signs in, sees the deadline, accepts and reports the lead won; the vendor sees it', async () => {
    await offerLead(vendor, partner.partnerId, portalLead('L-WEB-1', { company: 'Umbrella Corp' }));
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();

    await page.goto(partner.signInUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(`${vendor.url}/portal/home`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Welcome, Portal Reseller user',
    );

    // Keyboard users land on the skip link first.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe(
      'Skip to content',
    );

    await page.getByRole('link', { name: 'Umbrella Corp', exact: true }).click();
    expect(await page.locator('.deadline').textContent()).toBe(
      'Answer by Mar 3, 2027, 09:00 UTC (2 days left)',
    );
    // The exact instant stays readable by scripts beside the words people read.
    expect(await page.locator('.deadline time').getAttribute('datetime')).toBe(
      '2027-03-03T09:00:00.000Z',
    );
    // Every visible field has a label.
    const unlabelled = await page.$$eval(
      'input:not([type=hidden]), select, textarea',
      (els) => els.filter((e) => (e as any).labels?.length === 0).length,
    );
    expect(unlabelled).toBe(0);

    await page.getByRole('button', { name: 'Accept the lead' }).click();
    expect(await page.getByRole('status').textContent()).toContain('You accepted the lead');

    await page.getByLabel('Stage').selectOption('won');
    await page.getByLabel('Amount').fill('50000.00');
    await page.getByRole('button', { name: 'Send progress' }).click();
    expect(await page.getByRole('status').textContent()).toContain('progress report was sent');
    expect(await page.locator('dl.facts').textContent()).toContain('won · €50,000.00');
    await context.close();

    const tracking = await expectApi(
      vendor,
      200,
      'GET',
      `/lead-tracking?partner=${partner.partnerId}`,
    );
    expect(tracking.partners[0]).toMatchObject({
      partnerId: partner.partnerId,
      accepted: 1,
      won: 1,
      wonAmount: { EUR: '50000.00' },
    });
    const lead = await expectApi(vendor, 200, 'GET', '/leads/L-WEB-1');
    expect(lead.status).toBe('won');
  });

  it('registers a deal with the form and shows the decision', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const link = await expectApi(vendor, 201, 'POST', `/portal/users/${partner.userId}/links`);
    await page.goto(link.signInUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Deals' }).click();
    await page.getByRole('link', { name: 'Register a deal' }).click();
    await page.getByLabel('Company name').fill('Soylent Foods');
    await page.getByLabel('Country').fill('NL');
    await page.getByLabel('Products').fill('FW-100\nFW-300');
    await page.getByLabel('Estimated value').fill('18000');
    await page.getByLabel('Currency').fill('EUR');
    await page.getByLabel('Expected close date').fill('2027-09-30');
    await page.getByRole('button', { name: 'Register the deal' }).click();
    expect(await page.getByRole('status').textContent()).toContain('registration was sent');

    const [deal] = (
      await expectApi(vendor, 200, 'GET', `/deals?role=vendor&partner=${partner.partnerId}`)
    ).deals;
    expect(deal).toMatchObject({ products: ['FW-100', 'FW-300'], expectedCloseDate: '2027-09-30' });
    await expectApi(vendor, 200, 'POST', `/deals/${deal.id}/decision`, {
      status: 'approved',
      protectionDays: 90,
    });
    await deliveredTo(vendor, partner.partnerId, 'deal.decision');
    await page.reload();
    const facts = await page.locator('dl.facts').textContent();
    // 90 days from March 1, 09:00 UTC; the value as registered, every digit and no invented cents.
    expect(facts).toContain('Protected untilMay 30, 2027, 09:00 UTC');
    expect(facts).toContain('Estimated value€18,000Expected closeSeptember 30, 2027');
    await context.close();
  });

  it('keeps the history as signed messages with receipts, both ways', async () => {
    const history = await expectApi(
      vendor,
      200,
      'GET',
      `/portal/partners/${partner.partnerId}/history`,
    );
    expect(history.partner.nodeId).toBe(partner.nodeId);
    expect(history.sent.map((m: any) => m.kind)).toEqual([
      'lead.accept',
      'lead.progress',
      'deal.register',
    ]);
    expect(history.received.map((m: any) => m.kind)).toEqual(['lead.offer', 'deal.decision']);

    const partnerKey = await importJWK(history.partner.keys[0], 'EdDSA');
    for (const m of history.sent) {
      const { payload } = await compactVerify(m.jws, partnerKey);
      const message = JSON.parse(new TextDecoder().decode(payload));
      expect(message).toMatchObject({ from: partner.nodeId, to: vendor.url, kind: m.kind });
      const receipt = await verifyReceipt(m.receipt, {
        keys: history.counterpart.keys,
        expect: { receiptFor: m.id, from: vendor.url, to: partner.nodeId, digest: digestOf(m.jws) },
      });
      expect(receipt.ok).toBe(true);
    }
    const [offer] = history.received;
    const vendorKey = await importJWK(history.counterpart.keys[0], 'EdDSA');
    await compactVerify(offer.jws, vendorKey);
    const receipt = await verifyReceipt(offer.receipt, {
      keys: history.partner.keys,
      expect: {
        receiptFor: offer.id,
        from: partner.nodeId,
        to: vendor.url,
        digest: digestOf(offer.jws),
      },
    });
    expect(receipt.ok).toBe(true);
    await deliveredTo(vendor, partner.partnerId, 'lead.offer');
  });
});
