/**
 * Reclassifying a partner through the admin API recomputes its default kinds, keeps what the
 * operator had added or removed, and tells the partner with partner.update; the partner's
 * operator sees the new classification with `partners show`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../../node/cli/capture-io.ts';
import { runCli } from '../../../node/cli/main.ts';
import { defaultKinds } from '../../../node/partners/default-kinds.ts';
import { connectPair } from '../../support/federation.ts';
import {
  createTestNode,
  eventually,
  removeTestDirs,
  type TestNode,
} from '../../support/test-node.ts';

let vendor: TestNode;
let reseller: TestNode;
let resellerOnVendor: number;
let vendorOnReseller: number;

beforeAll(async () => {
  vendor = await createTestNode({ name: 'Vendor AG' });
  reseller = await createTestNode({ name: 'Reseller GmbH' });
  const pair = await connectPair(vendor, reseller, { relationship: 'market_facing' });
  resellerOnVendor = pair.onHost.id;
  vendorOnReseller = pair.onJoiner.id;
});

afterAll(async () => {
  await Promise.all([vendor.stop(), reseller.stop()]);
  await removeTestDirs();
});

async function patch(body: unknown) {
  const res = await fetch(`${vendor.url}/api/partners/${resellerOnVendor}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${vendor.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { partnerType: string; relationship: string; kinds: string[] };
}

async function cli(node: TestNode, argv: string[]) {
  const io = createCapturedIo({ env: {} });
  const code = await runCli([...argv, '--data', node.dataDir], io);
  return { code, out: io.out(), err: io.err() };
}

describe('partners › reclassify', () => {
  it('recomputes the defaults, keeps explicit changes and tells the partner', async () => {
    const marketDefaults = defaultKinds('reseller', 'market_facing');
    // The operator adds warranty claims and takes away resync requests.
    const tuned = [...marketDefaults.filter((k) => k !== 'sync.request'), 'warranty.claim'];
    await patch({ kinds: tuned });

    const reclassified = await patch({ relationship: 'commodity_based' });
    const expected = [
      ...defaultKinds('reseller', 'commodity_based').filter((k) => k !== 'sync.request'),
      'warranty.claim',
    ].sort();
    expect(reclassified.relationship).toBe('commodity_based');
    expect(reclassified.kinds).toEqual(expected);
    expect(reclassified.kinds).not.toContain('deal.register');
    expect(reclassified.kinds).toContain('order.place');

    const told = await eventually(async () => {
      const shown = await cli(reseller, ['partners', 'show', String(vendorOnReseller), '--json']);
      const c = JSON.parse(shown.out).declaredProfile?.classification;
      return c?.relationship === 'commodity_based' ? c : undefined;
    });
    expect(told).toEqual({
      partnerType: 'reseller',
      relationship: 'commodity_based',
      kinds: expected,
    });
    const text = await cli(reseller, ['partners', 'show', String(vendorOnReseller)]);
    expect(text.out).toMatch(/classifies us as\s+reseller, commodity_based/);
    expect(text.out).toContain('order.place');
  });

  it('a name change alone sends nothing', async () => {
    const before = await vendor.deps.store.read((tx) =>
      tx.outbox.list({ partnerId: resellerOnVendor }, { limit: 1000 }),
    );
    await patch({ name: 'Reseller GmbH & Co. KG' });
    const after = await vendor.deps.store.read((tx) =>
      tx.outbox.list({ partnerId: resellerOnVendor }, { limit: 1000 }),
    );
    expect(after.length).toBe(before.length);
  });
});
