/**
 * How an expense claim's decisions move: submitted, then approved, partial or rejected, then paid
 * (from approved or partial only). Nothing moves backwards, so a late or repeated decision leaves
 * the state it finds. Amounts: approved is the total; partial above zero and below it; paid pays
 * exactly the approved amount.
 */
import { Decimal } from '../records/decimal-string.ts';
import type { ExpenseClaim, ExpenseDecisionStatus, ExpenseStatus } from '../store/fund-store.ts';

export type DecisionCheck =
  { ok: true } | { ok: false; kind: 'state' | 'amount'; field?: string; detail: string };

const badAmount = (field: string, detail: string): DecisionCheck => ({
  ok: false,
  kind: 'amount',
  field,
  detail,
});

/** Whether a claim in `from` may move to `to`. */
export function mayMove(from: ExpenseStatus, to: ExpenseDecisionStatus): boolean {
  if (from === 'submitted') return true;
  if (from === 'approved' || from === 'partial') return to === 'paid';
  return false;
}

/** The approved amount of an approved or partial decision, against the claim's total. */
export function checkApprovedAmount(
  status: 'approved' | 'partial',
  amount: string,
  total: string,
): DecisionCheck {
  const a = new Decimal(amount);
  if (status === 'approved' && !a.equals(total)) {
    return badAmount(
      'approvedAmount',
      `an approved claim is approved in full (${total}); use partial for less`,
    );
  }
  if (status === 'partial' && (a.lessThanOrEqualTo(0) || a.greaterThanOrEqualTo(total))) {
    return badAmount(
      'approvedAmount',
      `a partial approval is above zero and below the total, ${total}`,
    );
  }
  return { ok: true };
}

/**
 * Judges a decision arriving at the claimant (newer than the one held): the move must go
 * forward and its amounts fit the claim. A paid decision may arrive before the approval it
 * follows (it carries the approved amount), so it moves a submitted claim straight to paid.
 */
export function checkIncomingDecision(
  claim: Pick<ExpenseClaim, 'status' | 'total' | 'approvedAmount'>,
  d: { status: ExpenseDecisionStatus; approvedAmount?: string; paidAmount?: string },
): DecisionCheck {
  if (!mayMove(claim.status, d.status)) {
    return { ok: false, kind: 'state', detail: `the claim is ${claim.status}` };
  }
  if (d.status === 'rejected') return { ok: true };
  if (d.approvedAmount === undefined) return badAmount('approvedAmount', 'no approved amount');
  if (d.status === 'paid') {
    if (d.paidAmount === undefined || !new Decimal(d.paidAmount).equals(d.approvedAmount)) {
      return badAmount('paidAmount', 'the paid amount is the approved amount');
    }
    if (
      claim.approvedAmount !== null &&
      !new Decimal(claim.approvedAmount).equals(d.approvedAmount)
    ) {
      return badAmount('approvedAmount', `the claim was approved for ${claim.approvedAmount}`);
    }
    if (new Decimal(d.approvedAmount).greaterThan(claim.total)) {
      return badAmount('approvedAmount', `more than the total, ${claim.total}`);
    }
    return { ok: true };
  }
  return checkApprovedAmount(d.status, d.approvedAmount, claim.total);
}
