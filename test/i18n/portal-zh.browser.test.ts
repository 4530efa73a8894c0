/**
 * Every portal page in Simplified Chinese, in Chromium on a phone (390 px): `<html lang>` says
 * zh-CN, no English is left on the page (beyond an allow-list of proper names, codes, units and
 * SKUs), nothing is wider than the viewport, and the Chinese text is drawn with a CJK font (not
 * empty boxes). Screenshots go to PORTAL_SCREENSHOTS, or .tmp/test-output/portal-zh.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { CHROMIUM_PATH, HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import {
  deliveredTo,
  expectApi,
  offerLead,
  portalLead,
  PortalClient,
  pushEuPriceList,
  startVendor,
} from '../portal/portal-fixture.ts';
import { translatorFor } from '../../node/i18n/index.ts';
import type { LineExplanation } from '../../node/inventory/compute-proposal.ts';
import { explainLine } from '../../node/inventory/explain-reason.ts';
import { problemsOn } from './english-on-page.ts';
import { crawlPages } from './page-crawl.ts';

const SHOTS = process.env.PORTAL_SCREENSHOTS ?? join('.tmp', 'test-output', 'portal-zh');
const ON_CI = process.env.CI === 'true';

if (!HAVE_CHROMIUM && !ON_CI) {
  console.warn(`i18n › portal in Chinese: skipped, no Chromium at ${CHROMIUM_PATH}`);
}

/** Where the crawl starts (it follows every link from there); records' pages are added in beforeAll. */
const PAGES = [
  '/sign-in',
  '/home',
  '/leads',
  '/leads/L-ZH',
  '/deals',
  '/deals/new',
  '/requests',
  '/requests/new',
  '/claims',
  '/claims/new',
  '/price-lists',
  '/price-lists/eu-partners',
  '/products',
  '/funds',
  '/orders',
  '/orders/new',
  '/stock',
  '/stock/reports/new',
  '/accounting',
  '/accounting/std',
  '/no-such-page',
];

describe.runIf(!HAVE_CHROMIUM && ON_CI)('i18n › portal in Chinese (CI)', () => {
  it('needs Chromium on CI', () => {
    expect(HAVE_CHROMIUM, `no Chromium at ${CHROMIUM_PATH}`).toBe(true);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('i18n › portal in Chinese on a phone', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let browser: Browser;
  let page: Page;
  let signInUrl: string;
  let proposalPath: string;
  let proposalLines: LineExplanation[];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [vendor, browser] = await Promise.all([startVendor({ clock }), launchChromium()]);
    const invited = await expectApi(vendor, 201, 'POST', '/portal/partners', {
      name: '华东智联科技有限公司',
      user: { email: 'wang@huadong.example', name: '王丽', language: 'zh-CN' },
    });
    const partnerId = invited.partner.id as number;
    signInUrl = invited.signInUrl;
    await offerLead(
      vendor,
      partnerId,
      portalLead('L-ZH', {
        company: '苏州精工制造',
        contact: { name: '陈明', email: 'chen@jinggong.example' },
        region: '华东',
        interest: ['路由器'],
        source: '官网表单',
      }),
    );
    await pushEuPriceList(vendor, partnerId, [
      { sku: 'KB-100', listPrice: '12499.90', standardPrice: '11000.00' },
    ]);
    await deliveredTo(vendor, partnerId, 'pricelist.push');
    const fund = await expectApi(vendor, 201, 'POST', '/funds/allocations', {
      partner: partnerId,
      amount: '30000.00',
      currency: 'CNY',
      validTo: '2027-06-30',
      claimDeadline: '2027-07-31',
      activities: ['trade_show'],
      note: '春季展会',
    });
    PAGES.push(`/funds/${fund.allocationId}`, `/funds/${fund.allocationId}/claims/new`);
    // A record of each kind the partner owns, made with the forms as a browser without script.
    const link = await expectApi(
      vendor,
      201,
      'POST',
      `/portal/users/${invited.partner.users[0].id}/links`,
    );
    const client = new PortalClient(vendor.url);
    await client.signIn(link.signInUrl);
    const made = async (path: string, form: Record<string, string>) => {
      await client.get(`/portal${path}/new`);
      const res = await client.post(`/portal${path}`, form);
      PAGES.push(res.location!.split('?')[0]!.replace('/portal', ''));
    };
    await made('/deals', {
      customerName: '杭州云栖数据有限公司',
      country: 'CN',
      products: 'FW-100',
      estimatedValue: '1234567.50',
      currency: 'CNY',
      expectedCloseDate: '2027-05-31',
    });
    await made('/requests', {
      category: 'technical',
      subject: '屏幕闪烁',
      description: '小屏幕上出现闪烁。',
      priority: 'normal',
    });
    await made('/orders', {
      priceList: 'eu-partners',
      type: 'standard',
      sku1: 'KB-100',
      qty1: '1200',
    });
    // A stock report through the form, and the vendor's replenishment proposal from it.
    await expectApi(vendor, 200, 'PUT', '/inventory/settings', {
      partner: partnerId,
      sku: 'KB-100',
      policy: 'days_of_cover',
      days: 14,
      leadTimeDays: 7,
      packSize: '10',
    });
    await made('/stock/reports', {
      location: '苏州仓',
      periodStart: '2027-02-15',
      periodEnd: '2027-02-28',
      csvText: 'sku,onHand,sold,onOrder\nKB-100,10,28,0\n',
    });
    const proposal = await expectApi(vendor, 201, 'POST', '/inventory/proposals', {
      partner: partnerId,
      location: '苏州仓',
    });
    await deliveredTo(vendor, partnerId, 'replenishment.proposal');
    proposalPath = `/stock/proposals/${proposal.proposalId}`;
    proposalLines = proposal.details.lines;
    // An expense claim with its proof file, posted as multipart as a browser does.
    await client.get(`/portal/funds/${fund.allocationId}/claims/new`);
    const form = new FormData();
    form.set('_csrf', client.csrf ?? '');
    const fields = {
      invoiceNumber: 'FP-2027-031',
      invoiceDate: '2027-03-01',
      activity: 'trade_show',
      line1Description: '展位费',
      line1Amount: '12000.00',
      total: '12000.00',
    };
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    const pdf = Buffer.from('%PDF-1.4\n% 发票\n%%EOF\n');
    form.append('proof', new Blob([pdf], { type: 'application/pdf' }), '发票.pdf');
    const filed = await fetch(`${vendor.url}/portal/funds/${fund.allocationId}/claims`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: form,
    });
    expect(filed.status, await filed.clone().text()).toBe(303);
    PAGES.push(filed.headers.get('location')!.split('?')[0]!.replace('/portal', ''));
    await made('/claims', {
      product: 'FW-100',
      serial: 'SN-9',
      purchaseDate: '2027-01-02',
      failureDate: '2027-02-03',
      failure: '风扇故障',
      claimedAmount: '880.00',
      currency: 'CNY',
    });
    // Pushed after the claim: the portal's claim form has no account codes to give.
    await expectApi(vendor, 201, 'POST', '/accounting', { id: 'std', name: '华东结算条款' });
    await expectApi(vendor, 201, 'POST', '/accounting/std/versions', {
      entries: [
        { type: 'payment_terms', code: 'NET30', name: '30 天净付', days: '30' },
        { type: 'account', code: '6400', name: '市场费用', use: 'expense_claim' },
        { type: 'tax_category', code: 'VAT13', name: '增值税 13%', rate: '13' },
      ],
    });
    await expectApi(vendor, 202, 'POST', '/accounting/std/push', { partners: [partnerId] });
    await deliveredTo(vendor, partnerId, 'accounting.push');
  });
  afterAll(async () => {
    await browser?.close();
    await vendor?.stop();
    await removeTestDirs();
  });

  it('signs in through the Chinese pages', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    page = await context.newPage();
    // Before anyone signs in: the sign-in page, a used-up link's page, the link's own page.
    const signedOut: Record<string, string[]> = {};
    for (const url of [
      `${vendor.url}/portal/sign-in`,
      `${vendor.url}/portal/sign-in/x`,
      signInUrl,
    ]) {
      await page.goto(url);
      signedOut[new URL(url).pathname] = await problemsOn(page);
    }
    expect(Object.values(signedOut).flat(), JSON.stringify(signedOut)).toEqual([]);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${vendor.url}/portal/home`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('欢迎，王丽');
  });

  it('shows every page in Chinese, as wide as the phone at most', async () => {
    const found: Record<string, string[]> = {};
    await crawlPages(page, { base: `${vendor.url}/portal`, seeds: PAGES }, async (path, status) => {
      const problems = await problemsOn(page);
      const bad = path === '/no-such-page' ? status !== 404 : status >= 400;
      if (bad) problems.unshift(`status ${status}`);
      if (problems.length > 0) found[path] = problems;
      const name =
        path
          .slice(1)
          .replace(/[/?&=]/g, '-')
          .slice(0, 60) || 'root';
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    });
    expect(found).toEqual({});
  });

  it('shows form errors in Chinese, beside their fields', async () => {
    const found: Record<string, string[]> = {};
    const refused = async (path: string, fill: Record<string, string>) => {
      await page.goto(`${vendor.url}/portal${path}`);
      for (const [name, value] of Object.entries(fill))
        await page.locator(`[name="${name}"]`).fill(value);
      await page.locator('main form button[type=submit]').last().click();
      await page.waitForLoadState();
      expect(await page.locator('.field-error').count(), path).toBeGreaterThan(0);
      const problems = await problemsOn(page);
      if (problems.length > 0) found[path] = problems;
    };
    await refused('/deals/new', { estimatedValue: '12,5', expectedCloseDate: '2027-02-30' });
    await refused('/stock/reports/new', {
      location: '苏州仓',
      periodStart: '2027-02-15',
      periodEnd: '2027-02-28',
      csvText: 'sku,onHand,sold\nKB-100,十,28\n',
    });
    await refused('/requests/new', { subject: '' });
    expect(found).toEqual({});
  });

  it('explains a replenishment proposal in Chinese, from the figures behind it', async () => {
    await page.goto(`${vendor.url}/portal${proposalPath}`);
    // 28 sold over 14 days; 10 in stock; 2/day × (14 + 7) days = 42, less 10, in packs of 10.
    expect(await page.locator('.card .reason').textContent()).toBe(
      '14 天内日均销售 2（1 份报告）；现有及在途共 10（10 + 0），可供 5 天；交货期 7 天；' +
        '覆盖 14 天 + 交货期 7 天：目标库存 42；补货 40（按每包 10 取整）',
    );
    // In English the catalog says what the node sent the partner, word for word.
    expect(proposalLines.map((l) => explainLine(translatorFor('en'), l))).toEqual(
      proposalLines.map((l) => l.reason),
    );
  });

  it('draws the Chinese text with a CJK font', async () => {
    await page.goto(`${vendor.url}/portal/home`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    // "欢迎，王丽": every glyph from a font that has CJK glyphs.
    const cjk = fonts.filter((f) => /CJK|Hei|Song|Ming|Han|WenQuanYi|SC|JP/i.test(f.familyName));
    expect(
      fonts.map((f) => f.familyName),
      JSON.stringify(fonts),
    ).not.toEqual([]);
    expect(cjk.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThanOrEqual(4);
  });
});
