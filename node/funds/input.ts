/**
 * Operator input for allocations, claims and decisions, checked field by field before anything
 * is written (the admin API's JSON bodies, the CLI's flags and the portal's forms gathered into
 * the same shape). Each failure is a 400 `invalid_field` naming the field.
 */
import { parseUtcTimestamp } from '../../protocol/index.ts';
import { badRequest } from '../errors.ts';
import { Decimal } from '../records/decimal-string.ts';
import type {
  AllocationFields,
  ExpenseDecisionStatus,
  ExpenseLine,
  ProofRef,
} from '../store/fund-store.ts';

type Input = Record<string, unknown>;

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);

const SINGLE_LINE = /^[^\u0000-\u001F\u007F]*$/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const CURRENCY = /^[A-Z]{3}$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export const MAX_ACTIVITIES = 50;
export const MAX_LINES = 100;
export const MAX_PROOF = 20;

export const ALLOCATION_FIELDS = [
  'amount',
  'currency',
  'validFrom',
  'validTo',
  'claimDeadline',
  'activities',
  'note',
] as const;
export const CLAIM_FIELDS = [
  'allocation',
  'invoiceNumber',
  'invoiceDate',
  'activity',
  'lines',
  'total',
  'currency',
  'proof',
] as const;
export const DECISION_FIELDS = ['status', 'approvedAmount', 'reason', 'paymentReference'] as const;
export const DECISION_STATUSES: readonly ExpenseDecisionStatus[] = [
  'approved',
  'partial',
  'rejected',
  'paid',
];

export function text(input: Input, field: string, max: number): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw invalid(field, `${field} must be a text of 1 to ${max} characters`);
  }
  return value;
}

function line(value: unknown, field: string): string {
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    value.length > 200 ||
    !SINGLE_LINE.test(value)
  ) {
    throw invalid(field, `${field} must be a single line of 1 to 200 characters`);
  }
  return value;
}

function singleLine(input: Input, field: string): string | undefined {
  return input[field] === undefined ? undefined : line(input[field], field);
}

export function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw invalid(field, `${field} is required`);
  return value;
}

function fullDate(input: Input, field: string): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'string' ||
    !FULL_DATE.test(value) ||
    parseUtcTimestamp(`${value}T00:00:00Z`) === null
  ) {
    throw invalid(field, `${field} must be a date such as 2027-01-31`);
  }
  return value;
}

function amountOf(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 40 || !DECIMAL.test(value)) {
    throw invalid(field, `${field} must be a decimal string such as "129.50", zero or more`);
  }
  return value;
}

export function decimal(input: Input, field: string): string | undefined {
  return input[field] === undefined ? undefined : amountOf(input[field], field);
}

function positive(input: Input, field: string): string | undefined {
  const value = decimal(input, field);
  if (value !== undefined && new Decimal(value).isZero()) {
    throw invalid(field, `${field} must be more than zero`);
  }
  return value;
}

export function currency(input: Input): string | undefined {
  const value = input.currency;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !CURRENCY.test(value)) {
    throw invalid('currency', 'currency must be an ISO 4217 code such as EUR');
  }
  return value;
}

function activities(input: Input): string[] | undefined {
  const value = input.activities;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ACTIVITIES) {
    throw invalid('activities', `activities must be a list of 1 to ${MAX_ACTIVITIES} names`);
  }
  const names = value.map((v) => line(v, 'activities'));
  if (new Set(names).size !== names.length) {
    throw invalid('activities', 'activities must not repeat a name');
  }
  return names;
}

/** A text that may be cleared with null (in a change). */
function clearable<T>(
  input: Input,
  field: string,
  read: () => T | undefined,
): T | null | undefined {
  return input[field] === null ? null : read();
}

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
export function parseAllocationChanges(input: Input): Partial<AllocationFields> {
  const changes: Partial<AllocationFields> = {
    amount: decimal(input, 'amount'),
    validFrom: clearable(input, 'validFrom', () => fullDate(input, 'validFrom')),
    validTo: fullDate(input, 'validTo'),
    claimDeadline: fullDate(input, 'claimDeadline'),
    activities: activities(input),
    note: clearable(input, 'note', () => text(input, 'note', 500)),
  };
  return Object.fromEntries(
    Object.entries(changes).filter(([, v]) => v !== undefined),
  ) as Partial<AllocationFields>;
}

export function parseAllocationFields(input: Input): AllocationFields {
  const fields: AllocationFields = {
    amount: required(positive(input, 'amount'), 'amount'),
    currency: required(currency(input), 'currency'),
    validFrom: fullDate(input, 'validFrom') ?? null,
    validTo: required(fullDate(input, 'validTo'), 'validTo'),
    claimDeadline: required(fullDate(input, 'claimDeadline'), 'claimDeadline'),
    activities: required(activities(input), 'activities'),
    note: text(input, 'note', 500) ?? null,
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

function lines(input: Input): ExpenseLine[] {
  const value = input.lines;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LINES) {
    throw invalid('lines', `lines must be a list of 1 to ${MAX_LINES} lines`);
  }
  return value.map((l, i) => {
    const field = `lines[${i}]`;
    if (typeof l !== 'object' || l === null || Array.isArray(l)) {
      throw invalid(field, `${field} must be an object with description and amount`);
    }
    const unknown = Object.keys(l).find(
      (k) => k !== 'description' && k !== 'amount' && k !== 'accountCode',
    );
    if (unknown !== undefined) throw invalid(`${field}.${unknown}`, `unknown field ${unknown}`);
    const entry = l as Input;
    const code = entry.accountCode;
    if (code !== undefined && (typeof code !== 'string' || !/^[!-~]{1,48}$/.test(code))) {
      throw invalid(`${field}.accountCode`, 'accountCode must be 1 to 48 printable ASCII');
    }
    return {
      description: line(entry.description, `${field}.description`),
      amount: amountOf(entry.amount, `${field}.amount`),
      ...(code !== undefined && { accountCode: code }),
    };
  });
}

function proof(input: Input): ProofRef[] {
  const value = input.proof ?? [];
  if (!Array.isArray(value) || value.length > MAX_PROOF) {
    throw invalid('proof', `proof must be a list of at most ${MAX_PROOF} files`);
  }
  return value.map((p, i) => {
    const field = `proof[${i}]`;
    if (typeof p !== 'object' || p === null || Array.isArray(p)) {
      throw invalid(field, `${field} must be an object with sha256, name and size`);
    }
    const unknown = Object.keys(p).find((k) => !['sha256', 'name', 'size'].includes(k));
    if (unknown !== undefined) throw invalid(`${field}.${unknown}`, `unknown field ${unknown}`);
    const entry = p as Input;
    if (typeof entry.sha256 !== 'string' || !SHA256.test(entry.sha256)) {
      throw invalid(`${field}.sha256`, 'sha256 must be 64 lowercase hex digits');
    }
    const size = entry.size;
    if (
      size !== undefined &&
      (!Number.isSafeInteger(size) || (size as number) < 0 || (size as number) > 2 ** 30)
    ) {
      throw invalid(`${field}.size`, 'size must be a whole number of bytes');
    }
    return {
      sha256: entry.sha256,
      name: line(entry.name, `${field}.name`),
      ...(size !== undefined && { size: size as number }),
    };
  });
}

function reference(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return line(value, field);
}

export function parseClaimInput(input: Input): ClaimInput {
  const cur = currency(input);
  return {
    allocation: reference(required(input.allocation, 'allocation'), 'allocation'),
    invoiceNumber: required(singleLine(input, 'invoiceNumber'), 'invoiceNumber'),
    invoiceDate: required(fullDate(input, 'invoiceDate'), 'invoiceDate'),
    activity: required(singleLine(input, 'activity'), 'activity'),
    lines: lines(input),
    total: required(decimal(input, 'total'), 'total'),
    ...(cur !== undefined && { currency: cur }),
    proof: proof(input),
  };
}

export interface DecisionInput {
  status: ExpenseDecisionStatus;
  approvedAmount?: string;
  reason?: string;
  paymentReference?: string;
}

export function parseDecision(input: Input): DecisionInput {
  const status = input.status;
  if (typeof status !== 'string' || !(DECISION_STATUSES as readonly string[]).includes(status)) {
    throw invalid('status', `status must be one of ${DECISION_STATUSES.join(', ')}`);
  }
  const approvedAmount = decimal(input, 'approvedAmount');
  const reason = text(input, 'reason', 500);
  const paymentReference = singleLine(input, 'paymentReference');
  if (paymentReference !== undefined && status !== 'paid') {
    throw invalid('paymentReference', 'a payment reference goes with paid only');
  }
  return {
    status: status as ExpenseDecisionStatus,
    ...(approvedAmount !== undefined && { approvedAmount }),
    ...(reason !== undefined && { reason }),
    ...(paymentReference !== undefined && { paymentReference }),
  };
}

/** The reason of a withdrawal travels in record.withdraw: 1 to 500 characters. */
export function parseReason(input: Input): string {
  return required(text(input, 'reason', 500), 'reason');
}
