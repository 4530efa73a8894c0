/**
 * List ids are scoped by owner: a partner that keeps a price list of its own under an id does
 * not block the vendor's push of a list with the same id. Both are kept, told apart by --owner.
 */
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

const create = ['pricelists', 'create', '--id', 'eu', '--name', 'EU', '--currency', 'EUR'];

describe('pricelists › ids scoped by owner', () => {
  it("a partner's own list does not block the vendor's push of the same id", async () => {
    expect((await runCliOn(n.p1, create)).code).toBe(0);
    expect((await runCliOn(n.owner, create)).code).toBe(0);
    await writeFile(join(n.owner.dataDir, 'eu.csv'), 'sku,minQty,listPrice\nA,,10.00\n');
    const imported = await runCliOn(n.owner, ['pricelists', 'import', 'eu', '--file', 'eu.csv']);
    expect(imported.code, imported.err).toBe(0);
    const pushed = await runCliOn(n.owner, [
      'pricelists',
      'push',
      'eu',
      '--partners',
      String(n.p1Id),
    ]);
    expect(pushed.code, pushed.err).toBe(0);

    const copy = await eventually(async () => {
      const r = await runCliOn(n.p1, [
        'pricelists',
        'show',
        'eu',
        '--owner',
        String(n.ownerOnP1),
        '--json',
      ]);
      if (r.code !== 0) return undefined;
      const view = JSON.parse(r.out);
      return view.versions?.some((v: { status: string }) => v.status === 'applied')
        ? view
        : undefined;
    }, 10_000);
    expect(copy.versions[0]).toMatchObject({ version: 1, status: 'applied' });
    const own = await runCliOn(n.p1, ['pricelists', 'show', 'eu', '--owner', 'self', '--json']);
    expect(own.code, own.err).toBe(0);
    expect(JSON.parse(own.out).versions).toEqual([]);
    const dead = await n.owner.deps.store.read((tx) =>
      tx.outbox.list({ status: 'dead', partnerId: n.p1Id }, { limit: 10 }),
    );
    expect(dead).toEqual([]);
  });
});
