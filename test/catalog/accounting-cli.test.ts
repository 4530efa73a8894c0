/** The accounting and extension commands, run in-process against the data directories of running nodes. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import { startCatalogNodes, type CatalogNodes } from './catalog-nodes.ts';

let n: CatalogNodes;
beforeAll(async () => {
  n = await startCatalogNodes();
}, 30_000);
afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

describe('cli › accounting', () => {
  it('creates, imports, pushes and shows accounting data; the partner extends its copy', async () => {
    expect(
      await runCliOn(n.owner, ['accounting', 'create', '--id', 'std', '--name', 'Acme terms']),
    ).toMatchObject({ code: 0 });
    await writeFile(
      join(n.owner.dataDir, 'acc.json'),
      JSON.stringify({
        entries: [
          { type: 'currency', code: 'EUR', name: 'Euro', rate: '1' },
          { type: 'payment_terms', code: 'NET30', name: '30 days net', days: '30' },
          { type: 'account', code: '6400', name: 'Marketing', use: 'expense_claim' },
        ],
      }),
    );
    const bad = await runCliOn(n.owner, ['accounting', 'import', 'std', '--file', 'nope.json']);
    expect(bad.code).not.toBe(0);
    const imported = await runCliOn(n.owner, [
      'accounting',
      'import',
      'std',
      '--file',
      'acc.json',
      '--json',
    ]);
    expect(imported.code).toBe(0);
    const v1 = JSON.parse(imported.out);
    expect(v1).toMatchObject({ version: 1, lineCount: 3 });

    const pushed = await runCliOn(n.owner, [
      'accounting',
      'push',
      'std',
      '--partners',
      String(n.p1Id),
    ]);
    expect(pushed.code).toBe(0);
    expect(pushed.out).toContain('Pushing version 1 of std to 1 partner(s).');

    const held = await eventually(async () => {
      const shown = await runCliOn(n.p1, ['accounting', 'show', 'std', '--json']);
      const body = shown.code === 0 ? JSON.parse(shown.out) : null;
      return body?.versions?.[0]?.status === 'applied' ? body : null;
    });
    expect(held).toMatchObject({ owner: 'partner', readOnly: true });
    expect(held.versions[0].contentHash).toBe(v1.contentHash);

    const extended = await runCliOn(n.p1, [
      'accounting',
      'extend',
      'std',
      '--key',
      'account:6400',
      '--notes',
      'cost centre 12',
      '--attr',
      'ledger=L-7',
    ]);
    expect(extended).toMatchObject({ code: 0 });
    const added = await runCliOn(n.p1, [
      'accounting',
      'add-own',
      'std',
      '--fields',
      'type=uom,code=PAL,name=Pallet',
    ]);
    expect(added).toMatchObject({ code: 0 });
    const onOwn = await runCliOn(n.owner, [
      'accounting',
      'extend',
      'std',
      '--key',
      'account:6400',
      '--notes',
      'x',
    ]);
    expect(onOwn.code).not.toBe(0);

    const records = await runCliOn(n.p1, ['accounting', 'records', 'std']);
    expect(records.out).toMatch(/owner\s+account:6400\s+Marketing\s+cost centre 12/);
    expect(records.out).toMatch(/own\s+uom:PAL\s+Pallet/);
    const json = JSON.parse((await runCliOn(n.p1, ['accounting', 'records', 'std', '--json'])).out);
    expect(json.records.find((r: any) => r.key === 'account:6400').own).toEqual({
      notes: 'cost centre 12',
      attributes: { ledger: 'L-7' },
    });
    // The partner's additions never reach the owner's copy or its hash.
    const after = JSON.parse((await runCliOn(n.p1, ['accounting', 'show', 'std', '--json'])).out);
    expect(after.versions[0].contentHash).toBe(v1.contentHash);
  });
});
