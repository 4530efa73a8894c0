/**
 * The flags and arguments every record command (service, warranty, funds, expenses, orders,
 * receivables) reads the same way: a record named by `<ref>` and narrowed by `--partner`, enum
 * flags checked against their values, and flags gathered into the admin API's input shape.
 */
import type { Partner } from '../store/types.ts';
import { flagString, type CommandContext, type FlagSpec } from './command.ts';
import { UsageError } from './errors.ts';
import { commandHint, findPartnerRef, type CliNode } from './node-context.ts';

/** A record as the operator named it: its number or wire id, and the partner when given. */
export interface RecordTarget {
  ref: string;
  partner?: Partner;
}

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

/** The flag's value when it is one of `values`; a usage error otherwise. */
export function oneOfFlag<T extends string>(
  ctx: CommandContext,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = flagString(ctx, name);
  if (value !== undefined && !(values as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${values.join(', ')}`, ctx.spec.name);
  }
  return value as T | undefined;
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
export async function targetOf(ctx: CommandContext, node: CliNode): Promise<RecordTarget> {
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
