import { describe, expect, it } from 'vitest';
import { allocationBalance, partnerBalances } from '../../node/funds/balance.ts';
import type { ExpenseClaim, FundAllocation } from '../../node/store/fund-store.ts';

const allocation = (over: Partial<FundAllocation> = {}) =>
  ({
    allocationId: 'a1',
    amount: '1000.00',
    currency: 'EUR',
    withdrawnAt: null,
    ...over,
  }) as FundAllocation;
const claim = (over: Partial<ExpenseClaim>) =>
  ({
    allocationId: 'a1',
    status: 'submitted',
    total: '0',
    approvedAmount: null,
    paidAmount: null,
    ...over,
  }) as ExpenseClaim;

describe('funds › balance', () => {
  it('splits an allocation into claimed, approved, paid and available, exactly', () => {
    const claims = [
      claim({ total: '0.10' }),
      claim({ total: '0.20' }),
      claim({ status: 'approved', total: '100.05', approvedAmount: '100.05' }),
      claim({ status: 'partial', total: '300', approvedAmount: '120.5' }),
      claim({ status: 'rejected', total: '999' }),
      claim({ status: 'paid', total: '50', approvedAmount: '50', paidAmount: '50' }),
      claim({ allocationId: 'other', total: '400' }),
    ];
    expect(allocationBalance(allocation(), claims)).toEqual({
      currency: 'EUR',
      allocated: '1000.00',
      claimed: '0.30',
      approved: '220.55',
      paid: '50.00',
      available: '729.15',
    });
  });

  it('releases what no claim holds when the allocation is withdrawn', () => {
    const claims = [claim({ total: '10' }), claim({ status: 'paid', total: '5', paidAmount: '5' })];
    expect(allocationBalance(allocation({ withdrawnAt: new Date() }), claims)).toMatchObject({
      allocated: '15.00',
      available: '0.00',
    });
  });

  it('sums a partner per currency, never across currencies', () => {
    const allocations = [
      allocation(),
      allocation({ allocationId: 'a2', amount: '50', currency: 'USD' }),
      allocation({ allocationId: 'a3', amount: '0.5' }),
    ];
    const claims = [claim({ total: '1' }), claim({ allocationId: 'a2', total: '20' })];
    expect(partnerBalances(allocations, claims)).toEqual([
      {
        currency: 'EUR',
        allocated: '1000.50',
        claimed: '1.00',
        approved: '0.00',
        paid: '0.00',
        available: '999.50',
      },
      {
        currency: 'USD',
        allocated: '50',
        claimed: '20',
        approved: '0',
        paid: '0',
        available: '30',
      },
    ]);
  });

  it('never rounds long decimals', () => {
    const b = allocationBalance(allocation({ amount: '12345678901234567890.123456789' }), [
      claim({ total: '0.000000001' }),
    ]);
    expect(b.available).toBe('12345678901234567890.123456788');
  });
});
