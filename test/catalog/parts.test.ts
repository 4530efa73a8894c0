import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../protocol/index.ts';
import { outboundRows, postToInbox, signedFrom } from '../support/federation.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import {
  apiRaw,
  appliedOn,
  priceCsv,
  startCatalogNodes,
  type CatalogNodes,
} from './catalog-nodes.ts';

const LINES = [
  { sku: 'A-1', listPrice: '10.00' },
  { sku: 'B-2', listPrice: '20.00' },
  { sku: 'C-3', listPrice: '30.00', minQty: '5' },
];

function partBody(
  listId: string,
  part: number,
  parts: number,
  lines: object[],
  hash: string,
  version = 1,
) {
  return {
    priceListId: listId,
    name: 'Crafted',
    currency: 'EUR',
    version,
    validFrom: '2027-01-01',
    mode: 'full',
    part,
    parts,
    lines,
    removed: [],
    contentHash: hash,
  };
}

/** Lines held on `node` for version `version` of the owner's list `listId`, whatever its status. */
async function linesHeld(node: CatalogNodes['p2'], ownerId: number, listId: string, version = 1) {
  return node.deps.store.read(async (tx) => {
    const list = await tx.catalog.findList('pricelist', ownerId, listId);
    const v = list && (await tx.catalog.getVersion(list.id, version));
    return v ? tx.catalog.countLines(v.id) : null;
  });
}

describe('catalog › versions in parts', () => {
  let n: CatalogNodes;
  beforeAll(async () => {
    n = await startCatalogNodes();
  }, 30_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  it('imports 100,000 lines from CSV and applies them on a partner, in parts', async () => {
    await n.owner.api('POST', '/price-lists', { id: 'big', name: 'Big list', currency: 'USD' });
    const csv = priceCsv(100_000);
    const t0 = performance.now();
    const imported = await apiRaw(
      n.owner,
      'POST',
      '/price-lists/big/import?validFrom=2027-01-01',
      csv,
    );
    const t1 = performance.now();
    expect(imported.status).toBe(201);
    expect(imported.json).toMatchObject({ ok: true, imported: 100_000, version: 1 });
    const push = await n.owner.api('POST', '/price-lists/big/push', { partners: [n.p1Id] });
    const t2 = performance.now();
    expect(push.status).toBe(202);
    const copy = await appliedOn(n.p1, 'big', 1, 60_000);
    const t3 = performance.now();
    expect(copy.versions[0]).toMatchObject({
      lineCount: 100_000,
      contentHash: imported.json.contentHash,
    });
    const rows = (await outboundRows(n.owner)).filter((r) => r.kind === 'pricelist.push');
    const bytes = rows.reduce((sum, r) => sum + (r.jws?.length ?? 0), 0);
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) expect(r.jws!.length).toBeLessThan(n.owner.deps.config.maxBodyBytes);
    console.info(
      `100,000 lines: CSV ${(csv.length / 1e6).toFixed(1)} MB imported in ${Math.round(t1 - t0)} ms, ` +
        `push returned in ${Math.round(t2 - t1)} ms, applied on the partner ${Math.round(t3 - t2)} ms later; ` +
        `${rows.length} parts, ${(bytes / 1e6).toFixed(1)} MB signed`,
    );
    const price = await n.p1.api('GET', '/price-lists/big/price?sku=SKU-054321&qty=2');
    expect(price.body).toMatchObject({ listPrice: '322.21', amount: '644.42' });
  }, 90_000);

  it('applies a version only once its lost part arrives', async () => {
    const hash = contentHash(LINES);
    const parts = await Promise.all(
      [[LINES[0]!], [LINES[1]!], [LINES[2]!]].map((lines, i) =>
        signedFrom(n.owner, n.p2, 'pricelist.push', partBody('lost', i + 1, 3, lines, hash)),
      ),
    );
    const first = await postToInbox(n.p2, [parts[0]!.jws, parts[2]!.jws]);
    expect(first.body.results.map((r: any) => r.status)).toEqual(['accepted', 'accepted']);
    const waiting = await n.p2.api('GET', '/price-lists/lost');
    expect(waiting.body.versions[0]).toMatchObject({ version: 1, status: 'assembling' });
    expect((await n.p2.api('GET', '/price-lists/lost/price?sku=A-1')).body.error.code).toBe(
      'no_price',
    );
    // The same part again changes nothing; the missing one completes the version.
    const again = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('lost', 1, 3, [LINES[0]!], hash),
    );
    await postToInbox(n.p2, [again.jws]);
    expect((await n.p2.api('GET', '/price-lists/lost')).body.versions[0].status).toBe('assembling');
    await postToInbox(n.p2, [parts[1]!.jws]);
    const done = await n.p2.api('GET', '/price-lists/lost');
    expect(done.body.versions[0]).toMatchObject({
      status: 'applied',
      lineCount: 3,
      contentHash: hash,
    });
  });

  it('does not apply a version whose content hash does not match, and accepts a good resend', async () => {
    const tampered = contentHash([{ sku: 'A-1', listPrice: '1.00' }, ...LINES.slice(1)]);
    const bad = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('tamper', 1, 1, LINES, tampered),
    );
    const res = await postToInbox(n.p2, [bad.jws]);
    expect(res.body.results[0].status).toBe('accepted');
    const failed = await n.p2.api('GET', '/price-lists/tamper');
    expect(failed.body.versions[0]).toMatchObject({
      status: 'failed',
      failureCode: 'hash_mismatch',
      lineCount: 0,
    });
    expect((await n.p2.api('GET', '/price-lists/tamper/price?sku=A-1')).body.error.code).toBe(
      'no_price',
    );
    // The owner sends it again, right: it replaces the failed transmission and applies.
    const good = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('tamper', 1, 1, LINES, contentHash(LINES)),
    );
    await postToInbox(n.p2, [good.jws]);
    expect((await n.p2.api('GET', '/price-lists/tamper')).body.versions[0].status).toBe('applied');
    // Once applied a version is immutable: other content under its number is a conflict.
    const other = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('tamper', 1, 1, LINES.slice(1), contentHash(LINES.slice(1))),
    );
    const refused = await postToInbox(n.p2, [other.jws]);
    expect(refused.body.results[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
    const same = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('tamper', 1, 1, LINES, contentHash(LINES)),
    );
    expect((await postToInbox(n.p2, [same.jws])).body.results[0].status).toBe('accepted');
  });

  it('does not apply a version whose parts repeat a line key, wherever the repeat lies', async () => {
    // The repeat sits in another part than its twin, and the parts arrive in reverse order.
    const lines = [...LINES, { sku: 'B-2', listPrice: '21.00' }];
    const hash = contentHash(lines);
    for (const [part, chunk] of [
      [2, lines.slice(2)],
      [1, lines.slice(0, 2)],
    ] as const) {
      const m = await signedFrom(
        n.owner,
        n.p2,
        'pricelist.push',
        partBody('twice', part, 2, chunk, hash),
      );
      expect((await postToInbox(n.p2, [m.jws])).body.results[0].status).toBe('accepted');
    }
    const failed = await n.p2.api('GET', '/price-lists/twice');
    expect(failed.body.versions[0]).toMatchObject({
      status: 'failed',
      failureCode: 'duplicate_line',
      lineCount: 0,
    });
    expect(await linesHeld(n.p2, n.ownerOnP2, 'twice')).toBe(0);
  });

  it('drops the lines of an unfinished transmission when another one of the version begins', async () => {
    // Part 1 of 2 puts its lines in place; then the owner sends the version again, in one part.
    const first = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('again', 1, 2, LINES.slice(0, 2), contentHash(LINES)),
    );
    await postToInbox(n.p2, [first.jws]);
    expect(await linesHeld(n.p2, n.ownerOnP2, 'again')).toBe(2);
    const whole = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('again', 1, 1, LINES, contentHash(LINES)),
    );
    expect((await postToInbox(n.p2, [whole.jws])).body.results[0].status).toBe('accepted');
    expect((await n.p2.api('GET', '/price-lists/again')).body.versions[0]).toMatchObject({
      status: 'applied',
      lineCount: 3,
    });
    expect(await linesHeld(n.p2, n.ownerOnP2, 'again')).toBe(3);
  });

  it('never lets a push touch a list the recipient owns (ids are scoped by owner), and refuses a part count overrun', async () => {
    await n.p2.api('POST', '/price-lists', { id: 'p2-own', name: 'Mine', currency: 'EUR' });
    const same = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('p2-own', 1, 1, LINES, contentHash(LINES)),
    );
    const res = await postToInbox(n.p2, [same.jws]);
    // The sender's list of that id is its own list, kept beside the recipient's.
    expect(res.body.results[0]).toMatchObject({ status: 'accepted' });
    const mine = await n.p2.api('GET', '/price-lists/p2-own?owner=self');
    expect(mine.body).toMatchObject({ owner: 'self', versions: [] });
    const overrun = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('x', 3, 2, LINES, contentHash(LINES)),
    );
    expect((await postToInbox(n.p2, [overrun.jws])).body.results[0].code).toBe('conflict');
  });

  it('asks for the version in full when a delta arrives for a base it does not hold', async () => {
    const delta = await signedFrom(n.owner, n.p2, 'pricelist.push', {
      ...partBody('no-base', 1, 1, LINES, contentHash(LINES), 5),
      mode: 'delta',
      baseVersion: 4,
    });
    expect((await postToInbox(n.p2, [delta.jws])).body.results[0].status).toBe('accepted');
    const copy = await n.p2.api('GET', '/price-lists/no-base');
    expect(copy.body.versions[0]).toMatchObject({ status: 'failed', failureCode: 'missing_base' });
    const asked = await eventually(async () =>
      (await outboundRows(n.p2)).find((r) => r.kind === 'sync.request'),
    );
    expect(asked.body).toEqual({ what: 'pricelist', id: 'no-base' });
  });

  it('completes a version whose first part was stored with its lines, as an earlier build did', async () => {
    const hash = contentHash(LINES);
    const first = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('older', 1, 2, LINES.slice(0, 1), hash),
    );
    await postToInbox(n.p2, [first.jws]);
    // As stored before lines were placed on arrival: the part row holds them, none are in place.
    await n.p2.deps.store.transact(async (tx) => {
      const list = await tx.catalog.findList('pricelist', n.ownerOnP2, 'older');
      const v = (await tx.catalog.getVersion(list!.id, 1))!;
      const [part] = await tx.catalog.readParts(v.id);
      await tx.catalog.deleteParts(v.id);
      await tx.catalog.deleteLines(v.id);
      await tx.catalog.savePart(
        v.id,
        { ...part!, lines: JSON.stringify(LINES.slice(0, 1)) },
        new Date(),
      );
    });
    const second = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('older', 2, 2, LINES.slice(1), hash),
    );
    await postToInbox(n.p2, [second.jws]);
    expect((await n.p2.api('GET', '/price-lists/older')).body.versions[0]).toMatchObject({
      status: 'applied',
      lineCount: 3,
    });
  });

  it('gives up on a version whose missing parts can no longer arrive', async () => {
    const hash = contentHash(LINES);
    const first = await signedFrom(
      n.owner,
      n.p2,
      'pricelist.push',
      partBody('gone', 1, 2, LINES.slice(0, 1), hash),
    );
    await postToInbox(n.p2, [first.jws]);
    await n.p2.deps.jobs.runAll();
    expect((await n.p2.api('GET', '/price-lists/gone')).body.versions[0].status).toBe('assembling');
    expect(await linesHeld(n.p2, n.ownerOnP2, 'gone')).toBe(1);
    // Past the replay window, the missing part would be refused as stale: stop waiting for it.
    n.clock.advance(31 * 86_400_000);
    await n.p2.deps.jobs.runAll();
    expect((await n.p2.api('GET', '/price-lists/gone')).body.versions[0]).toMatchObject({
      status: 'failed',
      failureCode: 'incomplete',
    });
    const expired = (await n.p2.api('GET', '/events?types=catalog_version.assembly_expired')).body
      .events;
    expect(expired).toHaveLength(1);
    expect(expired[0].data).toMatchObject({ status: 'failed', failureCode: 'incomplete' });
    // The lines its first part put in place went with it.
    expect(await linesHeld(n.p2, n.ownerOnP2, 'gone')).toBe(0);
  });
});
