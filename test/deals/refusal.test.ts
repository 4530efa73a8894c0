/**
 * A registration the vendor refuses (the reseller, in a commodity-based relationship, may not
 * register deals) shows the refusal on the reseller's own record, in the CLI and the admin API,
 * and the reseller's operator is told (`status`, `refusals`). Once the vendor allows the kind and
 * the message is retried and accepted, the refusal no longer stands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPair } from '../support/federation.ts';
import { runCliOn } from '../support/run-cli.ts';
import { eventually, removeTestDirs, createTestNode, type TestNode } from '../support/test-node.ts';

let vendor: TestNode;
let reseller: TestNode;
let vendorOnReseller: number;
let resellerOnVendor: number;

beforeAll(async () => {
  vendor = await createTestNode({ name: 'Brand AG' });
  reseller = await createTestNode({ name: 'Distributor GmbH' });
  const pair = await connectPair(vendor, reseller, { relationship: 'commodity_based' });
  vendorOnReseller = pair.onJoiner.id;
  resellerOnVendor = pair.onHost.id;
});

afterAll(async () => {
  await Promise.all([vendor.stop(), reseller.stop()]);
  await removeTestDirs();
});

async function api(node: TestNode, method: string, path: string, body?: unknown) {
  const res = await fetch(`${node.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${node.adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('deals › refused registration', () => {
  it('shows the refusal on the record and tells the operator', async () => {
    const registered = await runCliOn(reseller, [
      'deals',
      'register',
      '--vendor',
      String(vendorOnReseller),
      '--customer',
      'Acme GmbH',
      '--country',
      'DE',
      '--products',
      'SW-1',
      '--value',
      '5000.00',
      '--currency',
      'EUR',
      '--close-date',
      '2027-03-31',
      '--json',
    ]);
    expect(registered.code, registered.err).toBe(0);
    const deal = JSON.parse(registered.out);
    expect(deal.refusal).toBeNull();

    const shown = await eventually(async () => {
      const r = await runCliOn(reseller, ['deals', 'show', String(deal.id), '--json']);
      const view = JSON.parse(r.out);
      return view.refusal ? view : undefined;
    });
    expect(shown.status).toBe('submitted');
    expect(shown.refusal).toMatchObject({
      status: 'refused',
      code: 'forbidden',
      kind: 'deal.register',
    });
    expect(shown.refusal.reason).not.toBe('');

    const text = await runCliOn(reseller, ['deals', 'show', String(deal.id)]);
    expect(text.out).toMatch(/refused\s+.*deal\.register forbidden: /);
    const listing = await runCliOn(reseller, ['deals']);
    expect(listing.out).toContain('submitted, refused (forbidden)');

    const viaApi = await api(reseller, 'GET', `/deals/${deal.id}`);
    expect(viaApi.body.refusal).toMatchObject({ status: 'refused', code: 'forbidden' });

    // The operator's notification: status counts it, refusals lists it with its record.
    const status = await runCliOn(reseller, ['status']);
    expect(status.out).toMatch(/refused\s+1 message\(s\) refused by partners/);
    const listed = await api(reseller, 'GET', '/refusals');
    expect(listed.body.refusals).toEqual([
      expect.objectContaining({
        partner: { id: vendorOnReseller, name: 'Brand AG' },
        record: { kind: 'deal', id: deal.dealId },
        code: 'forbidden',
      }),
    ]);
    const acked = await runCliOn(reseller, ['refusals', '--ack', '--json']);
    expect(JSON.parse(acked.out)).toHaveLength(1);
    expect((await api(reseller, 'GET', '/status')).body.unseenRefusals).toBe(0);
    expect((await api(reseller, 'GET', '/refusals')).body.refusals).toEqual([]);
    // Acknowledged, but the record still shows it: nothing has changed between the companies.
    expect((await api(reseller, 'GET', `/deals/${deal.id}`)).body.refusal).not.toBeNull();
  });

  it('clears once a later message about the record is accepted', async () => {
    const vendorKinds = (await api(vendor, 'GET', `/partners/${resellerOnVendor}`)).body.kinds;
    const patched = await api(vendor, 'PATCH', `/partners/${resellerOnVendor}`, {
      kinds: [...vendorKinds, 'deal.register'],
    });
    expect(patched.status).toBe(200);
    const retried = await runCliOn(reseller, ['outbox', 'retry', '--all']);
    expect(retried.code, retried.err).toBe(0);
    const cleared = await eventually(async () => {
      const deals = (await api(reseller, 'GET', '/deals')).body.deals;
      return deals[0].refusal === null ? deals[0] : undefined;
    }, 10_000);
    expect(cleared.status).toBe('submitted');
  });
});
