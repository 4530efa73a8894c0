/**
 * The rules an expense claim must meet against its allocation. The partner's node checks them
 * before sending (so the operator hears at once), and the vendor checks them again on arrival
 * against its own balances, which are the ones that count (the partner's view may be stale).
 * Each refusal has a stable code; the vendor answers it with expense.decision rejected carrying
 * that code as `reasonCode`.
 */
import { Decimal } from '../records/decimal-string.ts';
import type { ClaimFields, ExpenseClaim, FundAllocation } from '../store/fund-store.ts';
import { allocationBalance } from './balance.ts';

export const REFUSAL_CODES = [
  'claim_over_balance',
  'claim_past_deadline',
  'invoice_outside_validity',
  'activity_not_eligible',
  'currency_mismatch',
  'total_mismatch',
  'allocation_withdrawn',
  'unknown_code',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type ClaimCheck =
  { ok: true } | { ok: false; code: RefusalCode; field: string; detail: string };

const refuse = (code: RefusalCode, field: string, detail: string): ClaimCheck => ({
  ok: false,
  code,
  field,
  detail,
});

/** The sum of the lines, written with as many decimals as the most precise line. */
export function lineSum(lines: readonly { amount: string }[]): string {
  const scale = Math.max(0, ...lines.map((l) => (l.amount.split('.')[1] ?? '').length));
  return lines.reduce((s, l) => s.plus(l.amount), new Decimal(0)).toFixed(scale);
}

/** The UTC day of a time, as an RFC 3339 full-date (full-dates compare as strings). */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * Judges a claim filed at `filedAt` against `allocation`, given the claims already held on it
 * (`held`, of any allocation; the claim itself must not be among them). The invoice must be
 * dated within the allocation's validity (validFrom..validTo: an activity after validTo is not
 * covered), and filed no later than the claim deadline (UTC days).
 */
export function checkClaim(
  allocation: FundAllocation,
  held: readonly ExpenseClaim[],
  claim: ClaimFields,
  filedAt: Date,
): ClaimCheck {
  if (allocation.withdrawnAt !== null) {
    return refuse('allocation_withdrawn', 'allocationId', 'the allocation was withdrawn');
  }
  if (claim.currency !== allocation.currency) {
    return refuse(
      'currency_mismatch',
      'currency',
      `the allocation is in ${allocation.currency}, the claim in ${claim.currency}`,
    );
  }
  if (!allocation.activities.includes(claim.activity)) {
    return refuse(
      'activity_not_eligible',
      'activity',
      `${claim.activity} is not one of the allocation's activities: ${allocation.activities.join(', ')}`,
    );
  }
  const sum = lineSum(claim.lines);
  if (!new Decimal(sum).equals(claim.total)) {
    return refuse(
      'total_mismatch',
      'total',
      `the total ${claim.total} is not the sum of the lines, ${sum}`,
    );
  }
  if (utcDay(filedAt) > allocation.claimDeadline) {
    return refuse(
      'claim_past_deadline',
      'invoiceDate',
      `claims were due by ${allocation.claimDeadline}`,
    );
  }
  if (
    claim.invoiceDate > allocation.validTo ||
    (allocation.validFrom !== null && claim.invoiceDate < allocation.validFrom)
  ) {
    return refuse(
      'invoice_outside_validity',
      'invoiceDate',
      `the invoice date must be within ${allocation.validFrom ?? 'the start'} to ${allocation.validTo}`,
    );
  }
  const { available } = allocationBalance(allocation, held);
  if (new Decimal(available).lessThan(claim.total)) {
    return refuse(
      'claim_over_balance',
      'total',
      `the claim of ${claim.total} ${claim.currency} exceeds the available ${available} ${allocation.currency}`,
    );
  }
  return { ok: true };
}
