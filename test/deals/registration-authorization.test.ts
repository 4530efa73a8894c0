/**
 * Who may say what about a registration, over real HTTP: only the vendor it was registered with
 * decides it, only the registering partner changes or withdraws it, and versions make late or
 * repeated messages harmless. Every refusal leaves the records as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPair, inboundCount, postToInbox, signedFrom } from '../support/federation.ts';
import { removeTestDirs, type TestNode } from '../support/test-node.ts';
import {
  atVendor,
  getDeal,
  register,
  startDealNodes,
  statusBecomes,
  type DealNodes,
  type DealView,
} from './deal-nodes.ts';

let n: DealNodes;
/** Alpha's registration with the vendor, approved; and Beta's, still submitted. */
let alphaDeal: DealView;
let betaDeal: DealView;
let alphaDealOnVendor: DealView;

beforeAll(async () => {
  n = await startDealNodes();
  alphaDeal = await register(n.alpha, n.ids.vendorOnAlpha, {
    endCustomer: { name: 'Soylent', country: 'US', domain: 'soylent.example' },
    products: ['FOOD-1'],
  });
  betaDeal = await register(n.beta, n.ids.vendorOnBeta, {
    endCustomer: { name: 'Tyrell', country: 'US', domain: 'tyrell.example' },
    products: ['REP-6'],
  });
  alphaDealOnVendor = await atVendor(n, alphaDeal.dealId);
  await atVendor(n, betaDeal.dealId);
  await n.vendor.api('POST', `/deals/${alphaDealOnVendor.id}/decision`, {
    status: 'approved',
    protectionDays: 90,
  });
  alphaDeal = await statusBecomes(n.alpha, alphaDeal.id, 'approved');
});

afterAll(async () => {
  await n.stop();
  await removeTestDirs();
});

/** Posts one signed message and returns its result; checks nothing was stored when rejected. */
async function send(from: TestNode, to: TestNode, kind: string, body: unknown) {
  const before = await inboundCount(to);
  const { jws } = await signedFrom(from, to, kind, body);
  const res = await postToInbox(to, [jws]);
  expect(res.status).toBe(200);
  const result = res.body.results[0];
  if (result.status === 'rejected') expect(await inboundCount(to)).toBe(before);
  return result as { status: string; code?: string; message?: string };
}

const decision = (dealId: string, overrides: Record<string, unknown> = {}) => ({
  dealId,
  dealVersion: 1,
  status: 'rejected',
  reason: 'no',
  version: 9,
  ...overrides,
});

describe('deals › authorization and versions', () => {
  it('refuses a deal.decision from a partner: the kind, and the record', async () => {
    const onVendorBefore = await getDeal(n.vendor, alphaDealOnVendor.id);
    const refused = await send(n.alpha, n.vendor, 'deal.decision', decision(alphaDeal.dealId));
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden' });

    // Even when the vendor allows the kind, the partner never registered anything with... itself.
    const partner = await n.vendor.deps.store.read((tx) =>
      tx.partners.getById(n.ids.alphaOnVendor),
    );
    await n.vendor.deps.store.transact((tx) =>
      tx.partners.updateProfile(
        n.ids.alphaOnVendor,
        { allowedKinds: [...partner!.allowedKinds, 'deal.decision'] },
        n.clock.now(),
      ),
    );
    const again = await send(n.alpha, n.vendor, 'deal.decision', decision(alphaDeal.dealId));
    expect(again).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(await getDeal(n.vendor, alphaDealOnVendor.id)).toEqual(onVendorBefore);
  });

  it("refuses the vendor's decision about a deal the recipient never registered with it", async () => {
    const before = await getDeal(n.alpha, alphaDeal.id);
    // Beta's deal id, sent to Alpha: Alpha holds no such registration.
    const refused = await send(n.vendor, n.alpha, 'deal.decision', decision(betaDeal.dealId));
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const unknown = await send(n.vendor, n.alpha, 'deal.decision', decision('no-such-deal'));
    expect(unknown).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(refused.message).toBe(unknown.message);
    expect(await getDeal(n.alpha, alphaDeal.id)).toEqual(before);
    expect((await getDeal(n.beta, betaDeal.id)).status).toBe('submitted');
  });

  it('refuses a decision from a node the deal was not registered with', async () => {
    // Beta joins Alpha as a supplier, so Alpha accepts deal.decision from it as a kind.
    await connectPair(n.alpha, n.beta, { partnerType: 'value_added_supplier' });
    const before = await getDeal(n.alpha, alphaDeal.id);
    const refused = await send(
      n.beta,
      n.alpha,
      'deal.decision',
      decision(alphaDeal.dealId, { version: 50 }),
    );
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(await getDeal(n.alpha, alphaDeal.id)).toEqual(before);
  });

  it('accepts a decision for an already-decided version and changes nothing', async () => {
    const before = await getDeal(n.alpha, alphaDeal.id);
    const replay = await send(
      n.vendor,
      n.alpha,
      'deal.decision',
      decision(alphaDeal.dealId, { version: 1, status: 'rejected' }),
    );
    expect(replay.status).toBe('accepted');
    expect(await getDeal(n.alpha, alphaDeal.id)).toEqual(before);
  });

  it('refuses a decision about a registration version that was never sent', async () => {
    const refused = await send(
      n.vendor,
      n.alpha,
      'deal.decision',
      decision(alphaDeal.dealId, { dealVersion: 7, version: 20 }),
    );
    expect(refused).toMatchObject({ status: 'rejected', code: 'conflict' });
  });

  it('treats a re-registration after a final decision as conflict, a stale one as harmless', async () => {
    const before = await getDeal(n.vendor, alphaDealOnVendor.id);
    const body = (version: number, products: string[]) => ({
      deal: {
        id: alphaDeal.dealId,
        endCustomer: { name: 'Soylent', country: 'US' },
        products,
        estimatedValue: '1.00',
        currency: 'USD',
        expectedCloseDate: '2027-02-01',
      },
      version,
    });
    const newer = await send(n.alpha, n.vendor, 'deal.register', body(2, ['FOOD-2']));
    expect(newer).toMatchObject({ status: 'rejected', code: 'conflict' });
    const stale = await send(n.alpha, n.vendor, 'deal.register', body(1, ['FOOD-3']));
    expect(stale.status).toBe('accepted');
    expect(await getDeal(n.vendor, alphaDealOnVendor.id)).toEqual(before);
  });

  it('keeps registrations of two partners with the same deal id apart', async () => {
    const body = {
      deal: {
        id: alphaDeal.dealId,
        endCustomer: { name: 'Tyrell Corp', country: 'US' },
        products: ['OTHER-1'],
        estimatedValue: '10',
        currency: 'USD',
        expectedCloseDate: '2027-02-01',
      },
      version: 5,
    };
    // Beta uses Alpha's deal id: a registration of Beta's own, which leaves Alpha's untouched.
    const accepted = await send(n.beta, n.vendor, 'deal.register', body);
    expect(accepted.status).toBe('accepted');
    expect((await getDeal(n.vendor, alphaDealOnVendor.id)).status).toBe('approved');
    const all = await n.vendor.api('GET', `/deals?role=vendor&partner=${n.ids.betaOnVendor}`);
    expect(all.body.deals.some((d: DealView) => d.dealId === alphaDeal.dealId)).toBe(true);
  });

  it("refuses a record.withdraw from the vendor about the partner's registration", async () => {
    const before = await getDeal(n.alpha, alphaDeal.id);
    const refused = await send(n.vendor, n.alpha, 'record.withdraw', {
      recordKind: 'deal',
      recordId: alphaDeal.dealId,
      reason: 'we revoke it',
    });
    expect(refused).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(await getDeal(n.alpha, alphaDeal.id)).toEqual(before);
  });

  it("refuses a partner's withdrawal of another partner's registration", async () => {
    const before = await getDeal(n.vendor, alphaDealOnVendor.id);
    const tyrell = await atVendor(n, betaDeal.dealId);
    // Beta names Alpha's deal id: Beta's own registration under that id is the one withdrawn.
    const own = await send(n.beta, n.vendor, 'record.withdraw', {
      recordKind: 'deal',
      recordId: alphaDeal.dealId,
      reason: 'mine',
    });
    expect(own.status).toBe('accepted');
    expect(await getDeal(n.vendor, alphaDealOnVendor.id)).toEqual(before);
    const none = await send(n.beta, n.vendor, 'record.withdraw', {
      recordKind: 'deal',
      recordId: 'never-registered',
      reason: 'x',
    });
    expect(none).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect((await getDeal(n.vendor, tyrell.id)).status).toBe('submitted');
  });

  it('refuses admin actions on the wrong side of a registration', async () => {
    const decideOwn = await n.alpha.api('POST', `/deals/${alphaDeal.id}/decision`, {
      status: 'approved',
    });
    expect(decideOwn.status).toBe(409);
    expect(decideOwn.body.error.code).toBe('deal_wrong_role');
    const amendReceived = await n.vendor.api('PATCH', `/deals/${alphaDealOnVendor.id}`, {
      notes: 'x',
    });
    expect(amendReceived.body.error.code).toBe('deal_wrong_role');
    const withdrawReceived = await n.vendor.api('POST', `/deals/${alphaDealOnVendor.id}/withdraw`);
    expect(withdrawReceived.body.error.code).toBe('deal_wrong_role');
    expect((await n.vendor.api('GET', '/deals/999999')).status).toBe(404);
    expect((await n.vendor.api('GET', '/deals/abc')).status).toBe(404);
  });

  it('checks admin input field by field and writes nothing on a mistake', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ endCustomer: { name: 'X', country: 'XX' } }, 'endCustomer.country'],
      [{ endCustomer: { name: '', country: 'DE' } }, 'endCustomer.name'],
      [{ endCustomer: { name: 'X', country: 'DE', domain: 'not a domain' } }, 'endCustomer.domain'],
      [{ endCustomer: { name: 'X', country: 'DE', city: 'Berlin' } }, 'endCustomer.city'],
      [{ products: [] }, 'products'],
      [{ estimatedValue: 1200 }, 'estimatedValue'],
      [{ currency: 'EURO' }, 'currency'],
      [{ expectedCloseDate: '2027-02-30' }, 'expectedCloseDate'],
      [{ vendor: 12345 }, 'vendor'],
      [{ colour: 'red' }, 'colour'],
    ];
    const before = (await n.alpha.api('GET', '/deals?limit=500')).body.deals.length;
    for (const [override, field] of cases) {
      const res = await n.alpha.api('POST', '/deals', {
        vendor: n.ids.vendorOnAlpha,
        endCustomer: { name: 'Valid', country: 'DE' },
        products: ['P'],
        estimatedValue: '1',
        currency: 'EUR',
        expectedCloseDate: '2027-02-01',
        ...override,
      });
      expect(res.status, field).toBe(400);
      expect(res.body.error, field).toMatchObject({ code: 'invalid_field', field });
    }
    expect((await n.alpha.api('GET', '/deals?limit=500')).body.deals.length).toBe(before);

    const pending = await register(n.alpha, n.ids.vendorOnAlpha, {
      endCustomer: { name: 'Pending Co', country: 'DE' },
      products: ['Q'],
    });
    const onVendor = await atVendor(n, pending.dealId);
    const decisions: Array<[Record<string, unknown>, string]> = [
      [{ status: 'maybe' }, 'status'],
      [{ status: 'returned' }, 'reason'],
      [{ status: 'rejected', protectionDays: 3 }, 'protectionDays'],
      [{ status: 'approved', protectedUntil: 'soon' }, 'protectedUntil'],
      [{ status: 'approved', protectedUntil: '2020-01-01T00:00:00Z' }, 'protectedUntil'],
      [{ status: 'approved', protectionDays: 5000 }, 'protectionDays'],
    ];
    for (const [body, field] of decisions) {
      const res = await n.vendor.api('POST', `/deals/${onVendor.id}/decision`, body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.field, field).toBe(field);
    }
    expect((await getDeal(n.vendor, onVendor.id)).status).toBe('submitted');
    const existing = await n.alpha.api('POST', '/deals', {
      vendor: n.ids.vendorOnAlpha,
      id: pending.dealId,
      endCustomer: { name: 'Pending Co', country: 'DE' },
      products: ['Q'],
      estimatedValue: '1',
      currency: 'EUR',
      expectedCloseDate: '2027-02-01',
    });
    expect(existing.status).toBe(409);
    expect(existing.body.error.code).toBe('deal_exists');
  });
});
