/**
 * Operator input for requests and claims (the admin API's JSON bodies, the CLI's flags and the
 * portal's forms gathered into the same shape): the shape through the schemas of
 * service-schemas.ts, then what goes with a comment. Each failure is a 400 `invalid_field`
 * naming the field.
 */
import { badRequest } from '../errors.ts';
import { parseInput } from '../input/parse-input.ts';
import type { ClaimFields, RequestFields } from '../store/service-store.ts';
import type { DecisionInput } from './claim-ops.ts';
import type { UpdateInput } from './request-ops.ts';
import {
  ClaimChangesInput,
  ClaimFieldsInput,
  RequestChangesInput,
  RequestFieldsInput,
  ServiceRequestUpdate,
  ServiceWithdrawal,
  WarrantyDecisionRequest,
} from './service-schemas.ts';

export { DECISION_STATUSES } from './service-schemas.ts';

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);

/** Only the fields given; a time as a Date. */
function given<T>(fields: Record<string, unknown>): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, k === 'dueAt' && typeof v === 'string' ? new Date(v) : v]),
  ) as Partial<T>;
}

/** The core fields of a change: only those given; product, serial and dueAt may be null. */
export function parseRequestChanges(raw: unknown): Partial<RequestFields> {
  return given<RequestFields>(parseInput(RequestChangesInput, raw));
}

/** A new request's fields; priority defaults to normal. */
export function parseRequestFields(raw: unknown): RequestFields {
  const c = parseInput(RequestFieldsInput, raw);
  return {
    category: c.category,
    subject: c.subject,
    description: c.description,
    priority: c.priority ?? 'normal',
    product: c.product ?? null,
    serial: c.serial ?? null,
    dueAt: c.dueAt == null ? null : new Date(c.dueAt),
  };
}

/** A status and/or a comment; a comment names who may read it (partner or internal). */
export function parseUpdate(raw: unknown): UpdateInput {
  const { status, comment, visibility } = parseInput(ServiceRequestUpdate, raw);
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

export function parseClaimChanges(raw: unknown): Partial<ClaimFields> {
  return given<ClaimFields>(parseInput(ClaimChangesInput, raw));
}

export function parseClaimFields(raw: unknown): ClaimFields {
  const c = parseInput(ClaimFieldsInput, raw);
  return { ...c, requestId: c.requestId ?? null };
}

export function parseDecision(raw: unknown): DecisionInput {
  const { status, approvedAmount, reason } = parseInput(WarrantyDecisionRequest, raw);
  return {
    status,
    ...(approvedAmount !== undefined && { approvedAmount }),
    ...(reason !== undefined && { reason }),
  };
}

/** The reason of a withdrawal travels in record.withdraw: 1 to 500 characters. */
export function parseReason(raw: unknown): string {
  return parseInput(ServiceWithdrawal, raw).reason;
}
