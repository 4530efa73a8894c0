/**
 * The shape of a CLI command. Each command's name, summary, usage and flags live in one object
 * beside the code that runs it, so the help screens and generated docs cannot drift from it.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliFailure, UsageError } from './errors.ts';
import type { CliIo } from './io.ts';
import type { Output } from './output.ts';
import type { AuditScope } from '../staff/audit-scope.ts';

export interface FlagSpec {
  /** Without the leading dashes: `ttl-hours`. */
  name: string;
  type: 'string' | 'boolean';
  /** Placeholder shown in help: `--ttl-hours N`. */
  value?: string;
  description: string;
  required?: boolean;
  /** Environment variable that sets the same thing, shown in help. */
  env?: string;
  /** Default shown in help. */
  default?: string;
  /** A node setting (generated from SETTINGS) rather than a flag of the command itself. */
  setting?: boolean;
  /** Left out of help (aliases). */
  hidden?: boolean;
  /** May be given more than once; the values arrive joined with commas. */
  multiple?: boolean;
}

export interface ArgSpec {
  name: string;
  required: boolean;
  /** Takes every remaining argument. */
  variadic?: boolean;
}

export interface CommandSpec {
  /** `partners show`: one or two words. */
  name: string;
  summary: string;
  /** Synopsis lines, without the program name. */
  usage: readonly string[];
  /** The command's own flags; `--data`, `--json` (unless `noJson`) and `--help` are added. */
  flags: readonly FlagSpec[];
  args?: readonly ArgSpec[];
  /**
   * Prints its own JSON document (the record or listing) with `--json`. Every other command
   * takes `--json` too and then prints `{ "ok", "message" }` made from its text (output.ts).
   */
  json?: boolean;
  /** Does not take `--json` (serve: it runs until stopped and prints a log, not a result). */
  noJson?: boolean;
  /** Accepts the node settings as flags (init, serve). */
  settingFlags?: boolean;
  /** Works without a data directory (help). */
  noDataDir?: boolean;
  /**
   * One typical command line, without the program name, shown by `--help` and in docs/cli.md.
   * Optional for the type checker, but test/docs/docs.test.ts fails for a command without one.
   */
  example?: string;
  /** Longer explanation shown by `<command> --help`. */
  details?: readonly string[];
  run(ctx: CommandContext): Promise<number | void>;
}

export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandContext {
  spec: CommandSpec;
  io: CliIo;
  out: Output;
  /** The command's own flags by name (`ttl-hours`); booleans are true when given. */
  flags: FlagValues;
  /** Node settings given as flags, keyed by setting key (`port`), as the operator typed them. */
  settings: Readonly<Record<string, string>>;
  args: readonly string[];
  /** `--data` as typed, or undefined (env or default). */
  dataDir: string | undefined;
  /** The operator's audit scope: every unit of work the command's store runs carries it. */
  audit?: AuditScope;
}

export function flagString(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--x 'a, b,,c'` → ['a', 'b', 'c']; undefined when the flag was not given (the defaults). */
export function splitList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The text of the file a flag names, relative to the working directory. */
export async function flagFile(ctx: CommandContext, name: string): Promise<string> {
  const file = resolve(ctx.io.cwd, flagString(ctx, name) ?? '');
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export function flagSet(ctx: CommandContext, name: string): boolean {
  return ctx.flags[name] === true;
}

/** A whole-number flag within bounds, or `fallback` when not given. */
export function flagInteger(
  ctx: CommandContext,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): number {
  const raw = flagString(ctx, name);
  if (raw === undefined) return bounds.fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < bounds.min || value > bounds.max) {
    throw new UsageError(
      `--${name} must be a whole number from ${bounds.min} to ${bounds.max} (got "${raw}")`,
      ctx.spec.name,
    );
  }
  return value;
}
