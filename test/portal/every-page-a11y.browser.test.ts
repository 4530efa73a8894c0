/**
 * axe-core on every page of the portal, the record pages included: the pages are the GET routes
 * of the portal's router (test/support/page-routes.ts), the walk follows the pages' own links
 * from the home page, so each record page is opened with a record the partner holds — a lead, a
 * deal, a service request, a warranty claim, a price list, a product catalog, accounting data, a
 * fund allocation and its expense claim, an order, a stock report and a replenishment proposal.
 * No serious or critical violation at 1280 and 390 px; every route is opened but the few that
 * are not pages. (a11y.browser.test.ts checks what axe does not: contrast, focus, error summary.)
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../console/axe.ts';
import { pageRoutesOf, walkLinks, type PageRoute } from '../support/page-routes.ts';
import { screenshotIfAsked, shotName } from '../support/screenshots.ts';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from './browser.ts';
import {
  deliveredTo,
  expectApi,
  invitePortal,
  offerLead,
  portalLead,
  PortalClient,
  pushEuPriceList,
  startVendor,
  type Invited,
} from './portal-fixture.ts';

/** Routes that are not pages: files, JSON, the entry redirect and the sign-in steps. */
const NOT_PAGES = new Set([
  '/portal',
  '/portal/assets/portal.css',
  '/portal/partners/:uid/jwks.json',
  '/portal/history.json',
  '/portal/sign-in',
  '/portal/sign-in/:token',
  '/portal/accounting/:id/export.csv',
  '/portal/price-lists/:id/export.csv',
  '/portal/products/:id/export.csv',
  '/portal/expenses/:id/proof/:sha256',
]);

describe.skipIf(!HAVE_CHROMIUM)('portal › axe-core on every page, records included', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let browser: Browser;
  let partner: Invited;
  const contexts: BrowserContext[] = [];

  async function signedIn(options: object) {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const link = await expectApi(vendor, 201, 'POST', `/portal/users/${partner.userId}/links`);
    await page.goto(link.signInUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${vendor.url}/portal/home`);
    return page;
  }

  beforeAll(async () => {
    [vendor, browser] = await Promise.all([startVendor({ clock }), launchChromium()]);
    partner = await invitePortal(vendor, 'Every Page Partner');
    const id = partner.partnerId;

    // What the vendor sends: a lead, a price list, a catalog, accounting data, an allocation.
    await offerLead(vendor, id, portalLead('L-EVERY', { company: 'Every Page Ltd' }));
    await pushEuPriceList(vendor, id, [
      { sku: 'KB-100', listPrice: '49.90', standardPrice: '44.00' },
    ]);
    await expectApi(vendor, 201, 'POST', '/catalogs', { id: 'main', name: 'Products' });
    await expectApi(vendor, 201, 'POST', '/catalogs/main/versions', {
      products: [{ sku: 'KB-100', name: 'Keyboard', uom: 'EA' }],
    });
    await expectApi(vendor, 202, 'POST', '/catalogs/main/push', { partners: [id] });
    await expectApi(vendor, 201, 'POST', '/accounting', { id: 'std', name: 'Terms' });
    await expectApi(vendor, 201, 'POST', '/accounting/std/versions', {
      entries: [{ type: 'payment_terms', code: 'NET30', name: '30 days net', days: '30' }],
    });
    await expectApi(vendor, 202, 'POST', '/accounting/std/push', { partners: [id] });
    await expectApi(vendor, 201, 'POST', '/funds/allocations', {
      partner: id,
      amount: '3000.00',
      currency: 'EUR',
      validTo: '2027-06-30',
      claimDeadline: '2027-07-31',
      activities: ['trade_show'],
    });
    await expectApi(vendor, 200, 'PUT', '/inventory/settings', {
      partner: id,
      sku: 'KB-100',
      policy: 'days_of_cover',
      days: 14,
      leadTimeDays: 7,
    });
    for (const kind of ['pricelist.push', 'catalog.push', 'accounting.push']) {
      await deliveredTo(vendor, id, kind);
    }

    // What the partner makes with the forms: a deal, a request, a warranty claim, an order and
    // a stock report (plain forms), then an expense claim with its proof (a file, in Chromium).
    const link = await expectApi(vendor, 201, 'POST', `/portal/users/${partner.userId}/links`);
    const client = new PortalClient(vendor.url);
    await client.signIn(link.signInUrl);
    const made = async (path: string, form: Record<string, string>) => {
      await client.get(`/portal${path}/new`);
      const res = await client.post(`/portal${path}`, form);
      expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBe(303);
    };
    await made('/deals', {
      customerName: 'Narrow Ltd',
      country: 'IE',
      products: 'FW-100',
      estimatedValue: '900',
      currency: 'EUR',
      expectedCloseDate: '2027-05-31',
    });
    await made('/requests', {
      category: 'technical',
      subject: 'Screen flickers',
      description: 'On small screens.',
      priority: 'normal',
    });
    await made('/claims', {
      product: 'FW-100',
      serial: 'SN-9',
      purchaseDate: '2027-01-02',
      failureDate: '2027-02-03',
      failure: 'Fan',
      claimedAmount: '10',
      currency: 'EUR',
    });
    await made('/orders', {
      priceList: 'eu-partners',
      type: 'standard',
      sku1: 'KB-100',
      qty1: '3',
    });
    await client.get('/portal/stock/reports/new');
    const report = await client.post('/portal/stock/reports', {
      location: 'Lyon',
      periodStart: '2027-02-15',
      periodEnd: '2027-02-28',
      csvText: 'sku,onHand,sold,onOrder\nKB-100,10,28,0\n',
    });
    expect(report.status, report.text.slice(0, 300)).toBe(303);
    await expectApi(vendor, 201, 'POST', '/inventory/proposals', { partner: id, location: 'Lyon' });
    await deliveredTo(vendor, id, 'replenishment.proposal');

    const page = await signedIn(PHONE);
    await page.getByRole('navigation').getByRole('link', { name: 'Marketing funds' }).click();
    await page.getByRole('link', { name: /3,000\.00/ }).click();
    await page.getByRole('link', { name: 'File an expense claim' }).click();
    await page.getByLabel('Invoice number').fill('INV-1');
    await page.getByLabel('Invoice date').fill('2027-02-18');
    await page.getByLabel('Activity').selectOption('trade_show');
    await page.getByLabel('Line 1 description').fill('Booth');
    await page.getByLabel('Line 1 amount').fill('100.00');
    await page.getByLabel('Total').fill('100.00');
    await page.getByLabel('Proof files').setInputFiles({
      name: 'invoice.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'File the claim' }).click();
    expect(await page.getByRole('status').textContent()).toContain('expense claim was sent');
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await vendor?.stop();
    await removeTestDirs();
  });

  it(
    'opens every page of the router by its links and finds no serious or critical violation',
    { timeout: 240_000 },
    async () => {
      const routes = await pageRoutesOf(vendor, '/portal');
      for (const [width, options] of [
        [1280, { viewport: { width: 1280, height: 900 } }],
        [390, PHONE],
      ] as const) {
        const page = await signedIn(options);
        const found: Array<[string, unknown]> = [];
        const opened = await walkLinks(
          page,
          vendor.url,
          ['/portal/home'],
          routes,
          NOT_PAGES,
          async (path, route: PageRoute) => {
            const violations = await axeViolations(page);
            if (violations.length > 0) found.push([`${route.path} (${path})`, violations]);
            await screenshotIfAsked(page, `portal-${shotName(path.replace('/portal', ''), width)}`);
          },
        );
        expect(found, `at ${width} px`).toEqual([]);
        const unopened = routes
          .map((r) => r.path)
          .filter((p) => !opened.has(p) && !NOT_PAGES.has(p));
        expect(unopened, `routes no link led to, at ${width} px`).toEqual([]);
        // The record pages the earlier walks missed are among them.
        expect([...opened]).toEqual(
          expect.arrayContaining([
            '/portal/funds/:id',
            '/portal/funds/:id/claims/new',
            '/portal/expenses/:id',
            '/portal/orders/:id',
            '/portal/stock/reports/:id',
            '/portal/stock/proposals/:id',
            '/portal/price-lists/:id',
            '/portal/products/:id',
            '/portal/accounting/:id',
          ]),
        );
        console.log(`portal pages opened at ${width} px: ${opened.size}`);
      }
    },
  );
});
