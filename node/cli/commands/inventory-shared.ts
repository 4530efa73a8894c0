/** What the inventory commands share: flags, the record number argument, errors as flags. */
import type { CommandContext, FlagSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { findPartnerRef, type CliNode } from '../node-context.ts';
import type { Partner } from '../../store/types.ts';
import { flagReader } from '../flag-errors.ts';
import { partnersById } from '../../partners/partners-by-id.ts';

export const flag = (name: string, value: string, description: string): FlagSpec => ({
  name,
  type: 'string',
  value,
  description,
});

/** Where each input field comes from on the command line. */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  supplier: '--supplier',
  partner: '--partner',
  reportId: '--id',
  location: '--location',
  periodStart: '--period-start',
  periodEnd: '--period-end',
  note: '--note',
  csv: '--file',
  sku: '--sku',
  policy: '--policy',
  min: '--min',
  max: '--max',
  days: '--days',
  leadTimeDays: '--lead-time',
  packSize: '--pack',
  validDays: '--valid-days',
  status: '--status',
  lines: '--lines',
  reason: '--reason',
  maxLines: '--max-lines',
  maxLineQty: '--max-line-qty',
  maxTotalQty: '--max-total-qty',
};

/** Runs `fn` and reports a bad field as the flag that carried it. */
export const asFlags = flagReader(FIELD_FLAGS);

/** The `<id>` argument: the number the listing shows. */
/** The `<id>` argument: the number the listing shows, or the shared id (find-record.ts). */
export function recordNumber(ctx: CommandContext, listing: string): string | undefined {
  const raw = ctx.args[0];
  if (raw === undefined) return undefined;
  if (raw === '' || raw.length > 200) {
    throw new UsageError(
      `<id> must be a number as "partner-sync ${listing}" shows it, or its id (got "${raw}")`,
      ctx.spec.name,
    );
  }
  return raw;
}

export async function optionalPartner(
  node: CliNode,
  ref: string | undefined,
): Promise<Partner | undefined> {
  return ref === undefined ? undefined : findPartnerRef(node.deps.store, ref);
}

export const partnerNames = (node: CliNode) => partnersById(node.deps.store);

/** `SKU=QTY,SKU=QTY` as decision lines. */
export function parseLinesFlag(
  ctx: CommandContext,
  raw: string,
): Array<{ sku: string; qty: string }> {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.lastIndexOf('=');
      if (at <= 0) {
        throw new UsageError(
          `--lines: expected SKU=QTY pairs separated by commas (got "${part}")`,
          ctx.spec.name,
        );
      }
      return { sku: part.slice(0, at), qty: part.slice(at + 1) };
    });
}
