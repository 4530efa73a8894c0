/** Conversions between the fund allocations, expense claims and proof files tables' rows and the domain's records, for both stores. */
import {
  type ExpenseClaimRow,
  type FundAllocationRow,
  type FundProofFileRow,
} from '../../db/schema/funds.ts';
import type {
  AllocationChanges,
  ClaimDecisionState,
  ExpenseClaim,
  ExpenseStatus,
  FundAllocation,
  FundOwner,
  ProofFile,
} from '../fund-store.ts';

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const time = (d: Date | null | undefined) => (d === undefined ? undefined : (d?.getTime() ?? null));

function defined<T extends object>(columns: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(columns).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

export function allocationColumns(c: AllocationChanges): Partial<FundAllocationRow> {
  return defined({
    amount: c.amount,
    currency: c.currency,
    validFrom: c.validFrom,
    validTo: c.validTo,
    claimDeadline: c.claimDeadline,
    activities: c.activities === undefined ? undefined : JSON.stringify(c.activities),
    note: c.note,
    version: c.version,
    withdrawnAt: time(c.withdrawnAt),
    withdrawnReason: c.withdrawnReason,
  });
}

export function decisionColumns(c: Partial<ClaimDecisionState>): Partial<ExpenseClaimRow> {
  return defined({
    status: c.status,
    decisionVersion: c.decisionVersion,
    approvedAmount: c.approvedAmount,
    paidAmount: c.paidAmount,
    paymentReference: c.paymentReference,
    reason: c.reason,
    reasonCode: c.reasonCode,
    decidedAt: time(c.decidedAt),
    paidAt: time(c.paidAt),
  });
}

export function allocationFromColumns(row: FundAllocationRow): Omit<FundAllocation, 'refusal'> {
  return {
    id: row.id,
    allocationId: row.allocationId,
    partnerId: row.partnerId,
    owner: row.owner as FundOwner,
    amount: row.amount,
    currency: row.currency,
    validFrom: row.validFrom,
    validTo: row.validTo,
    claimDeadline: row.claimDeadline,
    activities: JSON.parse(row.activities) as string[],
    note: row.note,
    version: row.version,
    withdrawnAt: dateOrNull(row.withdrawnAt),
    withdrawnReason: row.withdrawnReason,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function claimFromColumns(row: ExpenseClaimRow): Omit<ExpenseClaim, 'refusal'> {
  return {
    id: row.id,
    claimId: row.claimId,
    partnerId: row.partnerId,
    owner: row.owner as FundOwner,
    allocationId: row.allocationId,
    invoiceNumber: row.invoiceNumber,
    invoiceDate: row.invoiceDate,
    activity: row.activity,
    lines: JSON.parse(row.lines) as ExpenseClaim['lines'],
    total: row.total,
    currency: row.currency,
    proof: JSON.parse(row.proof) as ExpenseClaim['proof'],
    filedAt: new Date(row.filedAt),
    status: row.status as ExpenseStatus,
    decisionVersion: row.decisionVersion,
    approvedAmount: row.approvedAmount,
    paidAmount: row.paidAmount,
    paymentReference: row.paymentReference,
    reason: row.reason,
    reasonCode: row.reasonCode,
    decidedAt: dateOrNull(row.decidedAt),
    paidAt: dateOrNull(row.paidAt),
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function proofFromRow(row: Omit<FundProofFileRow, 'bytes'>): ProofFile {
  return { ...row, createdAt: new Date(row.createdAt) };
}
