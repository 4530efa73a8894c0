/**
 * The deals commands against the data directories of running nodes, as an operator uses them:
 * the reseller registers, the vendor decides, the reseller reads its proof.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapturedIo } from '../../node/cli/capture-io.ts';
import { runCli } from '../../node/cli/main.ts';
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';

let vendor: TestNode;
let reseller: TestNode;
let vendorOnReseller: number;

beforeAll(async () => {
  vendor = await createTestNode({ name: 'Vendor AG' });
  reseller = await createTestNode({ name: 'Reseller GmbH' });
  vendorOnReseller = (await connectPair(vendor, reseller)).onJoiner.id;
});

afterAll(async () => {
  await Promise.all([vendor.stop(), reseller.stop()]);
  await removeTestDirs();
});

async function cli(node: TestNode, argv: string[]) {
  const io = createCapturedIo({ env: {} });
  const code = await runCli([...argv, '--data', node.dataDir], io);
  return { code, out: io.out(), err: io.err() };
}

async function json(node: TestNode, argv: string[]) {
  const result = await cli(node, [...argv, '--json']);
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
}

describe('deals › cli', () => {
  it('registers, decides and shows the proof', async () => {
    const registered = await json(reseller, [
      'deals',
      'register',
      '--vendor',
      String(vendorOnReseller),
      '--customer',
      'Acme GmbH',
      '--country',
      'de',
      '--domain',
      'https://www.acme.example/',
      '--products',
      'SW-1, HW-2',
      '--value',
      '5000.00',
      '--currency',
      'eur',
      '--close-date',
      '2027-03-31',
    ]);
    expect(registered).toMatchObject({
      role: 'partner',
      status: 'submitted',
      version: 1,
      endCustomer: { name: 'Acme GmbH', country: 'DE', domain: 'acme.example' },
      products: ['SW-1', 'HW-2'],
      currency: 'EUR',
    });

    const received = await eventually(async () => {
      const list = await json(vendor, ['deals', '--role', 'vendor']);
      return list.find((d: { dealId: string }) => d.dealId === registered.dealId);
    });
    const listing = await cli(vendor, ['deals']);
    expect(listing.out).toContain('Acme GmbH (DE)');

    const decided = await json(vendor, [
      'deals',
      'decide',
      String(received.id),
      '--status',
      'approved',
      '--protection-days',
      '10',
    ]);
    expect(decided.status).toBe('approved');

    await eventually(async () => {
      const shown = await json(reseller, ['deals', 'show', String(registered.id)]);
      return shown.status === 'approved';
    });
    const shown = await cli(reseller, ['deals', 'show', String(registered.id)]);
    expect(shown.out).toContain('protected until');

    await eventually(async () => {
      const proof = await json(reseller, ['deals', 'proof', String(registered.id)]);
      return proof.sent[0]?.receiptVerified && proof.received[0]?.signatureVerified;
    });
    const proof = await cli(reseller, ['deals', 'proof', String(registered.id)]);
    expect(proof.out).toContain('deal.register');
    expect(proof.out).toContain('deal.decision');
    expect(proof.out).not.toContain('NOT verified');

    // Decided: the registration no longer changes.
    const amend = await cli(reseller, ['deals', 'amend', String(registered.id), '--value', '1']);
    expect(amend.code).toBe(1);
    expect(amend.err).toContain('approved');
  });

  it('names a registration by its number or by its deal id, in the CLI and the admin API', async () => {
    const registered = await json(reseller, [
      'deals',
      'register',
      '--vendor',
      String(vendorOnReseller),
      '--customer',
      'Named Ltd',
      '--country',
      'GB',
      '--products',
      'SW-9',
      '--value',
      '100.00',
      '--currency',
      'GBP',
      '--close-date',
      '2027-05-31',
    ]);
    expect(registered.dealId).toMatch(/\D/);
    const byDealId = await json(reseller, ['deals', 'show', registered.dealId]);
    expect(byDealId.id).toBe(registered.id);
    const received = await eventually(async () => {
      const list = await json(vendor, ['deals', '--role', 'vendor']);
      return list.find((d: { dealId: string }) => d.dealId === registered.dealId);
    });
    const decided = await json(vendor, [
      'deals',
      'decide',
      registered.dealId,
      '--status',
      'rejected',
      '--reason',
      'Not eligible.',
    ]);
    expect(decided).toMatchObject({ id: received.id, status: 'rejected' });
    const res = await fetch(`${vendor.url}/api/deals/${encodeURIComponent(registered.dealId)}`, {
      headers: { authorization: `Bearer ${vendor.adminToken}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: number }).id).toBe(received.id);
    const unknown = await cli(vendor, ['deals', 'show', 'D-NOPE']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('D-NOPE');
  });

  it('names the flag that carried a bad value', async () => {
    const bad = await cli(reseller, [
      'deals',
      'register',
      '--vendor',
      String(vendorOnReseller),
      '--customer',
      'Acme',
      '--country',
      'XX',
      '--products',
      'A',
      '--value',
      '1',
      '--currency',
      'EUR',
      '--close-date',
      '2027-01-01',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--country');
    // Schema limits are told in words, never as the validator's regular expression.
    const badPhone = await cli(reseller, ['profile', '--contact-phone', 'call me maybe']);
    expect(badPhone.code).toBe(2);
    expect(badPhone.err).toContain('--contact-phone');
    expect(badPhone.err).toContain('is not in the expected form');
    expect(badPhone.err).not.toMatch(/must match|pattern|\^/);
    const missing = await cli(reseller, ['deals', 'register', '--vendor', '1']);
    expect(missing.code).toBe(2);
    const decide = await cli(vendor, ['deals', 'decide', '1', '--status', 'returned']);
    expect(decide.code).toBe(2);
    expect(decide.err).toContain('--reason');
  });

  it('shows and changes the settings', async () => {
    expect(await json(vendor, ['deals', 'settings'])).toEqual({ protectionDays: 90 });
    expect(await json(vendor, ['deals', 'settings', '--protection-days', '30'])).toEqual({
      protectionDays: 30,
    });
    const bad = await cli(vendor, ['deals', 'settings', '--protection-days', '0']);
    expect(bad.code).toBe(2);
  });
});
