/**
 * Operator input for the seller's answers and milestones, cancellations and payments (admin API
 * bodies, and CLI flags gathered into the same shape): the shape through the schemas of
 * order-schemas.ts, then what goes with which answer or milestone. Each failure is a 400
 * `invalid_field`.
 */
import { badRequest } from '../errors.ts';
import { parseInput } from '../input/parse-input.ts';
import type { AnswerInput, StatusInput } from './order-ops.ts';
import { OrderAnswer, OrderCancel, OrderStatusUpdate, PaymentRecord } from './order-schemas.ts';
import type { PaymentInput } from './receivables.ts';

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);
const REASON_CODE = /^[a-z][a-z0-9_]{0,63}$/;

export function parseAnswer(raw: unknown): AnswerInput {
  const { code, lines, reason, reasonCode } = parseInput(OrderAnswer, raw);
  if (reasonCode !== undefined && (code !== 'RE' || !REASON_CODE.test(reasonCode))) {
    throw invalid('reasonCode', 'reasonCode goes with RE: lower-case letters, digits and _');
  }
  if (code === 'RE' && reason === undefined) throw invalid('reason', 'reason is required with RE');
  if (code !== 'CA' && lines !== undefined) throw invalid('lines', 'lines go with CA only');
  if (code === 'CA' && lines === undefined) {
    throw invalid('lines', 'CA needs lines: a list of 1 to 500 changed lines');
  }
  return {
    code,
    ...(lines && {
      lines: lines.map((l) => ({
        line: l.line,
        qty: l.qty,
        ...(l.unitPrice !== undefined && { unitPrice: l.unitPrice }),
      })),
    }),
    ...(reason !== undefined && { reason }),
    ...(reasonCode !== undefined && { reasonCode }),
  };
}

export function parseStatus(raw: unknown): StatusInput {
  const { status, tracking, reason } = parseInput(OrderStatusUpdate, raw);
  if (tracking !== undefined && status !== 'shipped') {
    throw invalid('tracking', 'tracking goes with shipped');
  }
  if (reason !== undefined && status !== 'cancelled') {
    throw invalid('reason', 'reason goes with cancelled');
  }
  return {
    status,
    ...(tracking !== undefined && { tracking }),
    ...(reason !== undefined && { reason }),
  };
}

export function parseCancel(raw: unknown): string {
  return parseInput(OrderCancel, raw).reason;
}

export function parsePayment(raw: unknown): PaymentInput {
  const { amount, paidAt, note } = parseInput(PaymentRecord, raw);
  return {
    amount,
    ...(paidAt !== undefined && { paidAt: new Date(paidAt) }),
    ...(note !== undefined && { note }),
  };
}
