/**
 * The console shows a partner's refusal on the record it was about (issue #20, defect 3): the
 * vendor no longer takes deal registrations and service requests from p1, so p1's registration
 * and request are refused; p1's staff see the refusal (code, message kind, the partner's reason)
 * at the top of the deal's and the request's console pages, and a record nobody refused shows none.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { appliedOn } from '../catalog/catalog-nodes.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import { call, createTrio, type Trio } from '../service/service-fixture.ts';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import { overflowAt390 } from './phone-width.ts';

describe.skipIf(!HAVE_CHROMIUM)('console › a partner’s refusal on the record', () => {
  let t: Trio;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let refusedDeal: number;
  let acceptedDeal: number;
  let refusedRequest: number;
  let refusedOrder: number;

  const consoleUrl = (path = '') => `${t.p1.url}/console${path}`;

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTrio(), launchChromium()]);
    const added = await runCliOn(t.p1, [
      'staff',
      'add',
      '--email',
      'pat@p1.example',
      '--name',
      'Pat Partner',
      '--role',
      'viewer',
    ]);
    expect(added.code, added.err).toBe(0);
    const vendorRef = t.idOf(t.p1, t.vendor);
    const register = (name: string) =>
      call(
        t.p1,
        'POST',
        '/deals',
        {
          vendor: vendorRef,
          endCustomer: { name, country: 'DE' },
          products: ['NET-SWITCH-48'],
          estimatedValue: '1200.00',
          currency: 'EUR',
          expectedCloseDate: '2027-03-31',
        },
        201,
      );
    acceptedDeal = (await register('Taken GmbH')).id;
    // The vendor's price list, held by p1, to order from.
    await call(t.vendor, 'POST', '/price-lists', { id: 'eu', name: 'EU', currency: 'EUR' }, 201);
    await call(
      t.vendor,
      'POST',
      '/price-lists/eu/versions',
      { validFrom: '2026-01-01', lines: [{ sku: 'MS-200', listPrice: '19.90' }] },
      201,
    );
    await call(t.vendor, 'POST', '/price-lists/eu/push', { all: true }, 202);
    await appliedOn(t.p1, 'eu', 1);
    await eventually(async () => (await call(t.vendor, 'GET', '/deals')).deals.length === 1);

    // From now on the vendor takes neither registrations nor service requests from p1.
    const p1OnVendor = t.idOf(t.vendor, t.p1);
    const kinds = (await call(t.vendor, 'GET', `/partners/${p1OnVendor}`)).kinds as string[];
    await call(t.vendor, 'PATCH', `/partners/${p1OnVendor}`, {
      kinds: kinds.filter((k) => !['deal.register', 'service.request', 'order.place'].includes(k)),
    });
    refusedDeal = (await register('Refused GmbH')).id;
    refusedRequest = (
      await call(t.p1, 'POST', '/service/requests', {
        partner: vendorRef,
        category: 'technical',
        subject: 'Router drops VPN',
        description: 'Since the last firmware.',
        priority: 'high',
      })
    ).id;
    refusedOrder = (
      await call(
        t.p1,
        'POST',
        '/orders',
        {
          seller: vendorRef,
          type: 'standard',
          priceListId: 'eu',
          lines: [{ sku: 'MS-200', qty: '2' }],
        },
        201,
      )
    ).id;
    await eventually(async () => {
      const order = await call(t.p1, 'GET', `/orders/${refusedOrder}`);
      if (order.refusal === null) return false;
      const deal = await call(t.p1, 'GET', `/deals/${refusedDeal}`);
      const request = await call(t.p1, 'GET', `/service/requests/${refusedRequest}`);
      return deal.refusal !== null && request.refusal !== null;
    });

    context = await browser.newContext(PHONE);
    page = await context.newPage();
    page.setDefaultTimeout(5000);
    const { url } = await issueStaffLink(t.p1.deps, 'pat@p1.example', CLI_ACTOR);
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signed in: the console lands on Today.
    await page.waitForURL((u) => !u.pathname.includes('/sign-in'));
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.stop();
    await removeTestDirs();
  });

  it('a refused registration, request and order say so at the top of their pages', async () => {
    await page.goto(consoleUrl(`/deals/${refusedDeal}`));
    const onDeal = page.locator('[data-refusal="forbidden"][role=alert]');
    const dealText = await onDeal.textContent();
    expect(dealText).toContain('The partner refused our last message about this');
    expect(dealText).toContain('deal.register');
    expect(dealText).toMatch(/forbidden: \S/);
    expect(await overflowAt390(page)).toEqual({ wide: [], scrollWidth: 390 });

    await page.goto(consoleUrl(`/service/${refusedRequest}`));
    const onRequest = await page.locator('[data-refusal="forbidden"]').textContent();
    expect(onRequest).toContain('service.request');

    await page.goto(consoleUrl(`/orders/${refusedOrder}`));
    const onOrder = await page.locator('[data-refusal="forbidden"]').textContent();
    expect(onOrder).toContain('order.place');

    await page.goto(consoleUrl(`/deals/${acceptedDeal}`));
    expect(await page.locator('h1').textContent()).toBe('Taken GmbH');
    expect(await page.locator('[data-refusal]').count()).toBe(0);
  });
});
