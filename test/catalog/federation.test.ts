import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRows } from '../support/federation.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import { appliedOn, startCatalogNodes, type CatalogNodes } from './catalog-nodes.ts';

describe('catalog › price lists between an owner and two partners', () => {
  let n: CatalogNodes;
  beforeAll(async () => {
    n = await startCatalogNodes();
    const created = await n.owner.api('POST', '/price-lists', {
      id: 'eu-resellers',
      name: 'EU resellers',
      currency: 'EUR',
    });
    expect(created.status).toBe(201);
  }, 30_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  it('pushes a full version to both partners, who store read-only copies', async () => {
    const v1 = await n.owner.api('POST', '/price-lists/eu-resellers/versions', {
      validFrom: '2027-01-01',
      lines: [
        { sku: 'KB-100', listPrice: '49.90', standardPrice: '44.00', limitPrice: '39.50' },
        { sku: 'KB-100', listPrice: '47.90', standardPrice: '42.00', minQty: '10' },
        { sku: 'KB-100', listPrice: '45.90', standardPrice: '40.00', minQty: '100' },
        { sku: 'MS-200', listPrice: '19.90' },
      ],
    });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, lineCount: 4, status: 'applied' });

    const push = await n.owner.api('POST', '/price-lists/eu-resellers/push', { all: true });
    expect(push.status).toBe(202);
    expect(push.body.distributions).toHaveLength(2);
    // The push returns before any message is made: the distributor cuts them afterwards.
    expect(push.body.distributions.map((d: any) => d.status)).toEqual(['queued', 'queued']);

    for (const p of [n.p1, n.p2]) {
      const copy = await appliedOn(p, 'eu-resellers', 1);
      expect(copy).toMatchObject({ owner: 'partner', readOnly: true, currency: 'EUR' });
      expect(copy.versions[0]).toMatchObject({ contentHash: v1.body.contentHash, mode: 'full' });
    }
    const dist = await n.owner.api('GET', '/price-lists/eu-resellers/distributions');
    expect(dist.body.distributions.map((d: any) => d.mode)).toEqual(['full', 'full']);
  });

  it('sends a delta to a partner known to hold the base, and it applies to the same hash', async () => {
    // Both partners receipted every part of version 1: the owner knows they hold it.
    await eventually(async () => {
      const rows = await outboundRows(n.owner);
      return rows.filter((r) => r.kind === 'pricelist.push').every((r) => r.status === 'delivered');
    });
    const v2 = await n.owner.api('POST', '/price-lists/eu-resellers/versions', {
      baseVersion: 1,
      validFrom: '2027-04-01',
      lines: [
        { sku: 'MS-200', listPrice: '18.90' },
        { sku: 'HS-300', listPrice: '89.00' },
      ],
    });
    expect(v2.status).toBe(201);
    const push = await n.owner.api('POST', '/price-lists/eu-resellers/push', {
      partners: [n.p1Id],
    });
    expect(push.status).toBe(202);
    const copy = await appliedOn(n.p1, 'eu-resellers', 2);
    const held = copy.versions.find((v: any) => v.version === 2);
    expect(held).toMatchObject({ mode: 'delta', baseVersion: 1, contentHash: v2.body.contentHash });
    expect(held.lineCount).toBe(5);

    const rows = await outboundRows(n.owner);
    const delta = rows.filter((r) => r.kind === 'pricelist.push').at(-1)!;
    expect(delta.body).toMatchObject({ mode: 'delta', baseVersion: 1, removed: [] });
    expect((delta.body as any).lines).toHaveLength(2);
    // p2 was not in this push: it still has version 1 only.
    const p2 = await n.p2.api('GET', '/price-lists/eu-resellers');
    expect(p2.body.versions.map((v: any) => v.version)).toEqual([1]);
  });

  it('looks prices up across version boundaries and quantity breaks', async () => {
    const price = (at: string, sku: string, qty: string) =>
      n.p1.api('GET', `/price-lists/eu-resellers/price?sku=${sku}&qty=${qty}&at=${at}`);
    // Version 1 until 2027-04-01, version 2 from then on.
    expect((await price('2027-03-31T23:59:59Z', 'MS-200', '1')).body).toMatchObject({
      version: 1,
      listPrice: '19.90',
      unitPrice: '19.90',
    });
    expect((await price('2027-04-01', 'MS-200', '3')).body).toMatchObject({
      version: 2,
      listPrice: '18.90',
      amount: '56.7',
      currency: 'EUR',
    });
    const breaks = await Promise.all(
      ['1', '9.5', '10', '99', '100', '250'].map((q) => price('2027-05-01', 'KB-100', q)),
    );
    expect(breaks.map((b) => b.body.standardPrice)).toEqual([
      '44.00',
      '44.00',
      '42.00',
      '42.00',
      '40.00',
      '40.00',
    ]);
    expect(breaks[4]!.body).toMatchObject({ minQty: '100', amount: '4000' });
    expect((await price('2027-05-01', 'HS-300', '1')).body.version).toBe(2);
    // Before any version, and a SKU the list does not have: 404 no_price.
    expect((await price('2026-12-31', 'MS-200', '1')).body.error.code).toBe('no_price');
    expect((await price('2027-05-01', 'NOPE', '1')).body.error.code).toBe('no_price');
    // The owner answers the same from its own list.
    const own = await n.owner.api(
      'GET',
      '/price-lists/eu-resellers/price?sku=KB-100&qty=10&at=2027-05-01',
    );
    expect(own.body).toMatchObject({ version: 2, standardPrice: '42.00' });
  });

  it("refuses a partner's change to the owner's price, and nothing changes", async () => {
    const before = await n.p1.api('GET', '/price-lists/eu-resellers');
    const change = await n.p1.api('POST', '/price-lists/eu-resellers/versions', {
      baseVersion: 2,
      lines: [{ sku: 'MS-200', listPrice: '1.00' }],
    });
    expect(change.status).toBe(403);
    expect(change.body.error.code).toBe('not_owner');
    const push = await n.p1.api('POST', '/price-lists/eu-resellers/push', { all: true });
    expect(push.body.error.code).toBe('not_owner');
    const withdraw = await n.p1.api('POST', '/price-lists/eu-resellers/withdraw', {
      reason: 'mine now',
    });
    expect(withdraw.body.error.code).toBe('not_owner');
    expect(await n.p1.api('GET', '/price-lists/eu-resellers')).toEqual(before);
    const price = await n.p1.api('GET', '/price-lists/eu-resellers/price?sku=MS-200&at=2027-05-01');
    expect(price.body.listPrice).toBe('18.90');
  });

  it("keeps a partner's own price list beside the owner's copy", async () => {
    const own = await n.p1.api('POST', '/price-lists', {
      id: 'p1-services',
      name: 'Installation services',
      currency: 'EUR',
    });
    expect(own.status).toBe(201);
    const v = await n.p1.api('POST', '/price-lists/p1-services/versions', {
      validFrom: '2027-01-01',
      lines: [{ sku: 'INSTALL', listPrice: '120.00' }],
    });
    expect(v.status).toBe(201);
    const lists = await n.p1.api('GET', '/price-lists');
    expect(lists.body.lists.map((l: any) => [l.listId, l.owner])).toEqual([
      ['eu-resellers', 'partner'],
      ['p1-services', 'self'],
    ]);
    // A list id the partner holds from its owner cannot be reused for one of its own.
    const taken = await n.p1.api('POST', '/price-lists', {
      id: 'eu-resellers',
      name: 'x',
      currency: 'EUR',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('list_exists');
  });

  it('withdraws a list: partners mark their copies and stop pricing from them', async () => {
    const res = await n.owner.api('POST', '/price-lists/eu-resellers/withdraw', {
      reason: 'replaced by the 2028 list',
      partners: [String(n.p2Id)],
    });
    expect(res.status).toBe(200);
    expect(res.body.partnerIds).toEqual([n.p2Id]);
    await eventually(async () => {
      const copy = await n.p2.api('GET', '/price-lists/eu-resellers');
      return copy.body.withdrawn === true;
    });
    const price = await n.p2.api('GET', '/price-lists/eu-resellers/price?sku=MS-200');
    expect(price.status).toBe(409);
    expect(price.body.error.code).toBe('withdrawn');
    // p1 still has it.
    expect((await n.p1.api('GET', '/price-lists/eu-resellers')).body.withdrawn).toBe(false);
  });
});
