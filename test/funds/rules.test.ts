import { describe, expect, it } from 'vitest';
import { checkClaim } from '../../node/funds/claim-rules.ts';
import { checkIncomingDecision, mayMove } from '../../node/funds/decision-rules.ts';
import type { ClaimFields, ExpenseClaim, FundAllocation } from '../../node/store/fund-store.ts';

const ALLOCATION = {
  allocationId: 'a1',
  amount: '100',
  currency: 'EUR',
  validFrom: '2027-01-01',
  validTo: '2027-03-31',
  claimDeadline: '2027-04-30',
  activities: ['print', 'events'],
  withdrawnAt: null,
} as unknown as FundAllocation;

const CLAIM: ClaimFields = {
  allocationId: 'a1',
  invoiceNumber: 'I-1',
  invoiceDate: '2027-02-01',
  activity: 'print',
  lines: [
    { description: 'a', amount: '30.25' },
    { description: 'b', amount: '19.75' },
  ],
  total: '50.00',
  currency: 'EUR',
  proof: [],
};
const FILED = new Date('2027-04-30T23:59:59Z');
const held = (total: string, status = 'submitted') =>
  ({ allocationId: 'a1', total, status, approvedAmount: null, paidAmount: null }) as ExpenseClaim;

const codeOf = (over: Partial<ClaimFields>, at = FILED, claims: ExpenseClaim[] = []) => {
  const r = checkClaim(ALLOCATION, claims, { ...CLAIM, ...over }, at);
  return r.ok ? 'ok' : r.code;
};

describe('funds › claim rules', () => {
  it('accepts a claim that fits, up to the last unit available', () => {
    expect(codeOf({})).toBe('ok');
    expect(codeOf({}, FILED, [held('50')])).toBe('ok');
    expect(codeOf({}, FILED, [held('50.01')])).toBe('claim_over_balance');
    expect(codeOf({}, FILED, [held('80', 'rejected')])).toBe('ok');
  });

  it('refuses each broken rule with its code', () => {
    expect(codeOf({ total: '50.01' })).toBe('total_mismatch');
    expect(codeOf({ currency: 'USD' })).toBe('currency_mismatch');
    expect(codeOf({ activity: 'tv' })).toBe('activity_not_eligible');
    expect(codeOf({}, new Date('2027-05-01T00:00:00Z'))).toBe('claim_past_deadline');
    expect(codeOf({ invoiceDate: '2027-04-01' })).toBe('invoice_outside_validity');
    expect(codeOf({ invoiceDate: '2026-12-31' })).toBe('invoice_outside_validity');
    const withdrawn = { ...ALLOCATION, withdrawnAt: new Date() };
    const r = checkClaim(withdrawn, [], CLAIM, FILED);
    expect(r).toMatchObject({ ok: false, code: 'allocation_withdrawn' });
  });

  it('compares the total with the lines as decimals, not as text', () => {
    expect(codeOf({ total: '50' })).toBe('ok');
    expect(
      codeOf({
        lines: [
          { description: 'a', amount: '0.1' },
          { description: 'b', amount: '0.2' },
        ],
        total: '0.3',
      }),
    ).toBe('ok');
  });
});

describe('funds › decision rules', () => {
  it('moves forward only', () => {
    expect(mayMove('submitted', 'rejected')).toBe(true);
    expect(mayMove('approved', 'paid')).toBe(true);
    expect(mayMove('partial', 'paid')).toBe(true);
    expect(mayMove('approved', 'rejected')).toBe(false);
    expect(mayMove('rejected', 'paid')).toBe(false);
    expect(mayMove('paid', 'approved')).toBe(false);
  });

  it('judges the amounts of an arriving decision', () => {
    const claim = { status: 'submitted' as const, total: '100', approvedAmount: null };
    const ok = (d: object) => checkIncomingDecision(claim, d as any).ok;
    expect(ok({ status: 'approved', approvedAmount: '100.00' })).toBe(true);
    expect(ok({ status: 'approved', approvedAmount: '99' })).toBe(false);
    expect(ok({ status: 'partial', approvedAmount: '99' })).toBe(true);
    expect(ok({ status: 'partial', approvedAmount: '0' })).toBe(false);
    expect(ok({ status: 'partial', approvedAmount: '100' })).toBe(false);
    expect(ok({ status: 'paid', approvedAmount: '99', paidAmount: '99' })).toBe(true);
    expect(ok({ status: 'paid', approvedAmount: '99', paidAmount: '98' })).toBe(false);
    expect(ok({ status: 'paid', approvedAmount: '101', paidAmount: '101' })).toBe(false);
    const partial = { status: 'partial' as const, total: '100', approvedAmount: '60' };
    expect(
      checkIncomingDecision(partial, { status: 'paid', approvedAmount: '60', paidAmount: '60' }).ok,
    ).toBe(true);
    expect(
      checkIncomingDecision(partial, { status: 'paid', approvedAmount: '70', paidAmount: '70' }).ok,
    ).toBe(false);
  });
});
