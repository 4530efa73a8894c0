/**
 * Marketing funds between real nodes: an allocation arrives; claims approved, partially approved
 * and paid, with the same balances on both sides; a claim over the balance refused by the
 * partner's own node (nothing sent) and, crafted straight to the vendor, rejected there with a
 * reasonCode; duplicates, late and out-of-order decisions that leave the same state; kinds a
 * partner may not send; a claim after the deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRows, postToInbox, signedFrom } from '../support/federation.ts';
import { eventually, removeTestDirs } from '../support/test-node.ts';
import {
  balanceOn,
  call,
  createFundNodes,
  dayAfter,
  settle,
  type FundNodes,
} from './fund-nodes.ts';

const START = new Date('2027-03-01T09:00:00Z');
let t: FundNodes;
let allocationId: string;

beforeAll(async () => {
  t = await createFundNodes(START);
});
afterAll(async () => {
  await t.stop();
  await removeTestDirs();
});

const ALLOCATION = {
  amount: '5000.00',
  currency: 'EUR',
  validFrom: '2027-01-01',
  validTo: '2027-06-30',
  claimDeadline: '2027-07-31',
  activities: ['trade_show', 'online_ads'],
  note: 'H1 co-marketing',
};

function claimInput(total: string, extra: object = {}) {
  return {
    allocation: allocationId,
    invoiceNumber: `INV-${total}`,
    invoiceDate: '2027-02-20',
    activity: 'trade_show',
    lines: [{ description: 'Booth', amount: total }],
    total,
    proof: [{ sha256: 'a'.repeat(64), name: 'invoice.pdf', size: 1200 }],
    ...extra,
  };
}

async function fileOnP1(total: string, extra: object = {}): Promise<any> {
  const claim = await call(t.p1, 'POST', '/funds/claims', claimInput(total, extra));
  await settle(t.p1);
  return claim;
}

async function decide(claimId: string, decision: object): Promise<any> {
  const claim = await call(t.vendor, 'POST', `/funds/claims/${claimId}/decision`, decision);
  await settle(t.vendor);
  return claim;
}

describe('marketing funds', () => {
  it('an allocation reaches its partner only', async () => {
    const { vendor, p1, p2 } = t;
    const made = await call(vendor, 'POST', '/funds/allocations', {
      partner: t.idOf(vendor, p1),
      ...ALLOCATION,
    });
    allocationId = made.allocationId;
    expect(made).toMatchObject({
      owner: 'self',
      version: 1,
      balance: { allocated: '5000.00', available: '5000.00' },
    });
    await settle(vendor);
    const onP1 = await call(p1, 'GET', `/funds/allocations/${allocationId}`);
    expect(onP1).toMatchObject({
      owner: 'partner',
      partner: { nodeId: vendor.url },
      amount: '5000.00',
      activities: ['trade_show', 'online_ads'],
      claimDeadline: '2027-07-31',
      claims: [],
    });
    expect((await p2.api('GET', `/funds/allocations/${allocationId}`)).status).toBe(404);
  });

  it('a claim approved, another partially: the same balances on both sides', async () => {
    const { vendor, p1 } = t;
    const first = await fileOnP1('2220.50', {
      lines: [
        { description: 'Booth rental', amount: '1800.00' },
        { description: 'Brochures', amount: '420.50' },
      ],
    });
    expect(first).toMatchObject({ owner: 'self', status: 'submitted', currency: 'EUR' });
    expect(await call(vendor, 'GET', `/funds/claims/${first.claimId}`)).toMatchObject({
      owner: 'partner',
      status: 'submitted',
      total: '2220.50',
      proof: [{ sha256: 'a'.repeat(64), name: 'invoice.pdf', size: 1200 }],
    });
    expect(await balanceOn(vendor, t.idOf(vendor, p1))).toMatchObject({
      claimed: '2220.50',
      available: '2779.50',
    });

    await decide(first.claimId, { status: 'approved' });
    expect(await call(p1, 'GET', `/funds/claims/${first.claimId}`)).toMatchObject({
      status: 'approved',
      approvedAmount: '2220.50',
    });

    const second = await fileOnP1('1000.00');
    // A partial approval needs an amount below the total and a reason.
    const noReason = await vendor.api('POST', `/funds/claims/${second.claimId}/decision`, {
      status: 'partial',
      approvedAmount: '600.00',
    });
    expect(noReason).toMatchObject({ status: 400, body: { error: { field: 'reason' } } });
    const full = await vendor.api('POST', `/funds/claims/${second.claimId}/decision`, {
      status: 'partial',
      approvedAmount: '1000.00',
      reason: 'x',
    });
    expect(full).toMatchObject({ status: 400, body: { error: { field: 'approvedAmount' } } });
    await decide(second.claimId, {
      status: 'partial',
      approvedAmount: '600.00',
      reason: 'Catering is not eligible.',
    });
    expect(await call(p1, 'GET', `/funds/claims/${second.claimId}`)).toMatchObject({
      status: 'partial',
      approvedAmount: '600.00',
      reason: 'Catering is not eligible.',
    });

    const expected = {
      currency: 'EUR',
      allocated: '5000.00',
      claimed: '0.00',
      approved: '2820.50',
      paid: '0.00',
      available: '2179.50',
    };
    expect(await balanceOn(vendor, t.idOf(vendor, p1))).toEqual(expected);
    expect(await balanceOn(p1, t.idOf(p1, vendor))).toEqual(expected);
    expect((await call(p1, 'GET', `/funds/allocations/${allocationId}`)).balance).toEqual(expected);
  });

  it('a claim over the balance: refused by the partner node, and rejected by the vendor', async () => {
    const { vendor, p1 } = t;
    const before = (await outboundRows(p1)).length;
    const over = await p1.api('POST', '/funds/claims', claimInput('2179.51'));
    expect(over).toMatchObject({ status: 409, body: { error: { code: 'claim_over_balance' } } });
    const mismatch = await p1.api('POST', '/funds/claims', {
      ...claimInput('10.00'),
      total: '10.01',
    });
    expect(mismatch).toMatchObject({
      status: 400,
      body: { error: { code: 'total_mismatch', field: 'total' } },
    });
    const ineligible = await p1.api('POST', '/funds/claims', claimInput('5', { activity: 'tv' }));
    expect(ineligible.body.error.code).toBe('activity_not_eligible');
    const currency = await p1.api('POST', '/funds/claims', claimInput('5', { currency: 'USD' }));
    expect(currency.body.error.code).toBe('currency_mismatch');
    const late = await p1.api(
      'POST',
      '/funds/claims',
      claimInput('5', { invoiceDate: '2027-07-01' }),
    );
    expect(late.body.error.code).toBe('invoice_outside_validity');
    expect((await outboundRows(p1)).length).toBe(before);
    expect((await call(p1, 'GET', '/funds/claims')).claims).toHaveLength(2);

    // Crafted straight to the vendor: recorded, and answered at once with the reason code.
    const claimId = 'crafted-over-1';
    const crafted = await signedFrom(p1, vendor, 'expense.claim', {
      claim: {
        id: claimId,
        allocationId,
        invoiceNumber: 'X-1',
        invoiceDate: '2027-02-21',
        activity: 'online_ads',
        lines: [{ description: 'Ads', amount: '3000' }],
        total: '3000',
        currency: 'EUR',
        proof: [],
      },
    });
    const [result] = (await postToInbox(vendor, [crafted.jws])).body.results;
    expect(result).toMatchObject({ status: 'accepted' });
    expect(await call(vendor, 'GET', `/funds/claims/${claimId}`)).toMatchObject({
      status: 'rejected',
      reasonCode: 'claim_over_balance',
    });
    const answer = (await outboundRows(vendor)).find(
      (r) => r.kind === 'expense.decision' && (r.body as any).claimId === claimId,
    );
    expect(answer).toMatchObject({
      ref: crafted.message.id,
      body: { status: 'rejected', reasonCode: 'claim_over_balance', version: 1 },
    });
    // The rejected claim takes nothing from the balance.
    expect((await balanceOn(vendor, t.idOf(vendor, p1))).available).toBe('2179.50');

    // The same claim id again: the same content changes nothing, other content is a conflict.
    const again = await signedFrom(p1, vendor, 'expense.claim', crafted.message.body);
    const changed = await signedFrom(p1, vendor, 'expense.claim', {
      claim: { ...(crafted.message.body as any).claim, invoiceNumber: 'X-2' },
    });
    const results = (await postToInbox(vendor, [again.jws, changed.jws])).body.results;
    expect(results.map((r: any) => r.status)).toEqual(['accepted', 'rejected']);
    expect(results[1].code).toBe('conflict');
  });

  it('a claim against another partner’s allocation is forbidden', async () => {
    const crafted = await signedFrom(t.p2, t.vendor, 'expense.claim', {
      claim: {
        id: 'p2-steal',
        allocationId,
        invoiceNumber: 'S-1',
        invoiceDate: '2027-02-21',
        activity: 'online_ads',
        lines: [{ description: 'Ads', amount: '1' }],
        total: '1',
        currency: 'EUR',
        proof: [],
      },
    });
    const [result] = (await postToInbox(t.vendor, [crafted.jws])).body.results;
    expect(result).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('paid only after an approval; a repeated decision changes nothing', async () => {
    const { vendor, p1 } = t;
    const [second, first] = (await call(p1, 'GET', '/funds/claims?owner=self')).claims;
    await decide(first.claimId, { status: 'paid', paymentReference: 'SEPA-2027-0042' });
    await decide(second.claimId, { status: 'paid' });
    expect(await call(p1, 'GET', `/funds/claims/${first.claimId}`)).toMatchObject({
      status: 'paid',
      paidAmount: '2220.50',
      paymentReference: 'SEPA-2027-0042',
    });
    const again = await call(vendor, 'POST', `/funds/claims/${first.claimId}/decision`, {
      status: 'paid',
    });
    expect(again.decisionVersion).toBe(2);
    const reject = await vendor.api('POST', `/funds/claims/${first.claimId}/decision`, {
      status: 'rejected',
      reason: 'no',
    });
    expect(reject).toMatchObject({ status: 409, body: { error: { code: 'claim_decided' } } });

    const third = await fileOnP1('100.00');
    const early = await vendor.api('POST', `/funds/claims/${third.claimId}/decision`, {
      status: 'paid',
    });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'claim_not_approved' } } });

    const expected = {
      currency: 'EUR',
      allocated: '5000.00',
      claimed: '100.00',
      approved: '0.00',
      paid: '2820.50',
      available: '2079.50',
    };
    expect(await balanceOn(vendor, t.idOf(vendor, p1))).toEqual(expected);
    expect(await balanceOn(p1, t.idOf(p1, vendor))).toEqual(expected);
  });

  it('out-of-order and late decisions leave the same state on both sides', async () => {
    const { vendor, p2 } = t;
    const made = await call(vendor, 'POST', '/funds/allocations', {
      partner: t.idOf(vendor, p2),
      ...ALLOCATION,
      amount: '800',
    });
    await settle(vendor);
    const filed = await call(p2, 'POST', '/funds/claims', {
      ...claimInput('300'),
      allocation: made.allocationId,
    });
    await settle(p2);
    // The vendor's paid (version 2) arrives before its approval (version 1), and again.
    const paid = {
      claimId: filed.claimId,
      status: 'paid',
      approvedAmount: '300',
      paidAmount: '300',
      version: 2,
    };
    const approved = {
      claimId: filed.claimId,
      status: 'approved',
      approvedAmount: '300',
      version: 1,
    };
    const jws = await Promise.all(
      [paid, approved, paid].map(
        async (b) => (await signedFrom(vendor, p2, 'expense.decision', b)).jws,
      ),
    );
    const results = (await postToInbox(p2, jws)).body.results;
    expect(results.map((r: any) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await call(p2, 'GET', `/funds/claims/${filed.claimId}`)).toMatchObject({
      status: 'paid',
      decisionVersion: 2,
    });
    // A decision moving backwards from paid is refused.
    const backwards = await signedFrom(vendor, p2, 'expense.decision', {
      claimId: filed.claimId,
      status: 'rejected',
      reason: 'no',
      version: 3,
    });
    expect((await postToInbox(p2, [backwards.jws])).body.results[0]).toMatchObject({
      status: 'rejected',
      code: 'conflict',
    });
    // The vendor's real decisions (versions 1 and 2) then arrive late: nothing changes.
    await decide(filed.claimId, { status: 'approved' });
    await decide(filed.claimId, { status: 'paid' });
    const onVendor = await call(vendor, 'GET', `/funds/claims/${filed.claimId}`);
    const onP2 = await call(p2, 'GET', `/funds/claims/${filed.claimId}`);
    for (const view of [onVendor, onP2]) {
      expect(view).toMatchObject({ status: 'paid', approvedAmount: '300', paidAmount: '300' });
    }
    expect(await balanceOn(p2, t.idOf(p2, vendor))).toEqual(
      await balanceOn(vendor, t.idOf(vendor, p2)),
    );
  });

  it('a partner may not send fund.allocation or expense.decision', async () => {
    const { vendor, p1 } = t;
    const allocation = await signedFrom(p1, vendor, 'fund.allocation', {
      allocation: { id: 'fake', ...ALLOCATION, validFrom: undefined },
      version: 1,
    });
    const decision = await signedFrom(p1, vendor, 'expense.decision', {
      claimId: 'crafted-over-1',
      status: 'approved',
      approvedAmount: '3000',
      version: 9,
    });
    const results = (await postToInbox(vendor, [allocation.jws, decision.jws])).body.results;
    expect(results.map((r: any) => r.code)).toEqual(['forbidden', 'forbidden']);
    expect((await call(vendor, 'GET', '/funds/claims/crafted-over-1')).status).toBe('rejected');
  });

  it('an amendment reaches the partner; a withdrawn allocation takes no new claims', async () => {
    const { vendor, p1 } = t;
    const below = await vendor.api('PATCH', `/funds/allocations/${allocationId}`, {
      amount: '2000',
    });
    expect(below).toMatchObject({
      status: 409,
      body: { error: { code: 'allocation_below_committed' } },
    });
    await call(vendor, 'PATCH', `/funds/allocations/${allocationId}`, {
      amount: '6000.00',
      activities: ['trade_show', 'online_ads', 'print'],
    });
    await settle(vendor);
    const onP1 = await call(p1, 'GET', `/funds/allocations/${allocationId}`);
    expect(onP1).toMatchObject({
      version: 2,
      amount: '6000.00',
      balance: { available: '3079.50' },
    });
    await fileOnP1('50.00', { activity: 'print' });

    const p2Allocation = (
      await call(vendor, 'GET', `/funds/allocations?partner=${t.idOf(vendor, t.p2)}`)
    ).allocations[0];
    await call(vendor, 'POST', `/funds/allocations/${p2Allocation.id}/withdraw`, {
      reason: 'Budget cut',
    });
    await settle(vendor);
    const onP2 = await call(t.p2, 'GET', `/funds/allocations/${p2Allocation.allocationId}`);
    expect(onP2).toMatchObject({ withdrawn: true, withdrawnReason: 'Budget cut' });
    // Only the paid 300 stays; the rest is released.
    expect(onP2.balance).toMatchObject({ allocated: '300', paid: '300', available: '0' });
    const refused = await t.p2.api('POST', '/funds/claims', {
      ...claimInput('1'),
      allocation: p2Allocation.allocationId,
    });
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { code: 'allocation_withdrawn' } },
    });
  });

  it('a claim after the deadline is refused on both sides', async () => {
    const { vendor, p1 } = t;
    t.clock.set(new Date('2027-08-01T00:00:01Z'));
    const late = await p1.api('POST', '/funds/claims', claimInput('10.00'));
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'claim_past_deadline' } } });
    const crafted = await signedFrom(p1, vendor, 'expense.claim', {
      claim: {
        id: 'late-1',
        ...claimInput('10.00'),
        allocation: undefined,
        allocationId,
        currency: 'EUR',
      },
    });
    await postToInbox(vendor, [crafted.jws]);
    expect(await call(vendor, 'GET', '/funds/claims/late-1')).toMatchObject({
      status: 'rejected',
      reasonCode: 'claim_past_deadline',
    });
    // A sentAt backdated to before the deadline (inside the replay window) changes nothing: the
    // vendor judges the deadline by when it received the claim (issue #14, finding 3).
    const backdated = await signedFrom(
      p1,
      vendor,
      'expense.claim',
      {
        claim: {
          id: 'late-2',
          ...claimInput('10.00'),
          allocation: undefined,
          allocationId,
          currency: 'EUR',
        },
      },
      { sentAt: '2027-07-31T23:00:00Z' },
    );
    expect((await postToInbox(vendor, [backdated.jws])).body.results[0].status).toBe('accepted');
    expect(await call(vendor, 'GET', '/funds/claims/late-2')).toMatchObject({
      status: 'rejected',
      reasonCode: 'claim_past_deadline',
    });
    // The last moment of the deadline day still counts.
    t.clock.set(new Date('2027-07-31T23:59:59Z'));
    await fileOnP1('10.00');
    await eventually(
      async () => (await call(vendor, 'GET', '/funds/claims?status=submitted')).claims.length === 3,
    );
  });

  it('refuses a claim whose proof files total more than maxProofBytesPerClaim (issue #14, 8)', async () => {
    const { vendor, p1 } = t;
    const claim = (id: string, size: number) =>
      signedFrom(p1, vendor, 'expense.claim', {
        claim: {
          id,
          ...claimInput('0.01'),
          allocation: undefined,
          allocationId,
          currency: 'EUR',
          proof: [
            { sha256: 'b'.repeat(64), name: 'a.pdf', size },
            { sha256: 'c'.repeat(64), name: 'b.pdf', size },
          ],
        },
      });
    const res = await postToInbox(vendor, [
      (await claim('proof-big', 12_500_000)).jws,
      (await claim('proof-ok', 1_000_000)).jws,
    ]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
    expect(res.body.results[0].message).toMatch(/^proof_too_large/);
    expect(res.body.results[1].status).toBe('accepted');
    expect((await vendor.api('GET', '/funds/claims/proof-big')).status).toBe(404);
  });
});
