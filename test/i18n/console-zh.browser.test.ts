/**
 * Every staff console page in Simplified Chinese, in Chromium on a phone (390 px), signed in as a
 * staff member whose account language is zh-CN: `<html lang>` says zh-CN, no English is left on
 * the page (beyond the allow-list of names, codes and ids the records hold), nothing is wider
 * than the viewport. The sign-in pages follow the browser's Accept-Language before anyone signs
 * in, and the language switch saves the choice on the account. Screenshots go to
 * CONSOLE_SCREENSHOTS, or .tmp/test-output/console-zh.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../node/staff/audit-actor.ts';
import { issueStaffLink } from '../../node/staff/sign-in-links.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from '../portal/browser.ts';
import {
  deliveredTo,
  expectApi,
  offerLead,
  portalLead,
  PortalClient,
  pushEuPriceList,
  startVendor,
} from '../portal/portal-fixture.ts';
import { runCliOn } from '../support/run-cli.ts';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { problemsOn } from './english-on-page.ts';
import { crawlPages } from './page-crawl.ts';

const SHOTS = process.env.CONSOLE_SCREENSHOTS ?? join('.tmp', 'test-output', 'console-zh');

/** Where the crawl starts (it follows every link from there); records' pages are added in beforeAll. */
const PAGES = ['', '/today', '/partners', '/leads', '/deals', '/service', '/orders'];

describe.skipIf(!HAVE_CHROMIUM)('i18n › staff console in Chinese on a phone', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleUrl = (path = '') => `${vendor.url}/console${path}`;

  /** What is wrong with the page (see problemsOn); takes its screenshot. */
  async function check(path: string) {
    const name =
      path
        .slice(1)
        .replace(/[/?&=]/g, '-')
        .slice(0, 60) || 'account';
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    return problemsOn(page);
  }

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    [vendor, browser] = await Promise.all([startVendor({ clock }), launchChromium()]);
    const added = await runCliOn(vendor, [
      'staff',
      'add',
      '--email',
      'li@vendor.example',
      '--name',
      '李娜',
      '--role',
      'owner',
      '--language',
      'zh-CN',
    ]);
    expect(added.code, added.err).toBe(0);
    // A partner with a record of each kind the console shows, made through the portal's forms.
    const invited = await expectApi(vendor, 201, 'POST', '/portal/partners', {
      name: '华东智联科技有限公司',
      user: { email: 'wang@huadong.example', name: '王丽', language: 'zh-CN' },
    });
    const partnerId = invited.partner.id as number;
    PAGES.push(`/partners/${partnerId}`);
    await offerLead(
      vendor,
      partnerId,
      portalLead('L-ZH', { company: '苏州精工制造', region: '华东', interest: ['路由器'] }),
    );
    await pushEuPriceList(vendor, partnerId, [
      { sku: 'KB-100', listPrice: '12499.90', standardPrice: '11000.00' },
    ]);
    await deliveredTo(vendor, partnerId, 'pricelist.push');
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
      expect(res.status, res.text).toBe(303);
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
      priority: 'high',
    });
    await made('/orders', {
      priceList: 'eu-partners',
      type: 'standard',
      sku1: 'KB-100',
      qty1: '1200',
    });
    const deals = await expectApi(vendor, 200, 'GET', '/deals?role=vendor');
    const requests = await expectApi(vendor, 200, 'GET', '/service/requests');
    const orders = await expectApi(vendor, 200, 'GET', '/orders?direction=incoming');
    PAGES.push(
      `/deals/${deals.deals[0].id}`,
      `/service/${requests.requests[0].id}`,
      `/orders/${orders.orders[0].id}`,
      // A record that is not there: the refusal in words, its code beside them.
      '/deals/999999',
    );
    context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await vendor?.stop();
    await removeTestDirs();
  });

  it('shows the sign-in pages in the browser’s language before anyone signs in', async () => {
    await page.goto(consoleUrl('/sign-in'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('登录管理控制台');
    expect(await check('/sign-in')).toEqual([]);
    const { url } = await issueStaffLink(vendor.deps, 'li@vendor.example', CLI_ACTOR);
    await page.goto(url);
    expect(await check('/sign-in/link')).toEqual([]);
    await page.getByRole('button', { name: '登录' }).click();
    // Wherever the console lands a person after signing in, it is signed in and speaks Chinese.
    await page.waitForURL((url) => !url.pathname.includes('/sign-in'));
    expect(await page.content()).toContain('当前登录：李娜');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('shows every console page in Chinese, as wide as the phone at most', async () => {
    const found: Record<string, string[]> = {};
    const visited = await crawlPages(
      page,
      { base: consoleUrl(), seeds: PAGES },
      async (path, status) => {
        const problems = await check(path);
        if (status !== (path === '/deals/999999' ? 404 : 200)) problems.unshift(`status ${status}`);
        if (problems.length > 0) found[path] = problems;
      },
    );
    expect(found).toEqual({});
    // The links led past the pages listed here (the crawl follows the console's own links).
    expect(visited.length).toBeGreaterThan(PAGES.length);
    // The refusal keeps its stable code for support and scripts.
    await page.goto(consoleUrl('/deals/999999'));
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('not_found');
    // The crawl opens every page the console links to (a few dozen, each checked in the browser).
  }, 120_000);

  it('draws the Chinese text with a CJK font', async () => {
    await page.goto(consoleUrl('/today'));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    // "今日": both glyphs from a font that has CJK glyphs.
    const cjk = fonts.filter((f) => /CJK|Hei|Song|Ming|Han|WenQuanYi|SC|JP/i.test(f.familyName));
    expect(
      cjk.reduce((n, f) => n + f.glyphCount, 0),
      JSON.stringify(fonts),
    ).toBeGreaterThanOrEqual(2);
  });

  it('follows the account’s language over the browser’s, and the switch saves a new one', async () => {
    const english = await browser.newContext({ ...PHONE, locale: 'en-US' });
    try {
      const other = await english.newPage();
      await other.context().addCookies(await context.cookies());
      await other.goto(consoleUrl('/today'));
      expect(await other.locator('html').getAttribute('lang')).toBe('zh-CN');
      await other.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => other.url()).toBe(consoleUrl('/today'));
      expect(await other.locator('html').getAttribute('lang')).toBe('en');
      expect(await other.getByRole('heading', { level: 1 }).textContent()).toBe('Today');
      const li = await vendor.deps.store.read((tx) =>
        tx.staff.findUserByEmail('li@vendor.example'),
      );
      expect(li?.language).toBe('en');
      const audit = await expectApi(vendor, 200, 'GET', '/audit?operation=set_language');
      expect(audit.entries.map((e: { email: string }) => e.email)).toEqual(['li@vendor.example']);
    } finally {
      await english.close();
    }
  });
});
