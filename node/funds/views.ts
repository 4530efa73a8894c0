/**
 * How allocations, claims and balances are shown to an operator (admin API and `--json`): wire
 * ids beside this node's numbers, times as ISO strings, amounts as decimal strings, the partner
 * named.
 */
import { refusalView } from '../records/refusal-view.ts';
import type { ExpenseClaim, FundAllocation } from '../store/fund-store.ts';
import type { Partner } from '../store/types.ts';
import type { Balance } from './balance.ts';
import { iso } from '../records/iso-time.ts';

export function partnerSummary(p: Partner | undefined, id: number) {
  return { id, nodeId: p?.nodeId ?? null, name: p?.name ?? null };
}

export function allocationView(a: FundAllocation, partner: Partner | undefined, balance: Balance) {
  return {
    id: a.id,
    allocationId: a.allocationId,
    partner: partnerSummary(partner, a.partnerId),
    owner: a.owner,
    amount: a.amount,
    currency: a.currency,
    validFrom: a.validFrom,
    validTo: a.validTo,
    claimDeadline: a.claimDeadline,
    activities: a.activities,
    note: a.note,
    version: a.version,
    balance,
    withdrawn: a.withdrawnAt !== null,
    withdrawnAt: iso(a.withdrawnAt),
    withdrawnReason: a.withdrawnReason,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
    refusal: refusalView(a.refusal),
  };
}

export function claimView(c: ExpenseClaim, partner: Partner | undefined) {
  return {
    id: c.id,
    claimId: c.claimId,
    partner: partnerSummary(partner, c.partnerId),
    owner: c.owner,
    allocationId: c.allocationId,
    invoiceNumber: c.invoiceNumber,
    invoiceDate: c.invoiceDate,
    activity: c.activity,
    lines: c.lines,
    total: c.total,
    currency: c.currency,
    proof: c.proof,
    filedAt: iso(c.filedAt),
    status: c.status,
    decisionVersion: c.decisionVersion,
    approvedAmount: c.approvedAmount,
    paidAmount: c.paidAmount,
    paymentReference: c.paymentReference,
    reason: c.reason,
    reasonCode: c.reasonCode,
    decidedAt: iso(c.decidedAt),
    paidAt: iso(c.paidAt),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    refusal: refusalView(c.refusal),
  };
}
