/**
 * Security review, issue #14: what a partner can make a catalog node store or send. Finding 2: a
 * sync.request costs the owner a full copy of a list, so repeats are merged into the resync still
 * waiting and a partner gets at most `resyncsPerHour` answered an hour; the excess is `conflict`
 * (resync_limited). Finding 8: a version may announce at most `maxPartsPerVersion` parts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRows, postToInbox, signedFrom } from '../support/federation.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import { appliedOn, startCatalogNodes, type CatalogNodes } from './catalog-nodes.ts';

const LIST = 'big';

describe('catalog › sync.request amplification', () => {
  let n: CatalogNodes;
  beforeAll(async () => {
    n = await startCatalogNodes({ settings: { resyncsPerHour: 2 } });
    await n.owner.api('POST', '/price-lists', { id: LIST, name: 'Big', currency: 'EUR' });
    const lines = Array.from({ length: 1000 }, (_, i) => ({
      sku: `SKU-${String(i).padStart(5, '0')}`,
      listPrice: '10.00',
    }));
    expect(
      (
        await n.owner.api('POST', `/price-lists/${LIST}/versions`, {
          validFrom: '2027-01-01',
          lines,
        })
      ).status,
    ).toBe(201);
    await n.owner.api('POST', `/price-lists/${LIST}/push`, { partners: [n.p1Id] });
    await appliedOn(n.p1, LIST, 1);
  }, 60_000);
  afterAll(async () => {
    await n.stop();
    await removeTestDirs();
  });

  const syncRequest = () =>
    signedFrom(n.p1, n.owner, 'sync.request', { what: 'pricelist', id: LIST });
  const resyncs = async () => {
    const res = await n.owner.api('GET', `/price-lists/${LIST}/distributions`);
    return (res.body.distributions as any[]).filter((d) => d.ref !== null);
  };
  /** Waits until the distributor has turned every waiting resync into messages. */
  const drained = () =>
    eventually(async () => (await resyncs()).every((d) => d.status !== 'queued'));
  const answersTo = async (ids: string[]) =>
    (await outboundRows(n.owner)).filter((r) => r.ref !== null && ids.includes(r.ref));

  it('merges a hundred requests in one batch into one full copy', async () => {
    const requests = await Promise.all(Array.from({ length: 100 }, syncRequest));
    const res = await postToInbox(
      n.owner,
      requests.map((r) => r.jws),
    );
    expect(res.status).toBe(200);
    expect(new Set(res.body.results.map((r: any) => r.status))).toEqual(new Set(['accepted']));
    expect(await resyncs()).toHaveLength(1);
    await drained();
    const answers = await answersTo(requests.map((r) => r.message.id));
    // One copy of version 1 (cut into its parts), not a hundred.
    expect(new Set(answers.map((r) => r.ref)).size).toBe(1);
    expect(answers.length).toBeLessThanOrEqual(2);
  });

  it('answers at most resyncsPerHour requests an hour, then conflict (resync_limited)', async () => {
    const second = await syncRequest();
    expect((await postToInbox(n.owner, [second.jws])).body.results[0].status).toBe('accepted');
    await drained();
    const third = await syncRequest();
    const refused = (await postToInbox(n.owner, [third.jws])).body.results[0];
    expect(refused).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(refused.message).toMatch(/^resync_limited/);
    expect(await resyncs()).toHaveLength(2);
    n.clock.advance(61 * 60_000);
    const later = await syncRequest();
    expect((await postToInbox(n.owner, [later.jws])).body.results[0].status).toBe('accepted');
    expect(await resyncs()).toHaveLength(3);
  });

  it('refuses a version announcing more parts than maxPartsPerVersion (too_many_parts)', async () => {
    const push = (parts: number) =>
      signedFrom(n.owner, n.p1, 'pricelist.push', {
        priceListId: 'announced',
        name: 'Announced',
        currency: 'EUR',
        version: 1,
        validFrom: '2027-01-01',
        mode: 'full',
        part: 1,
        parts,
        lines: [{ sku: 'A', listPrice: '1.00' }],
        removed: [],
        contentHash: `sha-256=${'A'.repeat(43)}`,
      });
    const res = await postToInbox(n.p1, [(await push(100_000)).jws, (await push(1000)).jws]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(res.body.results[0].message).toMatch(/^too_many_parts/);
    expect(res.body.results[1].status).toBe('accepted');
    const held = await n.p1.api('GET', `/price-lists/announced?owner=${n.ownerOnP1}`);
    expect(held.body.versions).toEqual([expect.objectContaining({ version: 1, parts: 1000 })]);
  });
});
