import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, ManualClock, removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  deliveredTo,
  expectApi,
  type Invited,
  PortalClient,
  pushEuPriceList,
  startTwoPartnerPortal,
} from './portal-fixture.ts';

describe('portal › price lists and products', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  let vendor: TestNode;
  let a: Invited;
  let b: Invited;
  let asA: PortalClient;
  let asB: PortalClient;

  beforeAll(async () => {
    ({ vendor, a, b, asA, asB } = await startTwoPartnerPortal({ clock }));

    await pushEuPriceList(vendor, a.partnerId, [
      { sku: 'KB-100', listPrice: '49.90', standardPrice: '44.00' },
      { sku: 'KB-100', listPrice: '47.90', standardPrice: '42.00', minQty: '10' },
      { sku: 'MS "Pro", 200', listPrice: '19.90' },
    ]);
    await expectApi(vendor, 201, 'POST', '/catalogs', { id: 'main', name: 'Products' });
    await expectApi(vendor, 201, 'POST', '/catalogs/main/versions', {
      products: [
        { sku: 'KB-100', name: 'Keyboard', uom: 'EA', brand: 'Acme' },
        { sku: 'MS-200', name: '<i>Mouse</i>', uom: 'EA' },
        {
          sku: '@PAD-1',
          name: '=HYPERLINK("https://evil.example","Pad")',
          uom: 'EA',
          description: '-1+2 pads',
        },
      ],
    });
    await expectApi(vendor, 202, 'POST', '/catalogs/main/push', { partners: [a.partnerId] });
    await deliveredTo(vendor, a.partnerId, 'pricelist.push');
    await deliveredTo(vendor, a.partnerId, 'catalog.push');
  });
  afterAll(async () => {
    await vendor.stop();
    await removeTestDirs();
  });

  it('shows a shared price list with its lines, and downloads it as CSV', async () => {
    const list = await asA.get('/portal/price-lists');
    expect(list.text).toContain('EU partners');
    expect(list.text).toContain('Version 1 · 3 lines');
    const page = await asA.get('/portal/price-lists/eu-partners');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<th scope="col">Your price</th>');
    expect(page.text).toContain('<td>42.00</td>');
    const csv = await asA.get('/portal/price-lists/eu-partners/export.csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="eu-partners-v1.csv"',
    );
    expect(csv.text).toBe(
      'sku,minQty,listPrice,standardPrice,limitPrice\r\n' +
        'KB-100,,49.90,44.00,\r\n' +
        'KB-100,10,47.90,42.00,\r\n' +
        '"MS ""Pro"", 200",,19.90,,\r\n',
    );
    const note = await eventually(async () => {
      const q = await vendor.api('GET', `/portal/notifications?partner=${a.partnerId}`);
      return q.body.notifications.find((n: any) => n.type === 'pricelist_updated');
    });
    expect(note.subject).toBe('New price list version: EU partners');
  });

  it('shows the product catalog, escaped, with a CSV', async () => {
    const page = await asA.get('/portal/products/main');
    expect(page.text).toContain('&lt;i&gt;Mouse&lt;/i&gt;');
    const csv = await asA.get('/portal/products/main/export.csv');
    expect(csv.text.split('\r\n')[0]).toBe('sku,name,uom,gtin,brand,category,description');
    expect(csv.text).toContain('KB-100,Keyboard,EA,,Acme,,');
    // A supplier's text that a spreadsheet would run as a formula is written as text (OWASP).
    expect(csv.text).toContain(
      `'@PAD-1,"'=HYPERLINK(""https://evil.example"",""Pad"")",EA,,,,'-1+2 pads\r\n`,
    );
  });

  it('pages through a long list, 500 lines a page, each line once', async () => {
    const skus = Array.from({ length: 1203 }, (_, i) => `P-${String(i + 1).padStart(4, '0')}`);
    await expectApi(vendor, 201, 'POST', '/catalogs', { id: 'big', name: 'Everything' });
    await expectApi(vendor, 201, 'POST', '/catalogs/big/versions', {
      products: skus.map((sku) => ({ sku, name: `Part ${sku}`, uom: 'EA' })),
    });
    await expectApi(vendor, 202, 'POST', '/catalogs/big/push', { partners: [b.partnerId] });
    await deliveredTo(vendor, b.partnerId, 'catalog.push');

    const seen: string[] = [];
    let path: string | null = '/portal/products/big';
    const pageSizes: number[] = [];
    while (path) {
      const page = await asB.get(path);
      expect(page.status).toBe(200);
      const shown = [...page.text.matchAll(/<td>(P-\d{4})<\/td>/g)].map((m) => m[1]!);
      pageSizes.push(shown.length);
      seen.push(...shown);
      const next = /<a href="([^"]+)"[^>]*>Next page<\/a>/.exec(page.text)?.[1];
      path = next ? next.replaceAll('&amp;', '&') : null;
      if (pageSizes.length === 1) {
        expect(page.text).toContain('The first 500 lines are shown here');
      } else {
        expect(page.text).toContain('Back to the first lines');
      }
    }
    expect(pageSizes).toEqual([500, 500, 203]);
    expect(seen).toEqual(skus);
    // A cursor that is not one starts again from the first lines.
    for (const after of ['bm90IGpzb24', 'WzEsMl0', '%00']) {
      const page = await asB.get(`/portal/products/big?after=${after}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<td>P-0001</td>');
    }
  });

  it('shows nothing that was not shared with the partner, and nothing once withdrawn', async () => {
    expect((await asB.get('/portal/price-lists')).text).not.toContain('EU partners');
    expect((await asB.get('/portal/price-lists/eu-partners')).status).toBe(404);
    expect((await asB.get('/portal/price-lists/eu-partners/export.csv')).status).toBe(404);
    expect((await asB.get('/portal/products/main')).status).toBe(404);

    await expectApi(vendor, 200, 'POST', '/price-lists/eu-partners/withdraw', {
      reason: 'Replaced by the 2027 list',
    });
    await deliveredTo(vendor, a.partnerId, 'record.withdraw');
    expect((await asA.get('/portal/price-lists/eu-partners')).status).toBe(404);
    const q = await vendor.api('GET', `/portal/notifications?partner=${a.partnerId}`);
    expect(q.body.notifications[0].subject).toBe('Price list withdrawn: EU partners');
  });
});
