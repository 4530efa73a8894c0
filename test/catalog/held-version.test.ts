/**
 * The owner's view of who holds a price list follows the receipts: once every part of a push is
 * receipted, `pricelists show` says the partner holds that version, with nothing on its way, without
 * waiting for the next push.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import { appliedOn, startCatalogNodes, type CatalogNodes } from './catalog-nodes.ts';

let n: CatalogNodes;
beforeAll(async () => {
  n = await startCatalogNodes();
}, 30_000);
afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

async function importAndPush(csv: string) {
  await writeFile(join(n.owner.dataDir, 'eu.csv'), csv);
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
}

/** The share as the owner's CLI shows it once the outbox has nothing left for the partner. */
async function shareAfterDelivery() {
  await eventually(async () => {
    const left = await n.owner.deps.store.read((tx) =>
      tx.outbox.list({ partnerId: n.p1Id, status: 'pending' }, { limit: 10 }),
    );
    return left.length === 0;
  });
  const shown = await runCliOn(n.owner, ['pricelists', 'show', 'eu', '--json']);
  return JSON.parse(shown.out).shares[0];
}

describe('pricelists › held version', () => {
  it('is updated by the receipts of each push', async () => {
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
    expect(created.code, created.err).toBe(0);

    await importAndPush('sku,minQty,listPrice\nA,,10.00\nB,,20.00\n');
    await appliedOn(n.p1, 'eu', 1);
    expect(await shareAfterDelivery()).toMatchObject({ heldVersion: 1, pendingVersion: null });

    await importAndPush('sku,minQty,listPrice\nA,,11.00\nB,,20.00\n');
    await appliedOn(n.p1, 'eu', 2);
    expect(await shareAfterDelivery()).toMatchObject({ heldVersion: 2, pendingVersion: null });

    const text = await runCliOn(n.owner, ['pricelists', 'show', 'eu']);
    expect(text.out).toMatch(/reseller-one\s+2\s+-/);
  });
});
