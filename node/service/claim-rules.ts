/** What may happen to a warranty claim in each state, and whether a decision fits the claim. */
import { compareDecimals } from '../records/decimal-string.ts';
import type { ClaimStatus, DecisionStatus, WarrantyClaim } from '../store/service-store.ts';

/** Approved, partial and rejected are final; a submitted claim or one awaiting info may change. */
export function isFinal(status: ClaimStatus): boolean {
  return status === 'approved' || status === 'partial' || status === 'rejected';
}

/** The claimant may file a new version while the vendor has not decided for good. */
export function mayAmend(status: ClaimStatus): boolean {
  return !isFinal(status);
}

export type AmountCheck = { ok: true } | { ok: false; problem: string };

/**
 * approved and partial carry an amount of at most the amount claimed (compared as decimals);
 * rejected and more_info carry none.
 */
export function checkApprovedAmount(
  status: DecisionStatus,
  approvedAmount: string | undefined,
  claimedAmount: string,
): AmountCheck {
  const paying = status === 'approved' || status === 'partial';
  if (!paying) {
    return approvedAmount === undefined
      ? { ok: true }
      : { ok: false, problem: `a ${status} decision carries no approved amount` };
  }
  if (approvedAmount === undefined) {
    return { ok: false, problem: `a ${status} decision needs the approved amount` };
  }
  if (compareDecimals(approvedAmount, claimedAmount) > 0) {
    return {
      ok: false,
      problem: `the approved amount ${approvedAmount} exceeds the amount claimed, ${claimedAmount}`,
    };
  }
  return { ok: true };
}

/**
 * The claimant's status after a decision arrives. A request for more information about a version
 * we have since replaced is already answered: the claim stays submitted (the vendor's copy turns
 * submitted when our new version arrives). A final decision stands whatever version it decided.
 */
export function statusAfterDecision(
  claim: Pick<WarrantyClaim, 'version' | 'status'>,
  decision: { status: DecisionStatus; claimVersion: number },
): ClaimStatus {
  if (decision.status === 'more_info' && decision.claimVersion < claim.version) return claim.status;
  return decision.status;
}
