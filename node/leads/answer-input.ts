/**
 * Reading the partner operator's answers (decline reason, progress report) with the wire schema
 * as the judge, so the admin API refuses with a 400 naming the field what the owner would
 * refuse as `invalid_body`.
 */
import type { SchemaRegistry } from '../../protocol/index.ts';
import { badRequest } from '../errors.ts';
import { parseInput } from '../input/parse-input.ts';
import type { DeclineReason } from '../store/lead-store.ts';
import { fieldOfPointer } from './lead-input.ts';
import { DeclineLeadRequest, ProgressLeadRequest } from './lead-schemas.ts';

const invalidField = (field: string, message: string) =>
  badRequest('invalid_field', message, field);
import type { ProgressInput } from './partner-service.ts';

const PROBE_ID = 'probe';

function check(schemas: SchemaRegistry, kind: string, body: Record<string, unknown>): void {
  const result = schemas.validateBody(kind, body);
  if (!result.ok) {
    const field = fieldOfPointer(result.pointer, '', result.detail);
    throw invalidField(field, `${field}: ${result.detail.replace(/^\/\S*: /, '')}`);
  }
}

export function parseDecline(
  schemas: SchemaRegistry,
  raw: unknown,
): { reasonCode: DeclineReason; comment?: string } {
  const input = parseInput(DeclineLeadRequest, raw);
  check(schemas, 'lead.decline', { leadId: PROBE_ID, ...input });
  return input;
}

export function parseProgress(schemas: SchemaRegistry, raw: unknown, now: Date): ProgressInput {
  const input = parseInput(ProgressLeadRequest, raw);
  if (input.currency !== undefined && input.amount === undefined) {
    throw invalidField('currency', 'currency goes with an amount');
  }
  const lastActivityAt = input.lastActivityAt ?? now.toISOString();
  check(schemas, 'lead.progress', { leadId: PROBE_ID, version: 1, ...input, lastActivityAt });
  const at = new Date(lastActivityAt as string);
  if (at.getTime() > now.getTime() + 5 * 60_000) {
    throw invalidField('lastActivityAt', 'lastActivityAt lies in the future');
  }
  const { stage, amount, currency, note } = input;
  return {
    stage,
    ...(amount !== undefined && { amount }),
    ...(currency !== undefined && { currency }),
    ...(note !== undefined && { note }),
    lastActivityAt: at,
  };
}
