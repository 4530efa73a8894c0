import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePriceCsv } from '../../node/catalog/price-csv.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { apiRaw, appliedOn, startCatalogNodes, type CatalogNodes } from './catalog-nodes.ts';

const BAD = [
  'SKU,Min Qty,list_price,Standard Price,limitPrice',
  'A-1,,10.00,9.00,8.00',
  'B-2,,ten,9.00,', // line 3: listPrice
  ',,1.00,,', // line 4: sku empty
  'C-3,5,7.50,,',
  'C-3,5.0,7.00,,', // line 6: repeats line 5 (minQty 5 = 5.0)
  'D-4,,1.00', // line 7: too few fields
  '"E,5",,2.00,,1.999', // quoted comma in a SKU is fine
  'F-6,-1,2.00,,', // line 9: minQty
  '',
].join('\n');

describe('catalog › price list CSV', () => {
  it('reports every rejected row with its line, column and reason', () => {
    const report = parsePriceCsv(BAD);
    expect(report.fileError).toBeNull();
    expect(report.rows).toBe(8);
    expect(report.rejected).toEqual([
      { line: 3, column: 'listPrice', reason: expect.stringContaining('decimal') },
      { line: 4, column: 'sku', reason: 'sku is empty' },
      { line: 6, column: 'minQty', reason: 'repeats line 5 (same sku and minQty)' },
      { line: 7, column: null, reason: '3 fields where the header has 5' },
      { line: 9, column: 'minQty', reason: expect.stringContaining('non-negative decimal') },
    ]);
    expect(report.lines.map((l) => l.sku)).toEqual(['A-1', 'C-3', 'E,5']);
    expect(report.lines[2]).toEqual({ sku: 'E,5', listPrice: '2.00', limitPrice: '1.999' });
  });

  it('names the earlier line of a repeated key, whether the file is in key order or not', () => {
    const report = parsePriceCsv(
      [
        'sku,minQty,listPrice',
        'A,,1.00',
        'A,2,1.00',
        'B,,1.00',
        'C,,1.00', // in key order up to here
        'A,2.0,1.00', // line 6: repeats line 3, out of order
        'Z,,1.00',
        'B,,2.00', // line 8: repeats line 4
        'D,,1.00',
        'Z,0,1.00', // line 10: repeats line 7 (minQty 0 is no minQty)
        'E,,1.00',
      ].join('\n'),
    );
    expect(report.rejected).toEqual([
      { line: 6, column: 'minQty', reason: 'repeats line 3 (same sku and minQty)' },
      { line: 8, column: 'sku', reason: 'repeats line 4 (same sku and minQty)' },
      { line: 10, column: 'minQty', reason: 'repeats line 7 (same sku and minQty)' },
    ]);
    expect(report.lines.map((l) => `${l.sku}${l.minQty ?? ''}`)).toEqual([
      'A',
      'A2',
      'B',
      'C',
      'Z',
      'D',
      'E',
    ]);
  });

  it('rejects a file whose header or quoting is wrong as a whole', () => {
    expect(parsePriceCsv('sku,price\nA,1\n').fileError).toMatchObject({
      line: 1,
      reason: expect.stringContaining('unknown column "price"'),
    });
    expect(parsePriceCsv('sku,minQty\nA,1\n').fileError).toMatchObject({
      column: 'listPrice',
      reason: 'column listPrice is missing',
    });
    expect(parsePriceCsv('sku,listPrice\nA,"1.00\n').fileError?.reason).toContain(
      'not readable as CSV',
    );
    expect(parsePriceCsv('').fileError?.reason).toContain('empty');
  });

  it('reports progress on large files', () => {
    const rows = ['sku,listPrice', ...Array.from({ length: 25_000 }, (_, i) => `S${i},1.00`)];
    const seen: number[] = [];
    parsePriceCsv(rows.join('\n'), (n) => seen.push(n));
    expect(seen).toEqual([9_999, 19_999, 25_000]);
  });
});

describe('catalog › CSV through the admin API', () => {
  let n: CatalogNodes;
  beforeAll(async () => {
    n = await startCatalogNodes();
    await n.owner.api('POST', '/price-lists', { id: 'csv', name: 'From CSV', currency: 'EUR' });
  }, 30_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  it('imports nothing from a file with bad rows, unless asked to skip them', async () => {
    const refused = await apiRaw(n.owner, 'POST', '/price-lists/csv/import', BAD);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('invalid_csv');
    expect(refused.json.report).toMatchObject({ ok: false, rejectedCount: 5, imported: 0 });
    expect((await n.owner.api('GET', '/price-lists/csv')).body.versions).toEqual([]);

    const skipped = await apiRaw(
      n.owner,
      'POST',
      '/price-lists/csv/import?skipBadRows=true&validFrom=2027-02-01&validTo=2027-12-31',
      BAD,
    );
    expect(skipped.status).toBe(201);
    expect(skipped.json).toMatchObject({ ok: true, imported: 3, rejectedCount: 5, version: 1 });
    const shown = await n.owner.api('GET', '/price-lists/csv');
    expect(shown.body.versions[0]).toMatchObject({
      version: 1,
      lineCount: 3,
      validFrom: '2027-02-01',
      validTo: '2027-12-31',
    });
  });

  it('exports a version as CSV that imports to the same content hash', async () => {
    const exported = await apiRaw(n.owner, 'GET', '/price-lists/csv/export');
    expect(exported.status).toBe(200);
    expect(exported.text.split('\r\n')).toEqual([
      'sku,minQty,listPrice,standardPrice,limitPrice',
      'A-1,,10.00,9.00,8.00',
      'C-3,5,7.50,,',
      '"E,5",,2.00,,1.999',
      '',
    ]);
    const again = await apiRaw(n.owner, 'POST', '/price-lists/csv/import', exported.text);
    const first = await n.owner.api('GET', '/price-lists/csv');
    expect(again.json.contentHash).toBe(
      first.body.versions.find((v: any) => v.version === 1).contentHash,
    );
  });

  it('exports formula-like SKUs with a leading apostrophe and imports them back unchanged', async () => {
    // A supplier chooses SKUs: a spreadsheet would run =, +, - and @ cells as formulas.
    await n.owner.api('POST', '/price-lists', { id: 'formula', name: 'Formulas', currency: 'EUR' });
    const source = [
      'sku,listPrice',
      '"=HYPERLINK(""https://evil.example"")",1.00',
      '+1+1,2.00',
      '-2+3,3.00',
      '@SUM(A1:A9),4.00',
      "'plain,5.00", // an apostrophe before anything else is data
      "'=kept,6.00", // a cell already neutralised the same way reads as =kept
      '',
    ].join('\n');
    const imported = await apiRaw(n.owner, 'POST', '/price-lists/formula/import', source);
    expect(imported.status, imported.text).toBe(201);
    const exported = await apiRaw(n.owner, 'GET', '/price-lists/formula/export');
    const rows = exported.text.split('\r\n');
    expect(rows.slice(1).sort()).toEqual(
      [
        '"\'=HYPERLINK(""https://evil.example"")",,1.00,,',
        "'+1+1,,2.00,,",
        "'-2+3,,3.00,,",
        "'@SUM(A1:A9),,4.00,,",
        "'plain,,5.00,,",
        "'=kept,,6.00,,",
        '',
      ].sort(),
    );
    for (const row of rows.slice(1, -1)) expect(row).toMatch(/^"?'|^'/);
    const again = await apiRaw(n.owner, 'POST', '/price-lists/formula/import', exported.text);
    expect(again.status, again.text).toBe(201);
    const versions = (await n.owner.api('GET', '/price-lists/formula')).body.versions;
    expect(versions).toHaveLength(2);
    expect(versions[0].contentHash).toBe(versions[1].contentHash);
    const skus = parsePriceCsv(exported.text).lines.map((l) => l.sku);
    expect(skus.sort()).toEqual(
      [
        '=HYPERLINK("https://evil.example")',
        '+1+1',
        '-2+3',
        '@SUM(A1:A9)',
        "'plain",
        '=kept',
      ].sort(),
    );
  });

  it('refuses a CSV import into a partner’s copy, and a body that is not CSV', async () => {
    await n.owner.api('POST', '/price-lists/csv/push', { partners: [n.p1Id] });
    await appliedOn(n.p1, 'csv', 2);
    const refused = await apiRaw(n.p1, 'POST', '/price-lists/csv/import', 'sku,listPrice\nA,1\n');
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('not_owner');
    const wrongType = await apiRaw(
      n.owner,
      'POST',
      '/price-lists/csv/import',
      '{}',
      'application/json',
    );
    expect(wrongType.status).toBe(415);
  });
});
