import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backUpNodeStore, restoreNodeStore } from '../support/node-database.ts';
import { outboundRows } from '../support/federation.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import { appliedOn, startCatalogNodes, type CatalogNodes } from './catalog-nodes.ts';

const line = (sku: string, listPrice: string) => ({ sku, listPrice });

describe("catalog › resync after a partner's database was replaced", () => {
  let n: CatalogNodes;
  const allDelivered = () =>
    eventually(async () =>
      (await outboundRows(n.owner))
        .filter((r) => r.kind === 'pricelist.push')
        .every((r) => r.status === 'delivered'),
    );
  const version = (body: object) =>
    n.owner.api('POST', '/price-lists/resync/versions', { validFrom: '2027-01-01', ...body });
  const push = () => n.owner.api('POST', '/price-lists/resync/push', { partners: [n.p2Id] });

  beforeAll(async () => {
    n = await startCatalogNodes();
    await n.owner.api('POST', '/price-lists', { id: 'resync', name: 'Resync', currency: 'EUR' });
  }, 30_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  it('asks again and gets the current version in full, then deltas resume', async () => {
    await version({ lines: [line('A', '1.00'), line('B', '2.00'), line('C', '3.00')] });
    await push();
    await appliedOn(n.p2, 'resync', 1);
    await allDelivered();

    // A backup of the partner's database, taken while it holds version 1.
    await n.p2.stop();
    await backUpNodeStore(n.p2);
    await n.p2.start();

    await version({ baseVersion: 1, lines: [line('B', '2.50')] });
    await push();
    await appliedOn(n.p2, 'resync', 2);
    await allDelivered();

    // The partner's database is replaced by the backup: it lost version 2.
    await n.p2.stop();
    await restoreNodeStore(n.p2);
    await n.p2.start();
    const lost = await n.p2.api('GET', '/price-lists/resync');
    expect(lost.body.versions.map((v: any) => v.version)).toEqual([1]);

    const asked = await n.p2.api('POST', '/price-lists/resync/sync');
    expect(asked.status).toBe(202);
    const copy = await appliedOn(n.p2, 'resync', 2);
    const v2 = copy.versions.find((v: any) => v.version === 2);
    expect(v2).toMatchObject({ mode: 'full', lineCount: 3 });
    const answers = (await outboundRows(n.owner)).filter((r) => r.ref === asked.body.messageId);
    expect(answers.map((r) => (r.body as any).version)).toEqual([2]);

    // The owner learnt that the partner holds version 2 again: the next push is a delta.
    await allDelivered();
    await version({ baseVersion: 2, lines: [line('D', '4.00')] });
    await push();
    const after = await appliedOn(n.p2, 'resync', 3);
    expect(after.versions.find((v: any) => v.version === 3)).toMatchObject({
      mode: 'delta',
      baseVersion: 2,
      lineCount: 4,
    });
  }, 40_000);

  it('recovers by itself when a delta arrives for a base it no longer holds', async () => {
    await n.p2.stop();
    await restoreNodeStore(n.p2);
    await n.p2.start();

    // The owner believes the partner holds version 3 and sends 4 as a delta on it.
    await version({ baseVersion: 3, lines: [line('E', '5.00')] });
    await push();
    const copy = await appliedOn(n.p2, 'resync', 4, 15_000);
    const v4 = copy.versions.find((v: any) => v.version === 4);
    expect(v4).toMatchObject({ mode: 'full', lineCount: 5 });
    const price = await n.p2.api('GET', '/price-lists/resync/price?sku=E');
    expect(price.body).toMatchObject({ version: 4, listPrice: '5.00' });
  }, 40_000);
});
