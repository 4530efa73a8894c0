/**
 * The CLI gathers flags into the admin API's input shapes and reads them with the same schemas
 * and parsers, so a refusal reads as it does over the API, only naming the flag that carried the
 * field (`--lines: lines[0].qty must be …`). Each command group lists its fields' flags.
 */
import { AppError } from '../errors.ts';
import type { CommandContext } from './command.ts';
import { CliFailure, UsageError } from './errors.ts';

/** Input fields and the flags that set them (`invoiceDate` → `--invoice-date`). */
export type FlagsOfFields = Readonly<Record<string, string>>;

/**
 * The flag of a field, else of its root (`lines[2].qty` → `lines`), else the field itself or,
 * where flags are named like their fields, `--<root>`.
 */
export function flagOfField(flags: FlagsOfFields, field: string, sameNames = false): string {
  const root = field.split(/[.[]/)[0]!;
  return flags[field] ?? flags[root] ?? (sameNames ? `--${root}` : field);
}

/**
 * A runner that turns a 400 naming a field into a usage error (exit 2) naming its flag; with
 * `failure`, into a plain failure (exit 1, as the leads commands have always answered);
 * `sameNames`: a field not listed has a flag of its own name.
 */
export function flagReader(
  flags: FlagsOfFields,
  options: { failure?: boolean; sameNames?: boolean } = {},
) {
  return async function asFlags<T>(
    ctx: CommandContext | undefined,
    fn: () => Promise<T> | T,
  ): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof AppError && error.status === 400 && error.field)) throw error;
      const flag = flagOfField(flags, error.field, options.sameNames);
      // The field's own name is redundant where the flag stands for exactly that field.
      const named =
        flags[error.field] !== undefined || [error.field, `--${error.field}`].includes(flag);
      const text =
        named && error.message.startsWith(`${error.field}: `)
          ? error.message.slice(error.field.length + 2)
          : error.message;
      const message = `${flag}: ${text}`;
      throw options.failure ? new CliFailure(message) : new UsageError(message, ctx?.spec.name);
    }
  };
}
