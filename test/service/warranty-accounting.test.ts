/**
 * Warranty claims checked against the vendor's accounting data, between real nodes (issue #20,
 * item 5): the partner's node refuses a claim in a currency the vendor's data lacks (400
 * unknown_code, field currency, nothing sent); the vendor refuses one that breaks the data it
 * pushed, even when the partner holds an older copy, and the partner's claim shows that refusal;
 * without accounting data nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRows } from '../support/federation.ts';
import { eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';
import { call, createTrio, settle, type Trio } from './service-fixture.ts';

let t: Trio;

const CLAIM = {
  product: 'RTR-4800',
  serial: 'SN-4800-0021987',
  purchaseDate: '2026-03-14',
  failureDate: '2026-11-20',
  failure: 'Reboots under load.',
  claimedAmount: '420.00',
};

const file = (from: TestNode, currency: string) =>
  from.api('POST', '/warranty/claims', { vendor: t.idOf(from, t.vendor), ...CLAIM, currency });

async function heldVersion(node: TestNode, version: number) {
  await eventually(async () => {
    const res = await node.api('GET', '/accounting/std');
    return res.body.versions?.find((v: any) => v.version === version)?.status === 'applied';
  });
}

beforeAll(async () => {
  t = await createTrio();
  // The vendor settles warranty in euros; its data goes to p1 only.
  await call(t.vendor, 'POST', '/accounting', { id: 'std', name: 'Vendor terms' }, 201);
  await call(
    t.vendor,
    'POST',
    '/accounting/std/versions',
    { entries: [{ type: 'currency', code: 'EUR', name: 'Euro', rate: '1' }] },
    201,
  );
  await call(t.vendor, 'POST', '/accounting/std/push', { partners: [t.idOf(t.vendor, t.p1)] }, 202);
  await heldVersion(t.p1, 1);
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await removeTestDirs();
});

describe('service › warranty claims against accounting data', () => {
  it('the partner refuses a currency the held data lacks, naming the field, and sends nothing', async () => {
    const before = (await outboundRows(t.p1)).length;
    const refused = await file(t.p1, 'USD');
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { code: 'unknown_code', field: 'currency' } },
    });
    expect(refused.body.error.message).toContain('USD');
    expect((await outboundRows(t.p1)).length).toBe(before);
    expect((await call(t.p1, 'GET', '/warranty/claims')).claims).toEqual([]);

    const filed = await file(t.p1, 'EUR');
    expect(filed.status).toBe(201);
    await settle(t.p1);
    const onVendor = await call(t.vendor, 'GET', `/warranty/claims/${filed.body.claimId}`);
    expect(onVendor).toMatchObject({ status: 'submitted', currency: 'EUR' });

    // An amendment into a currency the data lacks is refused the same way.
    const amended = await t.p1.api('PATCH', `/warranty/claims/${filed.body.claimId}`, {
      currency: 'USD',
    });
    expect(amended.body.error).toMatchObject({ code: 'unknown_code', field: 'currency' });
  });

  it('the vendor refuses what breaks the data it pushed; the claim shows the refusal', async () => {
    // Version 2 (not pushed yet): dollars only. p1 still holds version 1 and sends euros.
    await call(
      t.vendor,
      'POST',
      '/accounting/std/versions',
      { entries: [{ type: 'currency', code: 'USD', name: 'US dollar', rate: '1.08' }] },
      201,
    );
    const filed = await file(t.p1, 'EUR');
    expect(filed.status).toBe(201);
    const refused = await eventually(async () => {
      const claim = await call(t.p1, 'GET', `/warranty/claims/${filed.body.claimId}`);
      return claim.refusal ? claim : null;
    });
    expect(refused.refusal).toMatchObject({ status: 'refused', code: 'conflict' });
    expect(refused.refusal.reason).toMatch(/^unknown_code: currency: EUR /);
    const onVendor = await t.vendor.api('GET', `/warranty/claims/${filed.body.claimId}`);
    expect(onVendor.status).toBe(404);
  });

  it('without accounting data a claim in any currency goes through', async () => {
    const filed = await file(t.p2, 'USD');
    expect(filed.status).toBe(201);
    await settle(t.p2);
    const onVendor = await call(t.vendor, 'GET', `/warranty/claims/${filed.body.claimId}`);
    expect(onVendor).toMatchObject({ status: 'submitted', currency: 'USD' });
  });
});
