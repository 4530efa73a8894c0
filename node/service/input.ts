/**
 * Operator input for requests and claims, checked field by field before anything is written (the
 * admin API's JSON bodies, and the CLI's flags gathered into the same shape). Each failure is a
 * 400 `invalid_field` naming the field.
 */
import { parseUtcTimestamp } from '../../protocol/index.ts';
import { badRequest } from '../errors.ts';
import {
  CLAIM_STATUSES,
  REQUEST_CATEGORIES,
  REQUEST_PRIORITIES,
  REQUEST_STATUSES,
  type ClaimFields,
  type CommentVisibility,
  type DecisionStatus,
  type RequestFields,
  type RequestStatus,
} from '../store/service-store.ts';
import type { DecisionInput } from './claim-ops.ts';
import type { UpdateInput } from './request-ops.ts';

type Input = Record<string, unknown>;

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);

const SINGLE_LINE = /^[^\u0000-\u001F\u007F]*$/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const CURRENCY = /^[A-Z]{3}$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const REQUEST_FIELDS = [
  'category',
  'subject',
  'description',
  'priority',
  'product',
  'serial',
  'dueAt',
] as const;
export const CLAIM_FIELDS = [
  'product',
  'serial',
  'purchaseDate',
  'failureDate',
  'failure',
  'claimedAmount',
  'currency',
  'requestId',
] as const;
export const DECISION_STATUSES = CLAIM_STATUSES.filter(
  (s): s is DecisionStatus => s !== 'submitted',
);

function text(input: Input, field: string, max: number, singleLine = false): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw invalid(field, `${field} must be a text of 1 to ${max} characters`);
  }
  if (singleLine && !SINGLE_LINE.test(value)) {
    throw invalid(field, `${field} must be a single line without control characters`);
  }
  return value;
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw invalid(field, `${field} is required`);
  return value;
}

function oneOf<T extends string>(input: Input, field: string, values: readonly T[]): T | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw invalid(field, `${field} must be one of ${values.join(', ')}`);
  }
  return value as T;
}

/** A text that may be cleared with null (in a change). */
function clearable(input: Input, field: string, max: number): string | null | undefined {
  return input[field] === null ? null : text(input, field, max, true);
}

function dueAt(input: Input): Date | null | undefined {
  const value = input.dueAt;
  if (value === undefined || value === null) return value;
  const ms = typeof value === 'string' ? parseUtcTimestamp(value) : null;
  if (ms === null) {
    throw invalid('dueAt', 'dueAt must be an RFC 3339 UTC time such as 2027-01-31T17:00:00Z');
  }
  return new Date(ms);
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

export function decimal(input: Input, field: string): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 40 || !DECIMAL.test(value)) {
    throw invalid(field, `${field} must be a decimal string such as "129.50", zero or more`);
  }
  return value;
}

function currency(input: Input): string | undefined {
  const value = input.currency;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !CURRENCY.test(value)) {
    throw invalid('currency', 'currency must be an ISO 4217 code such as EUR');
  }
  return value;
}

/** The core fields of a change: only those given; product, serial and dueAt may be null. */
export function parseRequestChanges(input: Input): Partial<RequestFields> {
  const changes: Partial<RequestFields> = {
    category: oneOf(input, 'category', REQUEST_CATEGORIES),
    subject: text(input, 'subject', 200, true),
    description: text(input, 'description', 5000),
    priority: oneOf(input, 'priority', REQUEST_PRIORITIES),
    product: clearable(input, 'product', 200),
    serial: clearable(input, 'serial', 200),
    dueAt: dueAt(input),
  };
  return Object.fromEntries(
    Object.entries(changes).filter(([, v]) => v !== undefined),
  ) as Partial<RequestFields>;
}

/** A new request's fields; priority defaults to normal. */
export function parseRequestFields(input: Input): RequestFields {
  const c = parseRequestChanges(input);
  return {
    category: required(c.category, 'category'),
    subject: required(c.subject, 'subject'),
    description: required(c.description, 'description'),
    priority: c.priority ?? 'normal',
    product: c.product ?? null,
    serial: c.serial ?? null,
    dueAt: c.dueAt ?? null,
  };
}

/** A status and/or a comment; a comment names who may read it (partner or internal). */
export function parseUpdate(input: Input): UpdateInput {
  const status = oneOf<RequestStatus>(input, 'status', REQUEST_STATUSES);
  const comment = text(input, 'comment', 5000);
  const visibility = oneOf<CommentVisibility>(input, 'visibility', ['partner', 'internal']);
  if (status === undefined && comment === undefined) {
    throw invalid('status', 'give a status, a comment, or both');
  }
  // No default: a comment meant to stay inside must never go out because a field was forgotten.
  if (comment !== undefined && visibility === undefined) {
    throw invalid('visibility', 'a comment needs a visibility: partner or internal');
  }
  if (comment === undefined && visibility !== undefined) {
    throw invalid('visibility', 'visibility applies to a comment only');
  }
  return {
    ...(status !== undefined && { status }),
    ...(comment !== undefined && { comment: { text: comment, visibility: visibility! } }),
  };
}

export function parseClaimChanges(input: Input): Partial<ClaimFields> {
  const changes: Partial<ClaimFields> = {
    product: text(input, 'product', 200, true),
    serial: text(input, 'serial', 200, true),
    purchaseDate: fullDate(input, 'purchaseDate'),
    failureDate: fullDate(input, 'failureDate'),
    failure: text(input, 'failure', 5000),
    claimedAmount: decimal(input, 'claimedAmount'),
    currency: currency(input),
    requestId: clearable(input, 'requestId', 200),
  };
  return Object.fromEntries(
    Object.entries(changes).filter(([, v]) => v !== undefined),
  ) as Partial<ClaimFields>;
}

export function parseClaimFields(input: Input): ClaimFields {
  const c = parseClaimChanges(input);
  return {
    product: required(c.product, 'product'),
    serial: required(c.serial, 'serial'),
    purchaseDate: required(c.purchaseDate, 'purchaseDate'),
    failureDate: required(c.failureDate, 'failureDate'),
    failure: required(c.failure, 'failure'),
    claimedAmount: required(c.claimedAmount, 'claimedAmount'),
    currency: required(c.currency, 'currency'),
    requestId: c.requestId ?? null,
  };
}

export function parseDecision(input: Input): DecisionInput {
  const status = required(oneOf(input, 'status', DECISION_STATUSES), 'status');
  const approvedAmount = decimal(input, 'approvedAmount');
  const reason = text(input, 'reason', 500);
  return {
    status,
    ...(approvedAmount !== undefined && { approvedAmount }),
    ...(reason !== undefined && { reason }),
  };
}

/** The reason of a withdrawal travels in record.withdraw: 1 to 500 characters. */
export function parseReason(input: Input): string {
  return required(text(input, 'reason', 500), 'reason');
}
