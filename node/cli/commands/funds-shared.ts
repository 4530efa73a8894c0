/**
 * What the funds and expenses commands share: how a bad field is reported as its flag, how a
 * record is named on the command line, and how a balance is printed.
 */
import { AppError } from '../../errors.ts';
import type { Balance } from '../../funds/balance.ts';
import type { RecordRef } from '../../funds/find-record.ts';
import { flagString, type CommandContext, type FlagSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { commandHint, findPartnerRef, type CliNode } from '../node-context.ts';
import type { Cell, Output } from '../output.ts';

/** Where each input field comes from on the command line. */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  partner: '--partner',
  amount: '--amount',
  currency: '--currency',
  validFrom: '--valid-from',
  validTo: '--valid-to',
  claimDeadline: '--deadline',
  activities: '--activities',
  note: '--note',
  allocation: '--allocation',
  invoiceNumber: '--invoice',
  invoiceDate: '--invoice-date',
  activity: '--activity',
  lines: '--lines',
  total: '--total',
  proof: '--proof',
  status: '--status',
  approvedAmount: '--amount',
  reason: '--reason',
  paymentReference: '--payment-ref',
};

export const stringFlag = (name: string, value: string, description: string): FlagSpec => ({
  name,
  type: 'string',
  value,
  description,
});

export const PARTNER_NARROWING = stringFlag(
  'partner',
  'REF',
  'The partner (number or node id), when two partners use the same wire id.',
);
export const REF_ARG = [{ name: 'ref', required: true }] as const;

/** Runs `fn` and reports a bad field as the flag that carried it. */
export async function asFlags<T>(ctx: CommandContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError && error.status === 400 && error.field) {
      const base = error.field.replace(/\[.*$/, '');
      const flagName = FIELD_FLAGS[base] ?? error.field;
      throw new UsageError(`${flagName}: ${error.message}`, ctx.spec.name);
    }
    throw error;
  }
}

/** Flags given, gathered into the admin API's input shape: `[flag, field]` pairs. */
export function flagInput(
  ctx: CommandContext,
  pairs: ReadonlyArray<readonly [string, string]>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, field] of pairs) {
    const value = flagString(ctx, name);
    if (value !== undefined) input[field] = value;
  }
  return input;
}

/** `<ref>` and `--partner`, as the admin API's `:id` and `?partner=`. */
export async function targetOf(ctx: CommandContext, node: CliNode): Promise<RecordRef> {
  const ref = ctx.args[0] ?? '';
  const partnerRef = flagString(ctx, 'partner');
  if (partnerRef === undefined) return { ref };
  return { ref, partner: await findPartnerRef(node.deps.store, partnerRef) };
}

export function notRunningHint(ctx: CommandContext, node: CliNode, what: string): void {
  if (!node.running) {
    ctx.out.warn(
      `this node is not running; ${what} goes out when it starts: ${commandHint(ctx, 'serve')}`,
    );
  }
}

export const BALANCE_HEADERS = [
  'CURRENCY',
  'ALLOCATED',
  'CLAIMED',
  'APPROVED',
  'PAID',
  'AVAILABLE',
];

export function balanceCells(b: Balance): Cell[] {
  return [b.currency, b.allocated, b.claimed, b.approved, b.paid, b.available];
}

export function printBalance(out: Output, b: Balance): void {
  out.fields([
    ['allocated', `${b.allocated} ${b.currency}`],
    ['claimed', `${b.claimed} ${b.currency} (awaiting a decision)`],
    ['approved', `${b.approved} ${b.currency} (not yet paid)`],
    ['paid', `${b.paid} ${b.currency}`],
    ['available', `${b.available} ${b.currency}`],
  ]);
}
