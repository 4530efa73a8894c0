/**
 * Products imported into one of our catalogs from CSV or JSON: each bad row reported with its
 * row, field and reason, nothing imported when any row is bad unless skipBadRows=true, the
 * accepted rows one new version on top of the latest (nothing lost) or, with replace=true, the
 * whole catalog; a partner's copy never takes an import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, type TestNode } from '../support/test-node.ts';
import { expectApi } from '../leads/lead-nodes.ts';

let node: TestNode;
beforeAll(async () => {
  node = await createTestNode({ name: 'products-import' });
  await expectApi(node, 201, 'POST', '/catalogs', { id: 'hw', name: 'Hardware' });
  await expectApi(node, 201, 'POST', '/catalogs/hw/versions', {
    products: [
      { sku: 'KB-100', name: 'Keyboard', uom: 'EA' },
      { sku: 'MS-200', name: 'Mouse', uom: 'EA' },
    ],
  });
});
afterAll(() => node?.stop());

async function importProducts(query: string, type: string, body: string) {
  const res = await fetch(`${node.url}/api/catalogs/hw/products/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${node.adminToken}`, 'content-type': type },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function products(version: number) {
  const got = await expectApi(node, 200, 'GET', `/catalogs/hw/versions/${version}`);
  return Object.fromEntries(got.products.map((p: any) => [p.sku, p.name]));
}

const HEADER = 'sku,name,uom,gtin,brand';

describe('bulk › products import', () => {
  it('imports nothing when a row is bad, and reports each bad row with its field', async () => {
    const csv = [
      HEADER,
      'KB-100,"Keyboard, US layout",EA,,Contoso',
      'HS-300,Headset,EA,12ab,Contoso',
      'DK-400,,EA,,',
      'KB-100,Keyboard again,EA,,',
    ].join('\r\n');
    const refused = await importProducts('', 'text/csv', csv);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_import');
    expect(refused.body.report).toMatchObject({
      ok: false,
      rows: 4,
      imported: 0,
      rejectedCount: 3,
      version: null,
    });
    expect(refused.body.report.rejected).toEqual([
      expect.objectContaining({ row: 2, field: 'gtin', code: 'invalid_field' }),
      expect.objectContaining({ row: 3, field: 'name', code: 'invalid_field' }),
      expect.objectContaining({ row: 4, field: 'sku', code: 'duplicate_row' }),
    ]);
    const { versions } = await expectApi(node, 200, 'GET', '/catalogs/hw');
    expect(versions).toHaveLength(1);

    // Skipping bad rows: the good one goes on top of the latest version; the mouse stays.
    const skipped = await importProducts('?skipBadRows=true', 'text/csv', csv);
    expect(skipped.status).toBe(201);
    expect(skipped.body.report).toMatchObject({ ok: true, imported: 1, version: 2 });
    expect(await products(2)).toEqual({ 'KB-100': 'Keyboard, US layout', 'MS-200': 'Mouse' });
    const { events } = await expectApi(node, 200, 'GET', '/events?types=catalog_version.created');
    expect(events.at(-1).data).toMatchObject({ version: 2 });
  });

  it('imports a JSON array, and with replace=true the file is the whole catalog', async () => {
    const rows = [
      { sku: 'HS-300', name: 'Headset', uom: 'EA', category: 'audio' },
      { sku: 'DK-400', name: 'Dock', uom: 'EA' },
    ];
    const added = await importProducts('', 'application/json', JSON.stringify(rows));
    expect(added.status).toBe(201);
    expect(Object.keys(await products(added.body.report.version)).sort()).toEqual([
      'DK-400',
      'HS-300',
      'KB-100',
      'MS-200',
    ]);
    const replaced = await importProducts(
      '?replace=true',
      'application/json',
      JSON.stringify(rows),
    );
    expect(replaced.status).toBe(201);
    expect(await products(replaced.body.report.version)).toEqual({
      'HS-300': 'Headset',
      'DK-400': 'Dock',
    });
    for (const [query, type, body, status, code] of [
      [
        '',
        'application/json',
        '[{"sku":"X-1","name":"X","uom":"EA","colour":"red"}]',
        400,
        'invalid_import',
      ],
      ['', 'text/csv', 'sku,name,uom,colour\r\nX-1,X,EA,red', 400, 'invalid_import'],
      ['', 'application/json', '[]', 400, 'invalid_import'],
      ['?replace=maybe', 'application/json', '[]', 400, 'invalid_field'],
      ['?nope=1', 'application/json', '[]', 400, 'invalid_field'],
      ['', 'text/plain', 'x', 415, 'unsupported_media_type'],
    ] as const) {
      const res = await importProducts(query, type, body);
      expect(res.status, body).toBe(status);
      expect(res.body.error.code, body).toBe(code);
    }
    const unknownColumn = await importProducts(
      '',
      'application/json',
      '[{"sku":"X-1","name":"X","uom":"EA","colour":"red"}]',
    );
    expect(unknownColumn.body.report.rejected).toEqual([
      expect.objectContaining({ row: 1, field: 'colour' }),
    ]);
    const missing = await fetch(`${node.url}/api/catalogs/nope/products/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${node.adminToken}`, 'content-type': 'application/json' },
      body: '[]',
    });
    expect(missing.status).toBe(404);
  });
});
