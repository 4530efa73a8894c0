/**
 * Fund balances, computed exactly from an allocation and the claims against it (decimal.js, never
 * JavaScript numbers):
 *   allocated  the allocation's amount
 *   claimed    submitted claims, awaiting a decision
 *   approved   approved or partial claims not yet paid (their approved amounts)
 *   paid       paid claims (their paid amounts)
 *   available  allocated − claimed − approved − paid
 * A rejected claim takes nothing; a partial one takes its approved amount, freeing the rest.
 * A withdrawn allocation releases what no claim holds: its allocated amount becomes what its
 * claims hold, so nothing is available and the identity above still holds.
 */
import { Decimal, scaleOf } from '../records/decimal-string.ts';
import type { ExpenseClaim, FundAllocation } from '../store/fund-store.ts';

export interface Balance {
  currency: string;
  allocated: string;
  claimed: string;
  approved: string;
  paid: string;
  available: string;
}

type ClaimAmounts = Pick<
  ExpenseClaim,
  'allocationId' | 'status' | 'total' | 'approvedAmount' | 'paidAmount'
>;
type AllocationAmounts = Pick<
  FundAllocation,
  'allocationId' | 'amount' | 'currency' | 'withdrawnAt'
>;

type D = InstanceType<typeof Decimal>;

const ZERO = new Decimal(0);

interface Sums {
  allocated: D;
  claimed: D;
  approved: D;
  paid: D;
  scale: number;
}

function claimSums(claims: readonly ClaimAmounts[]): Omit<Sums, 'allocated'> {
  let claimed = ZERO;
  let approved = ZERO;
  let paid = ZERO;
  let scale = 0;
  for (const c of claims) {
    scale = Math.max(scale, scaleOf(c.total));
    if (c.status === 'submitted') claimed = claimed.plus(c.total);
    if (c.status === 'approved' || c.status === 'partial') {
      approved = approved.plus(c.approvedAmount ?? c.total);
    }
    if (c.status === 'paid') paid = paid.plus(c.paidAmount ?? c.approvedAmount ?? c.total);
  }
  return { claimed, approved, paid, scale };
}

function sumsOf(allocation: AllocationAmounts, claims: readonly ClaimAmounts[]): Sums {
  const held = claimSums(claims.filter((c) => c.allocationId === allocation.allocationId));
  const committed = held.claimed.plus(held.approved).plus(held.paid);
  return {
    ...held,
    allocated: allocation.withdrawnAt !== null ? committed : new Decimal(allocation.amount),
    scale: Math.max(held.scale, scaleOf(allocation.amount)),
  };
}

function toBalance(currency: string, s: Sums): Balance {
  const fixed = (d: D) => d.toFixed(s.scale);
  return {
    currency,
    allocated: fixed(s.allocated),
    claimed: fixed(s.claimed),
    approved: fixed(s.approved),
    paid: fixed(s.paid),
    available: fixed(s.allocated.minus(s.claimed).minus(s.approved).minus(s.paid)),
  };
}

/** One allocation's balance; `claims` may hold claims on other allocations (they are skipped). */
export function allocationBalance(
  allocation: AllocationAmounts,
  claims: readonly ClaimAmounts[],
): Balance {
  return toBalance(allocation.currency, sumsOf(allocation, claims));
}

/** What the claims on an allocation hold (claimed + approved + paid), as a decimal. */
export function committedOf(allocation: AllocationAmounts, claims: readonly ClaimAmounts[]): D {
  const s = claimSums(claims.filter((c) => c.allocationId === allocation.allocationId));
  return s.claimed.plus(s.approved).plus(s.paid);
}

/** A partner's balances, one per currency (amounts in different currencies never add up). */
export function partnerBalances(
  allocations: readonly AllocationAmounts[],
  claims: readonly ClaimAmounts[],
): Balance[] {
  const byCurrency = new Map<string, Sums>();
  for (const allocation of allocations) {
    const s = sumsOf(allocation, claims);
    const sum = byCurrency.get(allocation.currency);
    byCurrency.set(
      allocation.currency,
      sum
        ? {
            allocated: sum.allocated.plus(s.allocated),
            claimed: sum.claimed.plus(s.claimed),
            approved: sum.approved.plus(s.approved),
            paid: sum.paid.plus(s.paid),
            scale: Math.max(sum.scale, s.scale),
          }
        : s,
    );
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, s]) => toBalance(currency, s));
}
