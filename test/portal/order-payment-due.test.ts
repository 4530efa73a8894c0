/**
 * A portal partner orders on the vendor's payment terms and sees when payment is due (issue
 * #20): the new-order form offers the terms of the accounting data the vendor shared, the
 * invoiced order falls due after the terms' days, and the order page says so in the reader's
 * language. Terms the vendor does not share are refused with the field named, nothing sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFor } from '../../node/i18n/index.ts';
import { ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  deliveredTo,
  expectApi,
  PortalClient,
  pushEuPriceList,
  startVendor,
} from './portal-fixture.ts';

const DAY_MS = 86_400_000;
let vendor: TestNode;
let partnerId: number;
let client: PortalClient;

beforeAll(async () => {
  // The fixture's price list takes effect on 2027-01-01.
  vendor = await startVendor({ clock: new ManualClock(new Date('2027-03-01T09:00:00Z')) });
  const invited = await expectApi(vendor, 201, 'POST', '/portal/partners', {
    name: '华东智联科技有限公司',
    user: { email: 'wang@huadong.example', name: '王丽', language: 'zh-CN' },
  });
  partnerId = invited.partner.id as number;
  await pushEuPriceList(vendor, partnerId, [{ sku: 'KB-100', listPrice: '100.00' }]);
  await deliveredTo(vendor, partnerId, 'pricelist.push');
  await expectApi(vendor, 201, 'POST', '/accounting', { id: 'std', name: 'Terms' });
  await expectApi(vendor, 201, 'POST', '/accounting/std/versions', {
    entries: [
      { type: 'currency', code: 'EUR', name: 'Euro', rate: '1' },
      { type: 'payment_terms', code: 'NET30', name: '30 days net', days: '30' },
    ],
  });
  await expectApi(vendor, 202, 'POST', '/accounting/std/push', { partners: [partnerId] });
  await deliveredTo(vendor, partnerId, 'accounting.push');
  client = new PortalClient(vendor.url);
  expect((await client.signIn(invited.signInUrl)).status).toBe(303);
});
afterAll(async () => {
  await vendor?.stop();
  await removeTestDirs();
});

const ORDER = { priceList: 'eu-partners', type: 'standard', sku1: 'KB-100', qty1: '2' };

describe('portal › when an order’s payment is due', () => {
  it('shows the due date of an invoiced order on its payment terms, in Chinese', async () => {
    const form = await client.get('/portal/orders/new');
    expect(form.text).toMatch(/<select[^>]*name="paymentTerms"/);
    expect(form.text).toContain('<option value="NET30"');

    const placed = await client.post('/portal/orders', { ...ORDER, paymentTerms: 'NET30' });
    expect(placed.status).toBe(303);
    const path = placed.location!.split('?')[0]!;
    const orderId = decodeURIComponent(path.split('/').pop()!);

    const before = await client.get(path);
    expect(before.text).not.toContain('id="payment-due"');

    await expectApi(vendor, 200, 'POST', `/orders/${orderId}/response`, { code: 'AP' });
    await expectApi(vendor, 200, 'POST', `/orders/${orderId}/status`, { status: 'invoiced' });
    const order = await expectApi(vendor, 200, 'GET', `/orders/${orderId}`);
    expect(order.paymentTerms).toBe('NET30');
    const due = new Date(new Date(order.invoicedAt).getTime() + 30 * DAY_MS);
    expect(order.paymentDueAt).toBe(due.toISOString());

    const page = await client.get(path);
    expect(page.text).toContain('<html lang="zh-CN"');
    const zh = translatorFor('zh-CN');
    const html = /<dd id="payment-due">(.*?)<\/dd>/.exec(page.text)?.[1] ?? '';
    // The day for scripts in <time datetime>, the day in Chinese for people.
    expect(html).toContain(`<time datetime="${due.toISOString().slice(0, 10)}">`);
    const shown = html.replace(/<[^>]+>/g, '');
    expect(shown).toBe('2027年3月31日（NET30）');
    expect(shown).toBe(zh.t('orders.dueWithTerms', { date: zh.date(due), terms: 'NET30' }));
    expect(shown).toContain(String(due.getUTCFullYear()));
    expect(page.text).toContain(zh.t('orders.paymentDue'));
  });

  it('refuses terms the vendor does not share, naming the field, and sends nothing', async () => {
    const before = await expectApi(vendor, 200, 'GET', `/orders?partner=${partnerId}`);
    await client.get('/portal/orders/new');
    const res = await client.post('/portal/orders', { ...ORDER, paymentTerms: 'NET90' });
    expect(res.status).toBe(400);
    expect(res.text).toContain(translatorFor('zh-CN').t('orders.err.paymentTerms'));
    const after = await expectApi(vendor, 200, 'GET', `/orders?partner=${partnerId}`);
    expect(after.orders.length).toBe(before.orders.length);
  });
});
