/**
 * One order, read by the same partner user in English and in Chinese: the same instants and the
 * same exact amounts, each written as the language writes them, with the instant and the day
 * kept in `<time datetime>` for scripts. Expectations are written out by hand from what Intl's
 * en and zh-CN data say (grouping by thousands, `€` before the amount, `2027年3月1日`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  deliveredTo,
  expectApi,
  type Invited,
  PortalClient,
  pushEuPriceList,
  startTwoPartnerPortal,
} from '../portal/portal-fixture.ts';

/** The page's text without tags, for sentences that hold elements. */
const words = (html: string) => html.replace(/<[^>]+>/g, '');

describe('i18n › one order in English and in Chinese', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let a: Invited;
  let asA: PortalClient;
  let orderPath = '';

  beforeAll(async () => {
    ({ vendor, a, asA } = await startTwoPartnerPortal({ clock }));
    await pushEuPriceList(vendor, a.partnerId, [
      { sku: 'KB-100', listPrice: '1499.95' },
      { sku: 'MS-200', listPrice: '0.005' },
    ]);
    await deliveredTo(vendor, a.partnerId, 'pricelist.push');
    await asA.get('/portal/orders/new');
    const placed = await asA.post('/portal/orders', {
      priceList: 'eu-partners',
      type: 'standard',
      sku1: 'KB-100',
      qty1: '1000',
      sku2: 'MS-200',
      qty2: '3',
    });
    expect(placed.status).toBe(303);
    orderPath = placed.location!.split('?')[0]!;
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  async function orderIn(lang: 'en' | 'zh-CN'): Promise<string> {
    asA.cookies.set('ps_lang', lang);
    const page = await asA.get(orderPath);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<html lang="${lang}"`);
    return page.text;
  }

  it('writes the total, the prices and the time in each language, never rounding', async () => {
    const orderId = decodeURIComponent(orderPath.split('/').at(-1)!);
    // 1000 × 1499.95 + 3 × 0.005 = 1499950.015: three fraction digits, kept.
    expect(await expectApi(vendor, 200, 'GET', `/orders/${orderId}`)).toMatchObject({
      total: '1499950.015',
      currency: 'EUR',
    });
    const en = await orderIn('en');
    const zh = await orderIn('zh-CN');

    expect(en).toContain('€1,499,950.015');
    expect(zh).toContain('€1,499,950.015');
    expect(en).not.toContain('1499950.015 EUR');
    // Line, SKU, quantity, unit price, amount: the same cells in both languages.
    for (const page of [en, zh]) {
      expect(words(page)).toContain('1KB-1001,000€1,499.95€1,499,950.00');
      expect(words(page)).toContain('2MS-2003€0.005€0.015');
    }

    expect(en).toContain('<time datetime="2027-03-01T09:00:00.000Z">Mar 1, 2027, 09:00 UTC</time>');
    expect(zh).toContain(
      '<time datetime="2027-03-01T09:00:00.000Z">2027/03/01 09:00（UTC）</time>',
    );
    expect(words(en)).toContain('Standard order of March 1, 2027');
    expect(words(zh)).toContain('2027年3月1日');
    expect(en).not.toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  });
});
