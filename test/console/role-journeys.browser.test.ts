/**
 * One journey per role of the staff console, as issue #17 names them, in Chromium on a supplier
 * node with two reseller nodes over real HTTP: a channel manager routes a lead and decides a
 * conflicting deal registration (the conflict side by side); a service agent answers a request
 * with an internal note the partner never sees; the order desk answers an order with a changed
 * line; finance decides an expense claim and records a payment; a viewer sees every area, is
 * offered no action, and a forged POST is refused with nothing changed. Each action reaches the
 * partner's node and is in the supplier's audit trail under the person who took it.
 *
 * Dates and amounts are formatted by the reader's locale: the checks read ids, statuses, codes
 * and the text people typed, not formatted figures.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PAGES } from '../../node/staff/web/console-pages.ts';
import { atVendor, register, statusBecomes, type DealNodes } from '../deals/deal-nodes.ts';
import { call, settle } from '../funds/fund-nodes.ts';
import type { VmiNodes } from '../inventory/vmi-nodes.ts';
import { copyWhere, expectApi, newLead } from '../leads/lead-nodes.ts';
import { orderOn } from '../orders/order-nodes.ts';
import { HAVE_CHROMIUM, launchChromium } from '../portal/browser.ts';
import { requestOn } from '../service/service-fixture.ts';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  addPartnerWork,
  signInOn,
  startAreaNodes,
  type AreaRecords,
} from './console-areas-fixture.ts';

interface AuditEntry {
  operation: string;
  record: string | null;
  email: string | null;
  outcome: string;
}

const LEAD_ID = 'L-ROLE-1';
const INTERNAL_NOTE = 'Firmware 4.2 is the known culprit; check the batch.';
const PARTNER_ANSWER = 'We are on it; a fixed firmware ships this week.';

describe.skipIf(!HAVE_CHROMIUM)('console › one journey per role, in Chromium', () => {
  let n: VmiNodes;
  let records: AreaRecords;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The supplier's numbers of alpha's registration (waiting) and beta's (clashing with it). */
  let waitingDeal: number;
  let clashingDeal: number;
  let alphaDealOnAlpha: number;
  let betaDealOnBeta: number;
  let requestId: string;
  let requestRow: number;
  let orderId: string;
  let orderRow: number;

  const url = (node: TestNode, path = '') => `${node.url}/console${path}`;
  const signedIn = (node: TestNode, email: string) => signInOn(browser, contexts, node, email);
  const summary = (page: Page) => page.locator('.notice.error[role=alert]');

  /** The supplier's audit trail of one person: operation, record and outcome of each entry. */
  async function auditOf(email: string) {
    const res = await n.supplier.api('GET', `/audit?person=${encodeURIComponent(email)}&limit=200`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.entries as AuditEntry[]).map((e) => {
      expect(e.email).toBe(email);
      return [e.operation, e.record, e.outcome];
    });
  }

  beforeAll(async () => {
    [{ n, records }, browser] = await Promise.all([startAreaNodes(), launchChromium()]);
    const added = await runCliOn(n.supplier, [
      'staff',
      'add',
      '--email',
      'sam@supplier.example',
      '--name',
      'Sam Service',
      '--role',
      'service_agent',
    ]);
    expect(added.code, added.err).toBe(0);

    // Routing: EMEA router leads go to alpha. The lead itself waits for someone to route it.
    await expectApi(n.supplier, 200, 'PUT', `/lead-routing/partners/${n.ids.alphaOnSupplier}`, {
      tier: 'gold',
      regions: ['EMEA'],
      productLines: ['router'],
    });
    await expectApi(n.supplier, 201, 'POST', '/lead-routing/rules', {
      name: 'EMEA routers',
      regions: ['EMEA'],
      products: ['router'],
      tiers: ['gold'],
      offerHours: 48,
    });
    await expectApi(n.supplier, 201, 'POST', '/leads', newLead(LEAD_ID));

    ({
      waitingDeal,
      alphaDealOnAlpha,
      clashingDeal,
      betaDealOnBeta,
      requestId,
      requestRow,
      orderId,
      orderRow,
    } = await addPartnerWork(n));
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await n?.stop();
    await removeTestDirs();
  });

  it('a channel manager routes a lead and decides a conflicting registration, side by side', async () => {
    const page = await signedIn(n.supplier, 'cara@supplier.example');

    // Today: one lead waiting for routing, followed to the new leads, routed by the rules.
    const routing = page.locator('#today-leads-routing');
    expect(await routing.locator('[data-count]').getAttribute('data-count')).toBe('1');
    await routing.getByRole('link').click();
    expect(page.url()).toBe(url(n.supplier, '/leads?status=new'));
    await page
      .locator(`[data-lead="${LEAD_ID}"]`)
      .getByRole('button', { name: 'Route by the rules' })
      .click();
    await page.waitForURL(url(n.supplier, '/leads?done=routed'));
    expect(await page.locator(`[data-lead="${LEAD_ID}"] .status`).textContent()).toBe('offered');
    // Alpha's node holds the offer.
    await copyWhere(n.alpha, LEAD_ID, (copy) => copy.status === 'offered');

    // Deals: beta's registration clashed with alpha's and was answered `conflict` at once; its
    // page shows alpha's beside it, and links to it.
    await page.goto(url(n.supplier, '/today'));
    expect(await page.locator('#today-deals-decide [data-count]').getAttribute('data-count')).toBe(
      '1',
    );
    await page.goto(url(n.supplier, '/deals?status=conflict'));
    await page.locator(`[data-deal="${clashingDeal}"] a`).click();
    expect(page.url()).toBe(url(n.supplier, `/deals/${clashingDeal}`));
    const mine = page.locator('#deal-this');
    const other = page.locator('.card.conflict');
    expect(await other.count()).toBe(1);
    expect(await mine.textContent()).toContain('ACME GmbH');
    expect(await mine.textContent()).toContain('beta');
    expect(await other.textContent()).toContain('ACME GmbH');
    expect(await other.textContent()).toContain('alpha');
    // Decided already (by the rule): no form here. The one to decide is alpha's, linked.
    expect(await page.getByRole('button', { name: 'Send the decision' }).count()).toBe(0);
    await other.getByRole('link').click();
    expect(page.url()).toBe(url(n.supplier, `/deals/${waitingDeal}`));
    // Alpha's page, waiting for the decision, lists beta's: it came later and clashed with it.
    const later = page.locator('.card.conflict[data-conflict="later"]');
    expect(await later.count()).toBe(1);
    expect(await later.textContent()).toContain('beta');
    expect(await later.getByRole('link').getAttribute('href')).toBe(
      `/console/deals/${clashingDeal}`,
    );

    await page.getByLabel('Decision').selectOption('approved');
    await page.locator('#f-reason').fill('First to register ACME.');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    await page.waitForURL(url(n.supplier, `/deals/${waitingDeal}?done=decided`));
    // Alpha's node receives the approval; beta's holds the conflict answer.
    const onAlpha = await statusBecomes(n.alpha, alphaDealOnAlpha, 'approved');
    expect(onAlpha.reason).toBe('First to register ACME.');
    expect((await statusBecomes(n.beta, betaDealOnBeta, 'conflict')).status).toBe('conflict');

    expect(await auditOf('cara@supplier.example')).toEqual(
      expect.arrayContaining([
        ['POST /api/leads/:id/route', `leads/${LEAD_ID}`, 'ok'],
        ['POST /api/deals/:id/decision', `deals/${waitingDeal}`, 'ok'],
      ]),
    );
  });

  it('a service agent answers a request with an internal note the partner never sees', async () => {
    const page = await signedIn(n.supplier, 'sam@supplier.example');
    await page.goto(url(n.supplier, '/service'));
    await page.locator(`[data-request="${requestRow}"] a`).click();
    expect(page.url()).toBe(url(n.supplier, `/service/${requestRow}`));

    await page.getByLabel('Comment').fill(INTERNAL_NOTE);
    await page.getByLabel('Only our staff (internal note)').check();
    await page.getByRole('button', { name: 'Save the update' }).click();
    await page.waitForURL(url(n.supplier, `/service/${requestRow}?done=updated`));
    const timeline = (visibility: string, text: string) =>
      page.locator('li', { has: page.locator(`[data-visibility=${visibility}]`), hasText: text });
    expect(await timeline('internal', INTERNAL_NOTE).count()).toBe(1);

    await page.getByLabel('Status').selectOption('in_progress');
    await page.getByLabel('Comment').fill(PARTNER_ANSWER);
    await page.getByLabel('The partner (sent to them)').check();
    await page.getByRole('button', { name: 'Save the update' }).click();
    await page.waitForURL(url(n.supplier, `/service/${requestRow}?done=updated`));
    expect(await timeline('partner', PARTNER_ANSWER).count()).toBe(1);

    // The partner's node: the answer and the new status, never the note.
    await settle(n.supplier);
    const onAlpha = await eventually(async () => {
      const r = await requestOn(n.alpha, requestId);
      return r.status === 'in_progress' ? r : undefined;
    });
    expect(JSON.stringify(onAlpha)).toContain(PARTNER_ANSWER);
    expect(JSON.stringify(onAlpha)).not.toContain(INTERNAL_NOTE);
    // And the partner's own console page of the request.
    const partnerPage = await signedIn(n.alpha, 'val@alpha.example');
    await partnerPage.goto(url(n.alpha, `/service/${onAlpha.id}`));
    expect(await partnerPage.locator('main').textContent()).toContain(PARTNER_ANSWER);
    expect(await partnerPage.locator('main').textContent()).not.toContain('Firmware 4.2');

    const audit = await auditOf('sam@supplier.example');
    expect(
      audit.filter(([op, , outcome]) => /service/.test(String(op)) && outcome === 'ok'),
    ).toHaveLength(2);
  });

  it('the order desk answers an order line by line, with a changed line, and the buyer receives it', async () => {
    const page = await signedIn(n.supplier, 'odin@supplier.example');
    const waiting = page.locator('#today-orders-answer');
    expect(await waiting.locator('[data-count]').getAttribute('data-count')).toBe('1');
    await waiting.getByRole('link').click();
    await page.locator(`[data-order="${orderRow}"] a`).click();
    expect(page.url()).toBe(url(n.supplier, `/orders/${orderRow}`));

    // Line 1 as ordered (AP), line 2 changed (CA), line 3 dropped (quantity 0): a CA answer.
    await page.getByLabel('Answer').selectOption('CA');
    await page.locator('[data-line="2"]').getByLabel('Quantity').fill('60');
    await page.locator('[data-line="3"]').getByLabel('Quantity').fill('0');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.waitForURL(url(n.supplier, `/orders/${orderRow}?done=answered`));
    expect(await page.locator('#answer-code').textContent()).toContain('CA');

    const onAlpha = await orderOn(n.alpha, orderId, (o) => o.status === 'accepted');
    expect(onAlpha.response.code).toBe('CA');
    expect(
      onAlpha.response.lines.map((l: { line: number; sku: string; qty: string }) => [
        l.line,
        l.sku,
        l.qty,
      ]),
    ).toEqual([
      [2, 'CAB-5', '60'],
      [3, 'AP-6', '0'],
    ]);

    expect(await auditOf('odin@supplier.example')).toEqual(
      expect.arrayContaining([['POST /api/orders/:id/response', `orders/${orderRow}`, 'ok']]),
    );
  });

  it('finance decides an expense claim and records its payment; the partner sees both', async () => {
    const claimId = (await call(n.supplier, 'GET', `/funds/claims/${records.claim}`)).claimId;
    const page = await signedIn(n.supplier, 'fina@supplier.example');
    await page.locator('#today-claims-decide').getByRole('link').click();
    await page.locator(`[data-claim="${records.claim}"] a`).click();
    expect(page.url()).toBe(url(n.supplier, `/funds/claims/${records.claim}`));

    await page.getByLabel('Decision').selectOption('approved');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    await page.waitForURL(/done=decided/);
    await eventually(async () => {
      const claim = await call(n.alpha, 'GET', `/funds/claims/${claimId}`);
      return claim.status === 'approved';
    });

    await page.goto(url(n.supplier, `/funds/claims/${records.claim}`));
    await page.getByLabel('Decision').selectOption('paid');
    await page.getByLabel('Payment reference (optional)').fill('PAY-ROLE-1');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    await page.waitForURL(/done=decided/);
    const paid = await eventually(async () => {
      const claim = await call(n.alpha, 'GET', `/funds/claims/${claimId}`);
      return claim.status === 'paid' ? claim : undefined;
    });
    expect(paid.paymentReference).toBe('PAY-ROLE-1');

    const decisions = (await auditOf('fina@supplier.example')).filter(
      ([op]) => op === 'POST /api/funds/claims/:id/decision',
    );
    expect(decisions).toEqual([
      ['POST /api/funds/claims/:id/decision', `claims/${records.claim}`, 'ok'],
      ['POST /api/funds/claims/:id/decision', `claims/${records.claim}`, 'ok'],
    ]);
  });

  it('a viewer sees every area, is offered no action, and a forged POST is refused', async () => {
    const page = await signedIn(n.supplier, 'vic@supplier.example');
    // Every page of every area but settings (an owner's); a page that is only a form for an
    // action (a new allocation) is refused like the action.
    const actionOnly = ['/funds/allocations/new'];
    const areas = CONSOLE_PAGES.filter((p) => p.area !== 'settings')
      .map((p) => p.path)
      .filter((p) => !actionOnly.includes(p));
    for (const path of actionOnly) {
      const res = await page.goto(url(n.supplier, path));
      expect(res?.status(), path).toBe(403);
      expect(await page.locator('[data-code]').first().getAttribute('data-code')).toBe(
        'forbidden_role',
      );
    }
    const recordPages = [
      `/partners/${n.ids.alphaOnSupplier}`,
      `/deals/${waitingDeal}`,
      `/service/${requestRow}`,
      `/orders/${orderRow}`,
      `/catalog/price-lists/${records.priceList}`,
      `/funds/claims/${records.claim}`,
    ];
    const offered: string[] = [];
    for (const path of [...areas, ...recordPages]) {
      const res = await page.goto(url(n.supplier, path));
      expect(res?.status(), path).toBe(200);
      // No action is offered; the language switch (a post, on every page) is not one, and the
      // person's own account page ('') keeps their password and sign-in settings.
      if (path === '') continue;
      const forms = page.locator('form[method=post]:not(.lang-switch)');
      for (const action of await forms.evaluateAll((fs) =>
        fs.map((f) => f.getAttribute('action')),
      )) {
        offered.push(`${path}: ${action}`);
      }
    }
    expect(offered).toEqual([]);

    // A registration and a lead still open, and a forged POST at each with the viewer's own
    // session and token (what a hidden form would send): refused, nothing changes anywhere.
    const fresh = await register(n.alpha, n.ids.supplierOnAlpha, {
      endCustomer: { name: 'Initech Ltd', country: 'GB', domain: 'initech.example' },
    });
    const deal = await atVendor(
      { vendor: n.supplier } as Pick<DealNodes, 'vendor'> as DealNodes,
      fresh.dealId,
    );
    await expectApi(n.supplier, 201, 'POST', '/leads', newLead('L-ROLE-2'));
    await page.goto(url(n.supplier));
    const csrf = (await page.locator('input[name=_csrf]').first().getAttribute('value'))!;
    const before = {
      deal: await call(n.supplier, 'GET', `/deals/${deal.id}`),
      lead: await call(n.supplier, 'GET', '/leads/L-ROLE-2'),
    };
    for (const [path, form] of [
      [`/deals/${deal.id}/decision`, { status: 'approved' }],
      ['/leads/L-ROLE-2/route', {}],
    ] as const) {
      const forged = await page.request.post(url(n.supplier, path), {
        form: { _csrf: csrf, ...form },
      });
      expect(forged.status(), path).toBe(403);
      expect(await forged.text(), path).toContain('data-code="forbidden_role"');
    }
    expect(await call(n.supplier, 'GET', `/deals/${deal.id}`)).toEqual(before.deal);
    expect(await call(n.supplier, 'GET', '/leads/L-ROLE-2')).toEqual(before.lead);
    await settle(n.supplier);
    expect((await call(n.alpha, 'GET', `/deals/${fresh.id}`)).status).toBe('submitted');
    expect((await n.alpha.api('GET', '/received-leads/L-ROLE-2')).status).toBe(404);
    // The refused attempts are on record under the viewer's name; nothing done but signing in.
    const audit = await auditOf('vic@supplier.example');
    expect(audit.filter(([, , outcome]) => outcome === 'forbidden_role')).toEqual([
      ['POST /console/leads/:id/route', null, 'forbidden_role'],
      ['POST /console/deals/:id/decision', null, 'forbidden_role'],
    ]);
    expect(audit.filter(([op, , outcome]) => outcome === 'ok' && op !== 'sign_in.link')).toEqual(
      [],
    );
  });
});
