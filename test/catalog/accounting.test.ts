/**
 * Accounting data pushed like price lists between real nodes over HTTP, and a partner's own
 * extensions and records on the copies it holds, which survive every push and never change the
 * owner's content hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../protocol/content-hash.ts';
import { outboundRows } from '../support/federation.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { startCatalogNodes, type CatalogNodes } from './catalog-nodes.ts';

const ENTRIES = [
  { type: 'currency', code: 'EUR', name: 'Euro', rate: '1' },
  { type: 'currency', code: 'USD', name: 'US dollar', rate: '1.0842' },
  { type: 'payment_terms', code: 'NET30', name: '30 days net', days: '30' },
  { type: 'tax_category', code: 'S', name: 'Standard rate', rate: '19' },
  { type: 'uom', code: 'EA', name: 'Each' },
  { type: 'account', code: '6400', name: 'Marketing expenses', use: 'expense_claim' },
];

async function accountingApplied(node: TestNode, id: string, version: number): Promise<any> {
  return eventually(async () => {
    const res = await node.api('GET', `/accounting/${encodeURIComponent(id)}`);
    if (res.status !== 200) return null;
    const v = res.body.versions.find((x: any) => x.version === version);
    return v?.status === 'applied' ? res.body : null;
  }, 10_000);
}

async function allDelivered(n: CatalogNodes, kind: string) {
  await eventually(async () => {
    const rows = await outboundRows(n.owner);
    return rows.filter((r) => r.kind === kind).every((r) => r.status === 'delivered');
  });
}

describe('catalog › accounting data between an owner and its partners', () => {
  let n: CatalogNodes;
  beforeAll(async () => {
    n = await startCatalogNodes();
    const created = await n.owner.api('POST', '/accounting', { id: 'std', name: 'Acme terms' });
    expect(created.status).toBe(201);
  }, 30_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  it('pushes a full version; both sides hold the same content hash, read-only on the partner', async () => {
    const v1 = await n.owner.api('POST', '/accounting/std/versions', { entries: ENTRIES });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, lineCount: 6, status: 'applied' });
    // The hash is the spec's: JCS of every entry sorted by "type:code".
    const key = (e: (typeof ENTRIES)[number]) => `${e.type}:${e.code}`;
    const sorted = [...ENTRIES].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(v1.body.contentHash).toBe(contentHash(sorted));

    const push = await n.owner.api('POST', '/accounting/std/push', { all: true });
    expect(push.status).toBe(202);
    for (const p of [n.p1, n.p2]) {
      const copy = await accountingApplied(p, 'std', 1);
      expect(copy).toMatchObject({ owner: 'partner', readOnly: true, name: 'Acme terms' });
      expect(copy.versions[0]).toMatchObject({ contentHash: v1.body.contentHash, mode: 'full' });
    }
    const change = await n.p1.api('POST', '/accounting/std/versions', { entries: ENTRIES });
    expect(change.status).toBe(403);
    expect(change.body.error.code).toBe('not_owner');
  });

  it('refuses an entry that lacks what its type needs, naming the field', async () => {
    const bad = await n.owner.api('POST', '/accounting/std/versions', {
      entries: [{ type: 'payment_terms', code: 'NET60', name: '60 days' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'entries[0]' });
    const unknownType = await n.owner.api('POST', '/accounting/std/versions', {
      entries: [{ type: 'colour', code: 'RED', name: 'Red' }],
    });
    expect(unknownType.body.error).toMatchObject({
      code: 'invalid_field',
      field: 'entries[0].type',
    });
  });

  it('keeps a partner extension and own record through a delta and a full push, hash unchanged', async () => {
    await allDelivered(n, 'accounting.push');
    // p1 extends the owner's EUR entry and adds its own unit of measure.
    const ext = await n.p1.api('PUT', '/accounting/std/extensions/currency%3AEUR', {
      alias: 'EURO',
      notes: 'book to bank account 2',
      attributes: { ledger: 'L-7' },
    });
    expect(ext.status).toBe(200);
    const own = await n.p1.api('POST', '/accounting/std/own-records', {
      type: 'uom',
      code: 'PAL',
      name: 'Pallet (ours)',
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ key: 'uom:PAL', origin: 'own' });
    // An extension of a record the owner does not have, or on a list of our own, is refused.
    const missing = await n.p1.api('PUT', '/accounting/std/extensions/uom%3AXX', { notes: 'x' });
    expect(missing.status).toBe(404);
    const onOwn = await n.owner.api('PUT', '/accounting/std/extensions/currency%3AEUR', {
      notes: 'x',
    });
    expect(onOwn.body.error.code).toBe('own_list');

    // The owner changes USD and drops the tax category: a delta to p1.
    const v2 = await n.owner.api('POST', '/accounting/std/versions', {
      baseVersion: 1,
      removed: ['tax_category:S'],
      entries: [{ type: 'currency', code: 'USD', name: 'US dollar', rate: '1.0901' }],
    });
    expect(v2.status).toBe(201);
    await n.owner.api('POST', '/accounting/std/push', { partners: [n.p1Id] });
    const copy2 = await accountingApplied(n.p1, 'std', 2);
    const held2 = copy2.versions.find((v: any) => v.version === 2);
    expect(held2).toMatchObject({
      mode: 'delta',
      baseVersion: 1,
      contentHash: v2.body.contentHash,
    });
    const deltaBody = (await outboundRows(n.owner))
      .filter((r) => r.kind === 'accounting.push')
      .at(-1)!.body as any;
    expect(deltaBody).toMatchObject({ mode: 'delta', removed: ['tax_category:S'] });

    // A full version: p1 asks for a resync, the owner answers in full.
    await allDelivered(n, 'accounting.push');
    const v3 = await n.owner.api('POST', '/accounting/std/versions', {
      entries: ENTRIES.filter((e) => e.type !== 'tax_category'),
    });
    await n.owner.api('POST', '/accounting/std/push', { partners: [n.p1Id] });
    await accountingApplied(n.p1, 'std', 3);
    const sync = await n.p1.api('POST', '/accounting/std/sync');
    expect(sync.status).toBe(202);
    await eventually(async () => {
      const rows = (await outboundRows(n.owner)).filter((r) => r.kind === 'accounting.push');
      return rows.some(
        (r) =>
          (r.body as any).version === 3 &&
          (r.body as any).mode === 'full' &&
          r.status === 'delivered',
      );
    });

    const merged = await n.p1.api('GET', '/accounting/std/records');
    expect(merged.status).toBe(200);
    expect(merged.body.version).toBe(3);
    const eur = merged.body.records.find((r: any) => r.key === 'currency:EUR');
    expect(eur).toMatchObject({
      origin: 'owner',
      record: { code: 'EUR', rate: '1' },
      own: { alias: 'EURO', notes: 'book to bank account 2', attributes: { ledger: 'L-7' } },
    });
    expect(merged.body.ownRecords).toEqual([
      {
        origin: 'own',
        key: 'uom:PAL',
        record: { type: 'uom', code: 'PAL', name: 'Pallet (ours)' },
      },
    ]);
    // The owner's elements are untouched: same hash on both sides, and the partner's own
    // record is in no version line.
    const held3 = (await n.p1.api('GET', '/accounting/std')).body.versions.find(
      (v: any) => v.version === 3,
    );
    expect(held3.contentHash).toBe(v3.body.contentHash);
    const lines = await n.p1.api('GET', '/accounting/std/versions/3');
    expect(lines.body.entries.map((e: any) => `${e.type}:${e.code}`)).not.toContain('uom:PAL');
    expect(lines.body.entries).toHaveLength(5);
    const ownerView = await n.owner.api('GET', '/accounting/std/versions/3');
    expect(ownerView.body.entries).toEqual(lines.body.entries);
  });

  it('keeps a product extension through a catalog delta push, hash unchanged', async () => {
    await n.owner.api('POST', '/catalogs', { id: 'hw', name: 'Hardware' });
    await n.owner.api('POST', '/catalogs/hw/versions', {
      products: [{ sku: 'KB-100', name: 'Keyboard', uom: 'EA' }],
    });
    await n.owner.api('POST', '/catalogs/hw/push', { partners: [n.p2Id] });
    await eventually(async () => {
      const r = await n.p2.api('GET', '/catalogs/hw');
      return r.body.versions?.[0]?.status === 'applied';
    });
    const ext = await n.p2.api('PUT', '/catalogs/hw/extensions/KB-100', { alias: 'TAST-100' });
    expect(ext.status).toBe(200);
    const v2 = await n.owner.api('POST', '/catalogs/hw/versions', {
      baseVersion: 1,
      products: [{ sku: 'KB-100', name: 'Keyboard, US', uom: 'EA' }],
    });
    await n.owner.api('POST', '/catalogs/hw/push', { partners: [n.p2Id] });
    await eventually(async () => {
      const r = await n.p2.api('GET', '/catalogs/hw');
      return r.body.versions?.find((v: any) => v.version === 2)?.status === 'applied';
    });
    const merged = await n.p2.api('GET', '/catalogs/hw/records');
    expect(merged.body.records).toEqual([
      {
        origin: 'owner',
        key: 'KB-100',
        record: { sku: 'KB-100', name: 'Keyboard, US', uom: 'EA' },
        own: { alias: 'TAST-100' },
      },
    ]);
    const held = (await n.p2.api('GET', '/catalogs/hw')).body.versions[0];
    expect(held.contentHash).toBe(v2.body.contentHash);
  });
});
