/**
 * Operator input for the seller's answers and milestones, cancellations and payments (admin API
 * bodies, and CLI flags gathered into the same shape). Each failure is a 400 `invalid_field`.
 */
import { badRequest } from '../errors.ts';
import { STATUS_UPDATES } from '../store/order-store.ts';
import type { AnswerInput, StatusInput } from './order-ops.ts';
import { decimalText, MAX_LINES, parseTime, singleLine, text } from './order-input.ts';
import type { PaymentInput } from './receivables.ts';

type Input = Record<string, unknown>;

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);
const REASON_CODE = /^[a-z][a-z0-9_]{0,63}$/;
const ANSWER_CODES = ['AP', 'CA', 'RE'] as const;

export const ANSWER_FIELDS = ['code', 'lines', 'reason', 'reasonCode'] as const;
export const STATUS_FIELDS = ['status', 'tracking', 'reason'] as const;
export const PAYMENT_FIELDS = ['amount', 'paidAt', 'note'] as const;

export function parseAnswer(input: Input): AnswerInput {
  const code = input.code;
  if (typeof code !== 'string' || !(ANSWER_CODES as readonly string[]).includes(code)) {
    throw invalid('code', `code must be one of ${ANSWER_CODES.join(', ')} (AB is sent on receipt)`);
  }
  const reason = text(input, 'reason', 500);
  const reasonCode = singleLine(input, 'reasonCode', 64);
  if (reasonCode !== undefined && (code !== 'RE' || !REASON_CODE.test(reasonCode))) {
    throw invalid('reasonCode', 'reasonCode goes with RE: lower-case letters, digits and _');
  }
  if (code === 'RE' && reason === undefined) throw invalid('reason', 'reason is required with RE');
  if (code !== 'CA' && input.lines !== undefined) {
    throw invalid('lines', 'lines go with CA only');
  }
  const lines = code === 'CA' ? parseChangedLines(input.lines) : undefined;
  return {
    code: code as AnswerInput['code'],
    ...(lines && { lines }),
    ...(reason !== undefined && { reason }),
    ...(reasonCode !== undefined && { reasonCode }),
  };
}

function parseChangedLines(value: unknown): NonNullable<AnswerInput['lines']> {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LINES) {
    throw invalid('lines', `CA needs lines: a list of 1 to ${MAX_LINES} changed lines`);
  }
  return value.map((raw, i) => {
    const at = `lines[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw invalid(at, `${at} must be an object`);
    }
    const o = raw as Input;
    const unknown = Object.keys(o).find((k) => !['line', 'qty', 'unitPrice'].includes(k));
    if (unknown !== undefined) throw invalid(`${at}.${unknown}`, `unknown field ${at}.${unknown}`);
    if (!Number.isSafeInteger(o.line) || (o.line as number) < 1 || (o.line as number) > 100_000) {
      throw invalid(`${at}.line`, `${at}.line must be a line number of the order`);
    }
    const qty = decimalText(o.qty, `${at}.qty`, false);
    const unitPrice =
      o.unitPrice === undefined ? undefined : decimalText(o.unitPrice, `${at}.unitPrice`, false);
    return { line: o.line as number, qty, ...(unitPrice !== undefined && { unitPrice }) };
  });
}

export function parseStatus(input: Input): StatusInput {
  const status = input.status;
  if (typeof status !== 'string' || !(STATUS_UPDATES as readonly string[]).includes(status)) {
    throw invalid('status', `status must be one of ${STATUS_UPDATES.join(', ')}`);
  }
  const tracking = singleLine(input, 'tracking', 200);
  if (tracking !== undefined && status !== 'shipped') {
    throw invalid('tracking', 'tracking goes with shipped');
  }
  const reason = text(input, 'reason', 500);
  if (reason !== undefined && status !== 'cancelled') {
    throw invalid('reason', 'reason goes with cancelled');
  }
  return {
    status: status as StatusInput['status'],
    ...(tracking !== undefined && { tracking }),
    ...(reason !== undefined && { reason }),
  };
}

export function parseCancel(input: Input): string {
  const reason = text(input, 'reason', 500);
  if (reason === undefined) throw invalid('reason', 'reason is required');
  return reason;
}

export function parsePayment(input: Input): PaymentInput {
  if (input.amount === undefined) throw invalid('amount', 'amount is required');
  const amount = decimalText(input.amount, 'amount', true);
  const paidAt = input.paidAt === undefined ? undefined : parseTime(input.paidAt, 'paidAt');
  const note = text(input, 'note', 500);
  return {
    amount,
    ...(paidAt !== undefined && { paidAt: new Date(paidAt) }),
    ...(note !== undefined && { note }),
  };
}
