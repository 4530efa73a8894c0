/**
 * The console's catalog, funds, inventory, messages and settings pages in Chromium, on real nodes
 * over HTTP: one journey per area by the role whose work it is (each action is the API's own
 * operation, its refusals shown with the input kept), and for each a role that may look but not
 * act: no form is offered, and a forged POST is refused with forbidden_role.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchableKinds } from '../../node/admin/search-routes.ts';
import { HAVE_CHROMIUM, launchChromium } from '../portal/browser.ts';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import type { VmiNodes } from '../inventory/vmi-nodes.ts';
import { signInOn, startAreaNodes, type AreaRecords } from './console-areas-fixture.ts';

describe.skipIf(!HAVE_CHROMIUM)('console › catalog, funds, inventory, messages, settings', () => {
  let n: VmiNodes;
  let records: AreaRecords;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const url = (node: TestNode, path = '') => `${node.url}/console${path}`;
  const signedIn = (node: TestNode, email: string) => signInOn(browser, contexts, node, email);
  // The main navigation, named in the page's language ("Main", "主导航").
  const navLinks = (page: Page) =>
    page.locator('nav[aria-label=Main] a, nav[aria-label=主导航] a').allTextContents();
  const summary = (page: Page) => page.locator('.notice.error[role=alert]');
  const csrfOf = async (page: Page, node: TestNode) => {
    await page.goto(url(node));
    return (await page.locator('input[name=_csrf]').first().getAttribute('value'))!;
  };
  /** A POST with the person's own session and token: what a hidden form would send. */
  const forged = async (page: Page, node: TestNode, path: string, form: Record<string, string>) => {
    const res = await page.request.post(url(node, path), {
      form: { _csrf: await csrfOf(page, node), ...form },
    });
    return { status: res.status(), text: await res.text() };
  };

  beforeAll(async () => {
    [{ n, records }, browser] = await Promise.all([startAreaNodes(), launchChromium()]);
  }, 90_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await n?.stop();
    await removeTestDirs();
  });

  it('catalog: the order desk imports a price list from CSV (row report, text kept) and pushes it', async () => {
    const page = await signedIn(n.supplier, 'odin@supplier.example');
    expect(await navLinks(page)).toEqual(['Today', 'Orders', 'Catalog', 'Inventory']);
    await page.getByRole('link', { name: 'Catalog' }).click();
    expect(page.url()).toBe(url(n.supplier, '/catalog'));
    await page.getByRole('link', { name: 'EU resellers' }).click();
    expect(page.url()).toBe(url(n.supplier, `/catalog/price-lists/${records.priceList}`));
    // Who holds which version: both resellers hold version 1.
    expect(await page.locator('#holders .card').count()).toBe(2);
    expect(await page.locator('#holders').textContent()).toContain('Holds version 1');

    const csv = 'sku,listPrice\nSW-48,410.00\nBAD-1,not-a-price\nCAB-5,5.50\nAP-6,125.00\n';
    await page.getByLabel('CSV text').fill(csv);
    await page.getByRole('button', { name: 'Import' }).click();
    expect(await summary(page).textContent()).toContain('invalid_csv');
    expect(await summary(page).locator('a').getAttribute('href')).toBe('#f-csv');
    expect(await page.locator('#row-report [data-line="3"]').textContent()).toContain('Line 3');
    // What was pasted is still there, and nothing was imported.
    expect(await page.getByLabel('CSV text').inputValue()).toBe(csv);
    expect((await n.supplier.api('GET', '/price-lists/eu')).body.versions).toHaveLength(1);

    await page.getByLabel('Import the good rows even if some are rejected').check();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForURL(/done=imported/);
    expect(await page.locator('.notice.done').textContent()).toContain(
      'Version 2 was imported with 3 lines; 1 row was left out.',
    );

    await page.getByLabel('Send to').selectOption({ label: 'All active partners' });
    await page.getByRole('button', { name: 'Send the version' }).click();
    await page.waitForURL(/done=pushed/);
    await eventually(async () => {
      const res = await n.alpha.api('GET', '/price-lists/eu');
      return res.body.versions.some((v: any) => v.version === 2 && v.status === 'applied');
    }, 15_000);

    // Sorting is the server's, through the query: the list form's choice is a link like any.
    await page.goto(url(n.supplier, '/catalog?sort=-name'));
    expect(await page.getByLabel('Sort by').inputValue()).toBe('-name');
  });

  it('catalog: a channel manager sees the lists but no import or push, and a forged one is refused', async () => {
    const page = await signedIn(n.supplier, 'cara@supplier.example');
    const res = await page.goto(url(n.supplier, `/catalog/price-lists/${records.priceList}`));
    expect(res?.status()).toBe(200);
    expect(await page.locator('main form[method=post]').count()).toBe(0);
    const before = (await n.supplier.api('GET', '/price-lists/eu')).body.versions.length;
    const refused = await forged(
      page,
      n.supplier,
      `/catalog/price-lists/${records.priceList}/import`,
      {
        csv: 'sku,listPrice\nSW-48,1.00\n',
      },
    );
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('data-code="forbidden_role"');
    expect((await n.supplier.api('GET', '/price-lists/eu')).body.versions).toHaveLength(before);
  });

  it('funds: finance follows Today to a claim, is refused without a reason, approves and records the payment', async () => {
    const page = await signedIn(n.supplier, 'fina@supplier.example');
    const claims = page.locator('#today-claims-decide');
    expect(await claims.locator('[data-count]').getAttribute('data-count')).toBe('1');
    await claims.getByRole('link').click();
    expect(page.url()).toBe(url(n.supplier, '/funds/claims?owner=partner&status=submitted'));
    await page.locator(`[data-claim="${records.claim}"] a`).click();
    expect(page.url()).toBe(url(n.supplier, `/funds/claims/${records.claim}`));

    // The API's rule: a partial approval needs a reason. The amount typed stays.
    await page.getByLabel('Decision').selectOption('partial');
    await page.getByLabel('Approved amount (optional)').fill('600.00');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    expect(await summary(page).textContent()).toContain('invalid_field');
    expect(await summary(page).locator('a').getAttribute('href')).toBe('#f-reason');
    expect(await page.getByLabel('Approved amount (optional)').inputValue()).toBe('600.00');
    expect(await page.getByLabel('Decision').inputValue()).toBe('partial');

    await page.getByLabel('Reason (optional)').fill('Catering is not eligible.');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    await page.waitForURL(/done=decided/);
    await page.goto(url(n.supplier, `/funds/claims/${records.claim}`));
    await page.getByLabel('Decision').selectOption('paid');
    await page.getByLabel('Payment reference (optional)').fill('PAY-77');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    await page.waitForURL(/done=decided/);
    const claim = (await n.supplier.api('GET', `/funds/claims/${records.claim}`)).body;
    expect(claim).toMatchObject({
      status: 'paid',
      approvedAmount: '600.00',
      paymentReference: 'PAY-77',
    });
    // A paid claim takes no further decision.
    expect(await page.getByRole('button', { name: 'Send the decision' }).count()).toBe(0);

    const audit = await n.supplier.api('GET', `/audit?record=claims/${records.claim}`);
    const entries = (audit.body.entries as any[]).filter((e) => /decision/.test(e.operation));
    expect(entries.map((e) => [e.email, e.outcome])).toEqual(
      expect.arrayContaining([['fina@supplier.example', 'ok']]),
    );

    await page.goto(url(n.supplier, '/funds/balances'));
    const balances = await n.supplier.api(
      'GET',
      `/funds/balances?partner=${n.ids.alphaOnSupplier}`,
    );
    const eur = balances.body.balances[0].balances[0];
    expect(eur).toMatchObject({ currency: 'EUR', available: '4400.00' });
    expect(
      await page.locator(`#balances [data-partner="${n.ids.alphaOnSupplier}"]`).textContent(),
    ).toContain('available €4,400.00');
  });

  it('funds: a channel manager reads the claim but is offered no decision; a forged one is refused', async () => {
    const page = await signedIn(n.supplier, 'cara@supplier.example');
    expect(await navLinks(page)).toEqual([
      'Today',
      'Partners',
      'Leads',
      'Deals',
      'Catalog',
      'Funds',
    ]);
    // Deciding claims is finance's: not in the channel manager's Today either.
    expect(await page.locator('#today-claims-decide').count()).toBe(0);
    await page.goto(url(n.supplier, `/funds/claims/${records.claim}`));
    expect(await page.locator('main form[method=post]').count()).toBe(0);
    const refused = await forged(page, n.supplier, `/funds/claims/${records.claim}/decision`, {
      status: 'rejected',
      reason: 'no',
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('data-code="forbidden_role"');
  });

  it('funds: a channel manager allocates funds (a refusal keeps the input); finance may not', async () => {
    const page = await signedIn(n.supplier, 'cara@supplier.example');
    await page.goto(url(n.supplier, '/funds'));
    await page.getByRole('link', { name: 'Allocate funds to a partner' }).click();
    await page.getByLabel('Partner').selectOption(String(n.ids.betaOnSupplier));
    await page.getByLabel('Amount').fill('2500.00');
    await page.getByLabel('Currency').fill('EUR');
    await page.getByLabel('Claims accepted until').fill('2027-09-30');
    await page.getByLabel('Eligible activities').fill('trade_show, online_ads');
    await page.getByRole('button', { name: 'Allocate' }).click();
    // The API's rule: an allocation ends on a date.
    expect(await summary(page).textContent()).toContain('invalid_field');
    expect(await summary(page).locator('a').getAttribute('href')).toBe('#f-validTo');
    expect(await page.getByLabel('Amount').inputValue()).toBe('2500.00');
    expect(await page.getByLabel('Eligible activities').inputValue()).toBe(
      'trade_show, online_ads',
    );

    await page.getByLabel('Valid until').fill('2027-08-31');
    await page.getByRole('button', { name: 'Allocate' }).click();
    await page.waitForURL(/done=allocated/);
    const made = await n.supplier.api('GET', `/funds/allocations?partner=${n.ids.betaOnSupplier}`);
    expect(made.body.allocations).toEqual([
      expect.objectContaining({ amount: '2500.00', activities: ['trade_show', 'online_ads'] }),
    ]);

    const finance = await signedIn(n.supplier, 'fina@supplier.example');
    await finance.goto(url(n.supplier, '/funds'));
    expect(await finance.getByRole('link', { name: 'Allocate funds to a partner' }).count()).toBe(
      0,
    );
    const refused = await forged(finance, n.supplier, '/funds/allocations', {
      partner: String(n.ids.betaOnSupplier),
      amount: '1.00',
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('data-code="forbidden_role"');
  });

  it('inventory: the order desk changes a line, is refused a bad quantity (kept), then decides', async () => {
    const page = await signedIn(n.alpha, 'ada@alpha.example');
    const waiting = page.locator('#today-proposals-open');
    expect(await waiting.locator('[data-count]').getAttribute('data-count')).toBe('1');
    await waiting.getByRole('link').click();
    expect(page.url()).toBe(url(n.alpha, '/inventory?role=partner&status=open'));
    await page.locator(`[data-proposal="${records.proposal}"] a`).click();
    // Each line with the reason the supplier computed it.
    expect(await page.locator('#proposal-lines [data-sku="CAB-5"]').textContent()).toContain(
      'Why:',
    );

    await page.getByLabel('Decision').selectOption('modified');
    await page.getByLabel('Quantity of CAB-5 (optional)').fill('lots');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    expect(await summary(page).textContent()).toContain('invalid_field');
    expect(await summary(page).locator('a').getAttribute('href')).toBe('#f-lines.0.qty');
    expect(await page.getByLabel('Quantity of CAB-5 (optional)').inputValue()).toBe('lots');

    await page.getByLabel('Quantity of CAB-5 (optional)').fill('100');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    await page.waitForURL(/done=decided/);
    const decided = (await n.alpha.api('GET', `/inventory/proposals/${records.proposal}`)).body;
    expect(decided.status).toBe('modified');
    expect(decided.decision.lines).toEqual([expect.objectContaining({ sku: 'CAB-5', qty: '100' })]);
  });

  it('inventory: a viewer sees proposals without a decision form; a forged one is refused', async () => {
    const page = await signedIn(n.alpha, 'val@alpha.example');
    await page.goto(url(n.alpha, `/inventory/proposals/${records.proposal}`));
    expect(await page.locator('main form[method=post]').count()).toBe(0);
    const refused = await forged(
      page,
      n.alpha,
      `/inventory/proposals/${records.proposal}/decision`,
      {
        status: 'rejected',
      },
    );
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('data-code="forbidden_role"');
  });

  it('messages: an owner retries a dead letter (choosing none is refused first)', async () => {
    const page = await signedIn(n.supplier, 'olga@supplier.example');
    await page.locator('#today-dead-letters').getByRole('link').click();
    expect(page.url()).toBe(url(n.supplier, '/messages/dead-letters'));
    await page.getByRole('button', { name: 'Send the chosen messages again' }).click();
    expect(await summary(page).textContent()).toContain('Choose at least one message');

    await page.getByLabel('Send partner.update again').check();
    await page.getByRole('button', { name: 'Send the chosen messages again' }).click();
    await page.waitForURL(/done=retried/);
    expect(await page.locator('.notice.done').textContent()).toContain(
      '1 message is back in the queue',
    );
    const letter = (await n.supplier.api('GET', `/messages/out/${records.deadLetter}`)).body;
    expect(letter.status).not.toBe('dead');

    await page.goto(url(n.supplier, '/messages/partners?sort=-dead'));
    expect(await page.locator('#delivery .card').count()).toBe(2);
  });

  it('messages and settings: a viewer reads messages but cannot retry; settings are refused', async () => {
    const page = await signedIn(n.supplier, 'vic@supplier.example');
    expect(await navLinks(page)).toEqual([
      'Today',
      'Partners',
      'Leads',
      'Deals',
      'Service',
      'Orders',
      'Catalog',
      'Funds',
      'Inventory',
      'Messages',
    ]);
    await page.goto(url(n.supplier, '/messages/dead-letters'));
    expect(await page.locator('main form[method=post]').count()).toBe(0);
    const refused = await forged(page, n.supplier, '/messages/dead-letters/retry', {
      'ids.0': records.deadLetter,
    });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('data-code="forbidden_role"');
    for (const path of ['/settings', '/settings/staff', '/settings/audit']) {
      const res = await page.goto(url(n.supplier, path));
      expect(res?.status(), path).toBe(403);
      expect(await page.locator('[data-code]').first().getAttribute('data-code')).toBe(
        'forbidden_role',
      );
    }
  });

  it('settings: an owner sees the node, the staff and the audit trail of the console actions', async () => {
    const page = await signedIn(n.supplier, 'olga@supplier.example');
    await page.getByRole('link', { name: 'Settings' }).click();
    expect(await page.locator('#node-profile').textContent()).toContain(n.supplier.url);
    await page.getByRole('link', { name: 'Staff and roles' }).click();
    expect(await page.locator('#staff .card').count()).toBe(5);
    await page.goto(url(n.supplier, '/settings/staff?sort=-email'));
    const emails = await page
      .locator('#staff [data-staff]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-staff')));
    expect(emails).toEqual([...emails].sort().reverse());

    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByLabel('Person (optional)').fill('fina@supplier.example');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(page.url()).toContain('person=fina%40supplier.example');
    expect(await page.locator('#audit').textContent()).toContain('/funds/claims/:id/decision');
  });

  it('search: the box on every page finds a partner; a hit links only into areas the role may open', async () => {
    const viewer = await signedIn(n.supplier, 'vic@supplier.example');
    await viewer.locator('#site-q').fill('ALPHA');
    await viewer.getByRole('button', { name: 'Search', exact: true }).click();
    expect(viewer.url()).toBe(url(n.supplier, '/search?q=ALPHA'));
    const hit = viewer.locator(`[data-hit="partner/${n.ids.alphaOnSupplier}"]`);
    expect(await hit.getByRole('link').getAttribute('href')).toBe(
      `/console/partners/${n.ids.alphaOnSupplier}`,
    );

    // The order desk may not open Partners: the hit is shown without a link, and only the kinds
    // its roles may list are searched.
    const desk = await signedIn(n.supplier, 'odin@supplier.example');
    await desk.goto(url(n.supplier, '/search?q=alpha'));
    const deskHit = desk.locator(`[data-hit="partner/${n.ids.alphaOnSupplier}"]`);
    expect(await deskHit.count()).toBe(1);
    expect(await deskHit.getByRole('link').count()).toBe(0);
    expect(await desk.locator('.muted').last().textContent()).toContain(
      `${searchableKinds({ roles: ['order_desk'] }).length} kinds`,
    );

    const tooShort = await desk.goto(url(n.supplier, '/search?q=a'));
    expect(tooShort?.status()).toBe(400);
    expect(await summary(desk).locator('a').getAttribute('href')).toBe('#f-q');
    expect(await desk.locator('#f-q').inputValue()).toBe('a');
  });

  it("the new pages speak the person's language: zh-CN from their saved setting", async () => {
    const added = await runCliOn(n.supplier, [
      'staff',
      'add',
      '--email',
      'lin@supplier.example',
      '--name',
      'Lin',
      '--role',
      'owner',
      '--language',
      'zh-CN',
    ]);
    expect(added.code, added.err).toBe(0);
    const page = await signedIn(n.supplier, 'lin@supplier.example');
    await page.goto(url(n.supplier, '/catalog'));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('产品目录与价格表');
    expect(await navLinks(page)).toEqual(expect.arrayContaining(['产品目录', '市场基金', '设置']));
    await page.goto(url(n.supplier, `/funds/claims/${records.claim}`));
    expect(await page.locator('#claim').textContent()).toContain('申请金额');
    expect(await page.locator('#claim').textContent()).toContain('1,000.00');
  });
});
