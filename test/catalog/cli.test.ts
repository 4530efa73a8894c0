/** The price list commands, run in-process against the data directories of running nodes. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOn } from '../support/run-cli.ts';
import { removeTestDirs } from '../support/test-node.ts';
import { appliedOn, startCatalogNodes, type CatalogNodes } from './catalog-nodes.ts';

let n: CatalogNodes;
beforeAll(async () => {
  n = await startCatalogNodes();
}, 30_000);
afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

describe('cli › pricelists', () => {
  it('imports a CSV with a report of rejected rows, pushes with progress, looks prices up', async () => {
    const created = await runCliOn(n.owner, [
      'pricelists',
      'create',
      '--id',
      'eu',
      '--name',
      'EU list',
      '--currency',
      'EUR',
    ]);
    expect(created).toMatchObject({ code: 0 });
    const csv = 'sku,minQty,listPrice\nA,,10.00\nA,10,9.00\nB,,oops\n';
    await writeFile(join(n.owner.dataDir, 'eu.csv'), csv);

    const refused = await runCliOn(n.owner, ['pricelists', 'import', 'eu', '--file', 'eu.csv']);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/LINE\s+COLUMN\s+REASON/);
    expect(refused.out).toMatch(/4\s+listPrice\s+listPrice must be a non-negative decimal/);
    expect(refused.err).toContain('1 of 3 rows rejected; nothing imported');

    const imported = await runCliOn(n.owner, [
      'pricelists',
      'import',
      'eu',
      '--file',
      'eu.csv',
      '--skip-bad-rows',
      '--valid-from',
      '2027-01-01',
    ]);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('Imported 2 lines as version 1 of eu');
    expect(imported.err).toContain('parsed 3 rows');

    const pushed = await runCliOn(n.owner, ['pricelists', 'push', 'eu', '--all']);
    expect(pushed.code).toBe(0);
    expect(pushed.out).toContain('Pushing version 1 of eu to 2 partner(s).');
    expect(pushed.err).toMatch(/\[1\/2\] reseller-\w+: full, 1 part\(s\)/);
    expect(pushed.err).toMatch(/\[2\/2\] reseller-\w+: full, 1 part\(s\)/);
    await appliedOn(n.p1, 'eu', 1);

    const price = await runCliOn(n.p1, [
      'pricelists',
      'price',
      'eu',
      '--sku',
      'A',
      '--qty',
      '12',
      '--at',
      '2027-03-01',
      '--json',
    ]);
    expect(JSON.parse(price.out)).toMatchObject({ listPrice: '9.00', amount: '108', version: 1 });

    const list = await runCliOn(n.p1, ['pricelists']);
    expect(list.out).toMatch(/eu\s+owner\s+EU list\s+EUR\s+1\s+2/);

    const exported = await runCliOn(n.p1, ['pricelists', 'export', 'eu', '--out', 'copy.csv']);
    expect(exported.code).toBe(0);
    expect(await readFile(join(n.p1.dataDir, 'copy.csv'), 'utf8')).toBe(
      'sku,minQty,listPrice,standardPrice,limitPrice\r\nA,,10.00,,\r\nA,10,9.00,,\r\n',
    );
  });

  it('reads a price lookup with the admin API query schema: a bad flag reads as the API says', async () => {
    for (const [flag, value] of [
      ['qty', 'ten'],
      ['at', 'soon'],
    ] as const) {
      const cli = await runCliOn(n.p1, [
        'pricelists',
        'price',
        'eu',
        '--sku',
        'A',
        `--${flag}`,
        value,
      ]);
      const api = await n.p1.api('GET', `/price-lists/eu/price?sku=A&${flag}=${value}`);
      expect(api.status).toBe(400);
      expect(api.body.error).toMatchObject({ code: 'invalid_field', field: flag });
      expect(cli.code).toBe(2);
      expect(cli.err).toContain(`--${flag}: ${api.body.error.message}`);
    }
  });

  it("refuses to change a partner's list and asks its owner for a resync", async () => {
    const revoke = await runCliOn(n.p1, ['pricelists', 'revoke', 'eu', '--reason', 'no']);
    expect(revoke.code).toBe(1);
    expect(revoke.err).toContain('read-only copy');
    const sync = await runCliOn(n.p1, ['pricelists', 'sync', 'eu']);
    expect(sync.code).toBe(0);
    expect(sync.out).toContain('Asked the owner for eu');
    const show = await runCliOn(n.owner, ['pricelists', 'show', 'eu', '--json']);
    expect(JSON.parse(show.out).shares).toHaveLength(2);
  });
});
