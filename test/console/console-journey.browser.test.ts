/**
 * The staff console in Chromium on a vendor node with two resellers: a channel manager sees
 * Today, follows it to a registration and decides it through the console (the API's own
 * operation: its validation, its audit entry); a viewer sees the pages without any action and a
 * forged POST is refused; a service agent has no link to the deal area and is refused there; and
 * every page fits a 390 px phone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { atVendor, register, startDealNodes, type DealNodes } from '../deals/deal-nodes.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import { runCliOn } from '../support/run-cli.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { axeViolations } from './axe.ts';
import { overflowAt390 } from './phone-width.ts';

const STAFF = [
  ['olga@vendor.example', 'Olga Owner', 'owner'],
  ['cara@vendor.example', 'Cara Channel', 'channel_manager'],
  ['vic@vendor.example', 'Vic Viewer', 'viewer'],
  ['sam@vendor.example', 'Sam Service', 'service_agent'],
] as const;

describe.skipIf(!HAVE_CHROMIUM)('console › journeys in Chromium', () => {
  let n: DealNodes;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The vendor's numbers of the two registrations: alpha's waits, beta's clashed with it. */
  let waiting: number;
  let clashed: number;

  const consoleUrl = (path = '') => `${n.vendor.url}/console${path}`;

  async function signedIn(email: string, options: object = {}): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    const { url } = await issueStaffLink(n.vendor.deps, email, CLI_ACTOR);
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl('/today'));
    return page;
  }

  const navLinks = (page: Page) => page.locator('nav[aria-label=Main] a').allTextContents();
  const refusalCode = (page: Page) => page.locator('[data-code]').first().getAttribute('data-code');
  const vendorDeal = async (id: number) => (await n.vendor.api('GET', `/deals/${id}`)).body;

  beforeAll(async () => {
    [n, browser] = await Promise.all([startDealNodes(), launchChromium()]);
    for (const [email, name, role] of STAFF) {
      const added = await runCliOn(n.vendor, [
        'staff',
        'add',
        '--email',
        email,
        '--name',
        name,
        '--role',
        role,
      ]);
      expect(added.code, added.err).toBe(0);
    }
    const first = await register(n.alpha, n.ids.vendorOnAlpha);
    waiting = (await atVendor(n, first.dealId)).id;
    const second = await register(n.beta, n.ids.vendorOnBeta);
    const onVendor = await atVendor(n, second.dealId);
    expect(onVendor.status).toBe('conflict');
    clashed = onVendor.id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await n?.stop();
    await removeTestDirs();
  });

  it('a channel manager follows Today to a registration and decides it', async () => {
    const page = await signedIn('cara@vendor.example');
    expect(await navLinks(page)).toEqual([
      'Today',
      'Partners',
      'Leads',
      'Deals',
      'Catalog',
      'Funds',
    ]);

    await page.getByRole('link', { name: 'Today' }).click();
    const deals = page.locator('#today-deals-decide');
    expect(await deals.locator('[data-count]').getAttribute('data-count')).toBe('1');
    // Sections for other roles' work are not shown.
    expect(await page.locator('#today-service-overdue').count()).toBe(0);
    expect(await page.locator('#today-dead-letters').count()).toBe(0);
    await deals.getByRole('link').click();
    expect(page.url()).toBe(consoleUrl('/deals?status=submitted'));
    await page.locator(`[data-deal="${waiting}"] a`).click();
    expect(page.url()).toBe(consoleUrl(`/deals/${waiting}`));

    // The API's validation: returning it needs a reason; the summary links to the field.
    await page.getByLabel('Decision').selectOption('returned');
    const refused = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/decision')),
      page.getByRole('button', { name: 'Send the decision' }).click(),
    ]);
    expect(refused[0].status()).toBe(400);
    const summary = page.locator('.notice.error[role=alert]');
    expect(await summary.textContent()).toContain('invalid_field');
    expect(await summary.locator('a').getAttribute('href')).toBe('#f-reason');
    expect((await vendorDeal(waiting)).status).toBe('submitted');

    await page.getByLabel('Decision').selectOption('approved');
    await page.getByRole('button', { name: 'Send the decision' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl(`/deals/${waiting}?done=decided`));
    expect(await page.locator('.notice.done').textContent()).toContain('recorded');
    expect((await vendorDeal(waiting)).status).toBe('approved');
    // No decision form once decided.
    expect(await page.getByRole('button', { name: 'Send the decision' }).count()).toBe(0);

    // The audit trail names the person, as a direct API call would.
    const audit = await n.vendor.api('GET', `/audit?record=deals/${waiting}`);
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    const outcomes = audit.body.entries
      .filter((e: { operation: string }) => e.operation === 'POST /deals/:id/decision')
      .map((e: { email: string; outcome: string }) => [e.email, e.outcome]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        ['cara@vendor.example', 'ok'],
        ['cara@vendor.example', 'invalid_field'],
      ]),
    );

    // The clashing registration shows the one it clashed with beside it.
    await page.goto(consoleUrl(`/deals/${clashed}`));
    const conflict = page.locator('.card.conflict');
    expect(await conflict.count()).toBe(1);
    expect(await conflict.textContent()).toContain('Alpha Systems');
  });

  it('pages deals and partners by cursor; the next link keeps the page size', async () => {
    const page = await signedIn('vic@vendor.example');
    const ids = async (attr: string) =>
      page.locator(`[${attr}]`).evaluateAll((els, a) => els.map((e) => e.getAttribute(a)), attr);

    await page.goto(consoleUrl('/deals?limit=1'));
    // The two pages together hold both registrations, once each.
    const first = await ids('data-deal');
    expect(first).toHaveLength(1);
    await page.getByRole('link', { name: 'Next page' }).click();
    expect(page.url()).toContain('limit=1');
    const second = await ids('data-deal');
    expect(second).toHaveLength(1);
    expect([...first, ...second].sort()).toEqual([String(waiting), String(clashed)].sort());
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);

    await page.goto(consoleUrl('/deals?status=conflict&limit=1'));
    expect(await ids('data-deal')).toEqual([String(clashed)]);
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);

    await page.goto(consoleUrl('/partners?limit=1'));
    expect(await ids('data-partner')).toEqual([String(n.ids.alphaOnVendor)]);
    await page.getByRole('link', { name: 'Next partners' }).click();
    expect(await ids('data-partner')).toEqual([String(n.ids.betaOnVendor)]);
    expect(await page.getByRole('link', { name: 'Next partners' }).count()).toBe(0);
    await page.goto(consoleUrl('/partners?q=beta'));
    expect(await ids('data-partner')).toEqual([String(n.ids.betaOnVendor)]);
  });

  it('a viewer sees the pages but is offered no action, and a forged POST is refused', async () => {
    const page = await signedIn('vic@vendor.example');
    await page.goto(consoleUrl());
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
    const csrf = await page.locator('input[name=_csrf]').first().getAttribute('value');

    await page.goto(consoleUrl('/today'));
    expect(await page.locator('.card').count()).toBe(0);
    for (const path of [
      '/partners',
      '/leads',
      '/deals',
      `/deals/${clashed}`,
      '/service',
      '/orders',
    ]) {
      const res = await page.goto(consoleUrl(path));
      expect(res?.status(), path).toBe(200);
      expect(await page.locator('main form[method=post]').count(), path).toBe(0);
    }

    const before = await vendorDeal(clashed);
    const forged = await page.request.post(consoleUrl(`/deals/${clashed}/decision`), {
      form: { _csrf: csrf!, status: 'approved' },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('data-code="forbidden_role"');
    const lead = await page.request.post(consoleUrl('/leads'), {
      form: { _csrf: csrf!, company: 'Initech', region: 'NA', interest: 'x', source: 'web' },
    });
    expect(lead.status()).toBe(403);
    expect(await vendorDeal(clashed)).toEqual(before);
    expect((await n.vendor.api('GET', '/leads')).body.leads).toEqual([]);
  });

  it('a role without an area gets no link to it and a refusal at its address', async () => {
    const page = await signedIn('sam@vendor.example');
    expect(await navLinks(page)).toEqual(['Today', 'Service']);
    // Their own area opens, with its Today section linking to it.
    await page.goto(consoleUrl('/today'));
    await page.locator('#today-service-overdue').getByRole('link').click();
    expect(page.url()).toBe(consoleUrl('/service?overdue=true'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Service requests');
    for (const path of ['/partners', '/leads', '/deals', `/deals/${waiting}`, '/orders']) {
      const res = await page.goto(consoleUrl(path));
      expect(res?.status(), path).toBe(403);
      expect(await refusalCode(page), path).toBe('forbidden_role');
    }
  });

  it('a channel manager creates a lead (a refusal keeps what was typed) and routes it', async () => {
    const page = await signedIn('cara@vendor.example');
    await page.goto(consoleUrl('/leads'));
    await page.getByLabel('Company').fill('Initech');
    await page.getByLabel('Contact name').fill('Bill Lumbergh');
    await page.getByLabel('Region').fill('NA');
    await page.getByLabel('Products of interest').fill('TPS-1, TPS-2');
    await page.getByLabel('Source').fill('trade fair');
    await page.getByLabel('Currency (optional)').fill('euros');
    await page.getByRole('button', { name: 'Create the lead' }).click();
    const summary = page.locator('.notice.error[role=alert]');
    expect(await summary.textContent()).toContain('currency');
    expect(await page.getByLabel('Company').inputValue()).toBe('Initech');
    expect((await n.vendor.api('GET', '/leads')).body.leads).toEqual([]);

    await page.getByLabel('Currency (optional)').fill('EUR');
    await page.getByRole('button', { name: 'Create the lead' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl('/leads?done=created'));
    expect(await page.locator('#leads .card').count()).toBe(1);
    const leads = (await n.vendor.api('GET', '/leads')).body.leads;
    expect(leads.map((l: { lead: { company: string; interest: string[] } }) => l.lead)).toEqual([
      expect.objectContaining({ company: 'Initech', interest: ['TPS-1', 'TPS-2'] }),
    ]);

    // Routing is the API's operation too: its answer (whatever the rules decide) is what shows.
    await page.getByRole('button', { name: 'Route by the rules' }).click();
    await expect.poll(() => page.url()).toBe(consoleUrl('/leads?done=routed'));
    const routed = (await n.vendor.api('GET', '/leads')).body.leads[0];
    expect(await page.locator('#leads .status').textContent()).toBe(
      routed.status.replaceAll('_', ' '),
    );
    const audit = await n.vendor.api('GET', '/audit?operation=POST%20/leads/:id/route');
    expect(audit.body.entries.map((e: { email: string }) => e.email)).toEqual([
      'cara@vendor.example',
    ]);
  });

  it('every page answers 200 for an owner, fits a 390 px phone and passes axe-core', async () => {
    const page = await signedIn('olga@vendor.example', PHONE);
    const partner = n.ids.alphaOnVendor;
    const paths = [
      '',
      '/today',
      '/partners',
      `/partners/${partner}`,
      '/leads',
      '/deals',
      `/deals/${waiting}`,
      `/deals/${clashed}`,
      '/service',
      '/service?overdue=true',
      '/orders',
      '/orders?direction=incoming&status=acknowledged',
    ];
    for (const path of paths) {
      const res = await page.goto(consoleUrl(path));
      expect(res?.status(), path).toBe(200);
      expect(await overflowAt390(page), path).toEqual({ wide: [], scrollWidth: 390 });
      expect(await axeViolations(page), path).toEqual([]);
    }
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
      'Settings',
    ]);
  });
});
