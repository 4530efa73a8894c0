/**
 * Reading the partner operator's answers (decline reason, progress report) with the wire schema
 * as the judge, so the admin API refuses with a 400 naming the field what the owner would
 * refuse as `invalid_body`.
 */
import type { SchemaRegistry } from '../../protocol/index.ts';
import { invalidField, rejectUnknownFields } from '../admin/fields.ts';
import type { DeclineReason } from '../store/lead-store.ts';
import { fieldOfPointer } from './lead-input.ts';
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
  input: Record<string, unknown>,
): { reasonCode: DeclineReason; comment?: string } {
  rejectUnknownFields(input, ['reasonCode', 'comment']);
  check(schemas, 'lead.decline', { leadId: PROBE_ID, ...input });
  return input as { reasonCode: DeclineReason; comment?: string };
}

export function parseProgress(
  schemas: SchemaRegistry,
  input: Record<string, unknown>,
  now: Date,
): ProgressInput {
  rejectUnknownFields(input, ['stage', 'amount', 'currency', 'note', 'lastActivityAt']);
  if (input.currency !== undefined && input.amount === undefined) {
    throw invalidField('currency', 'currency goes with an amount');
  }
  const lastActivityAt = input.lastActivityAt ?? now.toISOString();
  check(schemas, 'lead.progress', { leadId: PROBE_ID, version: 1, ...input, lastActivityAt });
  const at = new Date(lastActivityAt as string);
  if (at.getTime() > now.getTime() + 5 * 60_000) {
    throw invalidField('lastActivityAt', 'lastActivityAt lies in the future');
  }
  const { stage, amount, currency, note } = input as Omit<ProgressInput, 'lastActivityAt'>;
  return {
    stage,
    ...(amount !== undefined && { amount }),
    ...(currency !== undefined && { currency }),
    ...(note !== undefined && { note }),
    lastActivityAt: at,
  };
}
