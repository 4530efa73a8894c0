/**
 * The marketing funds domain's message bodies as TypeScript types (their JSON Schemas in
 * `schemas/` are the judge of what arrives), and the conversions between them and stored fields.
 */
import type {
  AllocationFields,
  ClaimDecisionState,
  ClaimFields,
  ExpenseDecisionStatus,
  ExpenseLine,
  ProofRef,
} from '../store/fund-store.ts';

export const ALLOCATION_KIND = 'fund.allocation';
export const CLAIM_KIND = 'expense.claim';
export const DECISION_KIND = 'expense.decision';
/** The record kind of an allocation in record.withdraw. */
export const ALLOCATION_RECORD_KIND = 'fund_allocation';

export interface FundAllocationBody {
  allocation: {
    id: string;
    amount: string;
    currency: string;
    validFrom?: string;
    validTo: string;
    claimDeadline: string;
    activities: string[];
    note?: string;
  };
  version: number;
}

export interface ExpenseClaimBody {
  claim: {
    id: string;
    allocationId: string;
    invoiceNumber: string;
    invoiceDate: string;
    activity: string;
    lines: ExpenseLine[];
    total: string;
    currency: string;
    proof: ProofRef[];
  };
}

export interface ExpenseDecisionBody {
  claimId: string;
  status: ExpenseDecisionStatus;
  approvedAmount?: string;
  paidAmount?: string;
  paymentReference?: string;
  reason?: string;
  reasonCode?: string;
  version: number;
}

export function allocationBody(
  id: string,
  f: AllocationFields,
  version: number,
): FundAllocationBody {
  return {
    allocation: {
      id,
      amount: f.amount,
      currency: f.currency,
      ...(f.validFrom !== null && { validFrom: f.validFrom }),
      validTo: f.validTo,
      claimDeadline: f.claimDeadline,
      activities: [...f.activities],
      ...(f.note !== null && { note: f.note }),
    },
    version,
  };
}

export function allocationFieldsOf(body: FundAllocationBody): AllocationFields {
  const a = body.allocation;
  return {
    amount: a.amount,
    currency: a.currency,
    validFrom: a.validFrom ?? null,
    validTo: a.validTo,
    claimDeadline: a.claimDeadline,
    activities: [...a.activities],
    note: a.note ?? null,
  };
}

/** Lines and proof in a fixed key order, so that equal content serializes equally. */
export function claimBody(id: string, f: ClaimFields): ExpenseClaimBody {
  return {
    claim: {
      id,
      allocationId: f.allocationId,
      invoiceNumber: f.invoiceNumber,
      invoiceDate: f.invoiceDate,
      activity: f.activity,
      lines: f.lines.map((l) => ({
        description: l.description,
        amount: l.amount,
        ...(l.accountCode !== undefined && { accountCode: l.accountCode }),
      })),
      total: f.total,
      currency: f.currency,
      proof: f.proof.map((p) => ({
        sha256: p.sha256,
        name: p.name,
        ...(p.size !== undefined && { size: p.size }),
      })),
    },
  };
}

export function claimFieldsOf(body: ExpenseClaimBody): ClaimFields {
  const { id: _id, ...fields } = claimBody(body.claim.id, body.claim).claim;
  return fields;
}

/** Whether two claims say the same thing (a repeated claim id must not change its content). */
export function sameClaim(a: ClaimFields, b: ClaimFields): boolean {
  return JSON.stringify(claimBody('', a)) === JSON.stringify(claimBody('', b));
}

/** The decision message that tells the claimant a claim's current decided state. */
export function decisionBody(
  claimId: string,
  d: Pick<
    ClaimDecisionState,
    'approvedAmount' | 'paidAmount' | 'paymentReference' | 'reason' | 'reasonCode'
  > & { status: ExpenseDecisionStatus; decisionVersion: number },
): ExpenseDecisionBody {
  const paying = d.status !== 'rejected';
  return {
    claimId,
    status: d.status,
    ...(paying && d.approvedAmount !== null && { approvedAmount: d.approvedAmount }),
    ...(d.status === 'paid' && d.paidAmount !== null && { paidAmount: d.paidAmount }),
    ...(d.status === 'paid' &&
      d.paymentReference !== null && { paymentReference: d.paymentReference }),
    ...(d.reason !== null && { reason: d.reason }),
    ...(d.status === 'rejected' && d.reasonCode !== null && { reasonCode: d.reasonCode }),
    version: d.decisionVersion,
  };
}
