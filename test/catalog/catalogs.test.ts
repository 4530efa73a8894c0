import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRows } from '../support/federation.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { startCatalogNodes, type CatalogNodes } from './catalog-nodes.ts';

const products = [
  { sku: 'KB-100', name: 'Keyboard', uom: 'EA', gtin: '04006381333931' },
  { sku: 'MS-200', name: 'Mouse', uom: 'EA', category: 'Peripherals' },
  { sku: 'PD-300', name: 'Mouse pad', uom: 'EA' },
  { sku: 'CB-400', name: 'USB cable', uom: 'EA', brand: 'Acme' },
];

async function catalogOn(node: TestNode, version: number) {
  return eventually(async () => {
    const res = await node.api('GET', '/catalogs/main');
    const v = res.body?.versions?.find((x: any) => x.version === version);
    return v?.status === 'applied' ? res.body : null;
  });
}

describe('catalog › product catalogs', () => {
  let n: CatalogNodes;
  beforeAll(async () => {
    n = await startCatalogNodes();
  }, 30_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  it('pushes a catalog full, then as a delta, to partners of a type', async () => {
    expect((await n.owner.api('POST', '/catalogs', { id: 'main', name: 'Products' })).status).toBe(
      201,
    );
    const v1 = await n.owner.api('POST', '/catalogs/main/versions', { products });
    expect(v1.body).toMatchObject({ version: 1, lineCount: 4 });
    const push = await n.owner.api('POST', '/catalogs/main/push', { partnerType: 'reseller' });
    expect(push.body.distributions).toHaveLength(2);
    for (const p of [n.p1, n.p2]) await catalogOn(p, 1);
    const product = await n.p1.api('GET', '/catalogs/main/products/MS-200');
    expect(product.body).toEqual({ version: 1, product: products[1] });

    await eventually(async () =>
      (await outboundRows(n.owner)).every((r) => r.status === 'delivered'),
    );
    const v2 = await n.owner.api('POST', '/catalogs/main/versions', {
      baseVersion: 1,
      removed: ['KB-100'],
      products: [{ sku: 'HS-300', name: 'Headset', uom: 'EA' }],
    });
    expect(v2.body.lineCount).toBe(4);
    await n.owner.api('POST', '/catalogs/main/push', { all: true });
    const copy = await catalogOn(n.p2, 2);
    // One removed SKU and one new product against four lines: a delta.
    expect(copy.versions[0]).toMatchObject({ mode: 'delta', contentHash: v2.body.contentHash });
    expect((await n.p2.api('GET', '/catalogs/main/products/KB-100')).status).toBe(404);
  });

  it("refuses changes to the owner's catalog, and withdraws it as `product`", async () => {
    const change = await n.p1.api('POST', '/catalogs/main/versions', { products });
    expect(change.body.error.code).toBe('not_owner');
    const res = await n.owner.api('POST', '/catalogs/main/withdraw', { reason: 'discontinued' });
    expect(res.body.partnerIds).toHaveLength(2);
    const withdraw = (await outboundRows(n.owner)).find((r) => r.kind === 'record.withdraw');
    expect(withdraw?.body).toEqual({
      recordKind: 'product',
      recordId: 'main',
      reason: 'discontinued',
    });
    await eventually(async () => (await n.p1.api('GET', '/catalogs/main')).body.withdrawn);
    expect((await n.p1.api('GET', '/catalogs/main/products/MS-200')).body.error.code).toBe(
      'withdrawn',
    );
  });
  it('refuses a version with a repeated key and names the line that repeats it, whole or as a delta', async () => {
    await n.owner.api('POST', '/catalogs', { id: 'twice', name: 'Twice' });
    const many = Array.from({ length: 300 }, (_, i) => ({
      sku: `SKU-${String(299 - i).padStart(3, '0')}`,
      name: `Item ${i}`,
      uom: 'EA',
    }));
    // Line 201 repeats line 5's SKU (out of key order, as a caller may send them).
    const whole = [...many.slice(0, 200), { ...many[4]!, name: 'Again' }, ...many.slice(200)];
    const refused = await n.owner.api('POST', '/catalogs/twice/versions', { products: whole });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_field', field: 'lines' });
    expect(refused.body.error.message).toBe('line 201 repeats the key of an earlier line');
    const v1 = await n.owner.api('POST', '/catalogs/twice/versions', { products: many });
    expect(v1.body).toMatchObject({ version: 1, lineCount: 300 });
    const delta = await n.owner.api('POST', '/catalogs/twice/versions', {
      baseVersion: 1,
      products: [many[7], many[9], { ...many[7]!, name: 'Again' }],
    });
    expect(delta.status).toBe(400);
    expect(delta.body.error.message).toBe('line 3 repeats the key of an earlier line');
    expect((await n.owner.api('GET', '/catalogs/twice')).body.versions).toHaveLength(1);
  });
});
