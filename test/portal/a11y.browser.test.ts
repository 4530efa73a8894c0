// Every portal page on a phone in Chromium: axe-core (no serious or critical violation), and
// what it does not check: language, viewport, one heading, labelled fields, no sideways
// scrolling, visible focus, text contrast of at least 4.5:1; and a form sent back with all its
// problems focused at the top. Set PARTNER_SYNC_SCREENSHOTS=<dir> (or PORTAL_SCREENSHOTS) to keep a picture of each.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { axeViolations } from '../console/axe.ts';
import { HAVE_CHROMIUM, launchChromium, PHONE } from './browser.ts';
import {
  expectApi,
  invitePortal,
  offerLead,
  portalLead,
  PortalClient,
  startVendor,
  type Invited,
} from './portal-fixture.ts';

const SHOTS = process.env.PORTAL_SCREENSHOTS ?? process.env.PARTNER_SYNC_SCREENSHOTS;

const PAGES = [
  '/home',
  '/leads',
  '/leads/L-A11Y',
  '/deals',
  '/deals/new',
  '/requests',
  '/requests/new',
  '/claims',
  '/claims/new',
  '/price-lists',
  '/products',
  '/funds',
  '/orders',
  '/stock',
];

interface PageFacts {
  lang: string | null;
  viewport: string | null;
  h1: number;
  unlabelled: string[];
  overflow: number;
  lowContrast: string[];
}

/** Runs in the page: the facts the checks need (plain DOM, no library). */
function pageFacts(): PageFacts {
  const d = (globalThis as any).document;
  const w = globalThis as any;
  const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]: number[]) =>
    [r!, g!, b!]
      .map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  const background = (el: any): number[] => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(w.getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const lowContrast: string[] = [];
  for (const el of d.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n: any) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.offsetParent === null) continue;
    const fg = lum(rgb(w.getComputedStyle(el).color));
    const bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) lowContrast.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)}`);
  }
  return {
    lang: d.documentElement.getAttribute('lang'),
    viewport: d.querySelector('meta[name=viewport]')?.getAttribute('content') ?? null,
    h1: d.querySelectorAll('h1').length,
    unlabelled: [...d.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((e: any) => e.labels?.length === 0)
      .map((e: any) => e.name),
    overflow: d.documentElement.scrollWidth - d.documentElement.clientWidth,
    lowContrast,
  };
}

describe.skipIf(!HAVE_CHROMIUM)('portal › accessibility on a phone', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let browser: Browser;
  let partner: Invited;
  let page: Page;

  beforeAll(async () => {
    [vendor, browser] = await Promise.all([startVendor({ clock }), launchChromium()]);
    partner = await invitePortal(vendor, 'Phone Partner');
    await offerLead(vendor, partner.partnerId, portalLead('L-A11Y', { company: 'Small Screen' }));
    // A record of each kind the partner owns, so that their pages show every form.
    const link = await expectApi(vendor, 201, 'POST', `/portal/users/${partner.userId}/links`);
    const client = new PortalClient(vendor.url);
    await client.signIn(link.signInUrl);
    const made = async (path: string, form: Record<string, string>) => {
      await client.get(`/portal${path}/new`);
      const res = await client.post(`/portal${path}`, form);
      PAGES.push(res.location!.split('?')[0]!.replace('/portal', ''));
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
    if (SHOTS) await mkdir(SHOTS, { recursive: true });
    page = await (await browser.newContext(PHONE)).newPage();
    await page.goto(partner.signInUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${vendor.url}/portal/home`);
  });
  afterAll(async () => {
    await browser?.close();
    await vendor?.stop();
    await removeTestDirs();
  });

  it(
    'passes axe-core and gives every page a language, a viewport, one heading, labels, contrast and no sideways scroll',
    { timeout: 240_000 },
    async () => {
      for (const path of PAGES) {
        const res = await page.goto(`${vendor.url}/portal${path}`);
        expect(res?.status(), path).toBe(200);
        // axe-core's rules, serious and critical, besides the checks below that it does not make.
        expect(await axeViolations(page), path).toEqual([]);
        const facts = await page.evaluate(pageFacts);
        expect({ path, ...facts }).toEqual({
          path,
          lang: 'en',
          viewport: 'width=device-width, initial-scale=1',
          h1: 1,
          unlabelled: [],
          overflow: 0,
          lowContrast: [],
        });
        if (SHOTS) {
          const name = path.slice(1).replaceAll('/', '-').slice(0, 40);
          await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
        }
      }
    },
  );

  it('shows focus, on the dark header as in the page', async () => {
    await page.goto(`${vendor.url}/portal/deals`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      const style = (globalThis as any).getComputedStyle(el);
      return { text: el.textContent, style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(outline).toEqual({ text: 'Overview', style: 'solid', width: '3px' });
  });

  it('sends a form back with every problem listed and focused, the input kept', async () => {
    await page.goto(`${vendor.url}/portal/deals/new`);
    await page.getByLabel('Company name').fill('Half Filled Ltd');
    await page.getByLabel('Estimated value').fill('lots');
    await page.getByRole('button', { name: 'Register the deal' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('heading').textContent()).toBe('There are 5 problems');
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Country is required.',
      'Products is required.',
      'Estimated value must be a decimal string such as "1299.50"',
      'Currency is required.',
      'Expected close date is required.',
    ]);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.role)).toBe(
      'alert',
    );
    expect(await page.getByLabel('Company name').inputValue()).toBe('Half Filled Ltd');
    expect(await page.getByLabel('Estimated value').inputValue()).toBe('lots');
    expect(await page.getByLabel('Estimated value').getAttribute('aria-invalid')).toBe('true');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'deal-errors.png'), fullPage: true });
    const deals = await expectApi(
      vendor,
      200,
      'GET',
      `/deals?role=vendor&partner=${partner.partnerId}`,
    );
    expect(deals.deals.map((d: any) => d.endCustomer.name)).toEqual(['Narrow Ltd']);
  });
});
