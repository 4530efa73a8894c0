/**
 * Operator input for allocations, claims and decisions (the admin API's JSON bodies, the CLI's
 * flags and the portal's forms gathered into the same shape): the shape through the schemas of
 * fund-schemas.ts, then what a shape cannot say (the order of an allocation's dates, what goes
 * with which decision). Each failure is a 400 `invalid_field` naming the field.
 */
import { badRequest } from '../errors.ts';
import { parseInput } from '../input/parse-input.ts';
import type {
  AllocationFields,
  ExpenseDecisionStatus,
  ExpenseLine,
  ProofRef,
} from '../store/fund-store.ts';
import {
  AllocationFieldsInput,
  ExpenseClaimFile,
  ExpenseDecisionRequest,
  FundAllocationAmendment,
  FundWithdrawal,
} from './fund-schemas.ts';

export { DECISION_STATUSES, MAX_ACTIVITIES, MAX_LINES, MAX_PROOF } from './fund-schemas.ts';

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);

/** validFrom ≤ validTo ≤ claimDeadline: a claim can only be filed once an invoice can be dated. */
export function assertAllocationDates(f: AllocationFields): void {
  if (f.validFrom !== null && f.validFrom > f.validTo) {
    throw invalid('validTo', 'validTo is before validFrom');
  }
  if (f.claimDeadline < f.validTo) {
    throw invalid('claimDeadline', 'claimDeadline is before validTo');
  }
}

/** An amendment's fields: only those given; validFrom and note may be cleared with null. */
export function parseAllocationChanges(raw: unknown): Partial<AllocationFields> {
  const changes = parseInput(FundAllocationAmendment, raw);
  return Object.fromEntries(
    Object.entries(changes).filter(([, v]) => v !== undefined),
  ) as Partial<AllocationFields>;
}

export function parseAllocationFields(raw: unknown): AllocationFields {
  const input = parseInput(AllocationFieldsInput, raw);
  const fields: AllocationFields = {
    amount: input.amount,
    currency: input.currency,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo,
    claimDeadline: input.claimDeadline,
    activities: input.activities,
    note: input.note ?? null,
  };
  assertAllocationDates(fields);
  return fields;
}

export interface ClaimInput {
  /** The allocation: this node's number for it or the vendor's id. */
  allocation: string;
  invoiceNumber: string;
  invoiceDate: string;
  activity: string;
  lines: ExpenseLine[];
  total: string;
  /** Defaults to the allocation's currency. */
  currency?: string;
  proof: ProofRef[];
}

export function parseClaimInput(raw: unknown): ClaimInput {
  const input = parseInput(ExpenseClaimFile, raw);
  return {
    allocation: String(input.allocation),
    invoiceNumber: input.invoiceNumber,
    invoiceDate: input.invoiceDate,
    activity: input.activity,
    lines: input.lines.map((l) => ({
      description: l.description,
      amount: l.amount,
      ...(l.accountCode !== undefined && { accountCode: l.accountCode }),
    })),
    total: input.total,
    ...(input.currency !== undefined && { currency: input.currency }),
    proof: (input.proof ?? []).map((p) => ({
      sha256: p.sha256,
      name: p.name,
      ...(p.size !== undefined && { size: p.size }),
    })),
  };
}

export interface DecisionInput {
  status: ExpenseDecisionStatus;
  approvedAmount?: string;
  reason?: string;
  paymentReference?: string;
}

export function parseDecision(raw: unknown): DecisionInput {
  const { status, approvedAmount, reason, paymentReference } = parseInput(
    ExpenseDecisionRequest,
    raw,
  );
  if (paymentReference !== undefined && status !== 'paid') {
    throw invalid('paymentReference', 'a payment reference goes with paid only');
  }
  return {
    status,
    ...(approvedAmount !== undefined && { approvedAmount }),
    ...(reason !== undefined && { reason }),
    ...(paymentReference !== undefined && { paymentReference }),
  };
}

/** The reason of a withdrawal travels in record.withdraw: 1 to 500 characters. */
export function parseReason(raw: unknown): string {
  return parseInput(FundWithdrawal, raw).reason;
}
