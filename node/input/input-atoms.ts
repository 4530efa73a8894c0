/**
 * Zod atoms the domains' input schemas share, each with the bounds and words of the hand-written
 * checks they replace, so every operation says "a partner id or node id" the same way.
 */
import { z } from 'zod';
import { parseUtcTimestamp } from '../../protocol/index.ts';
import { Decimal, DECIMAL_PATTERN, MAX_DECIMAL_LENGTH } from '../records/decimal-string.ts';

/** A partner named by its numeric id (a JSON number or digits) or its node id. */
export const partnerRef = z
  .union([z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(2048)], {
    error: 'must be a partner id or node id',
  })
  .meta({ id: 'PartnerRef', description: 'Partner id or node id.' });

export const dateTime = z.iso.datetime({ offset: true });

/** A query parameter holding a whole number in [min, max]; repeated or malformed is refused. */
export function queryInteger(min: number, max: number) {
  return z
    .string({ error: `must be an integer from ${min} to ${max}` })
    .regex(/^\d{1,16}$/, { error: `must be an integer from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `must be an integer from ${min} to ${max}` })
        .max(max, { error: `must be an integer from ${min} to ${max}` }),
    )
    .meta({ type: 'integer', minimum: min, maximum: max } as Record<string, unknown>);
}

/** A query parameter that is one of `values`, given once. */
export function queryEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/** A query parameter given at most once. */
export const queryText = (max = 2048) => z.string({ error: 'may be given once' }).max(max);

/**
 * The message of a field's schema for a value of the wrong shape; an absent required field keeps
 * zod's own issue, which reads "<field> is required".
 */
export const unlessAbsent = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? undefined : message;

const CONTROL_FREE = /^[^\u0000-\u001F\u007F]*$/;

/**
 * A text of 1 to `max` characters, not blank; `singleLine` also refuses control characters (its
 * own message, checked after the length).
 */
export function textField(max: number, options: { singleLine?: boolean } = {}) {
  const message = `must be a text of 1 to ${max} characters`;
  const text = z
    .string({ error: unlessAbsent(message) })
    .max(max, { error: message })
    .refine((v) => v.trim() !== '', { error: message, abort: true });
  return options.singleLine
    ? text.regex(CONTROL_FREE, { error: 'must be a single line without control characters' })
    : text;
}

/**
 * A decimal string such as "12.50" (up to 40 characters); `positive` also refuses zero. The words
 * are the domain's own (each domain's checks said it its way and forms translate by the words).
 */
export function decimalField(
  options: { positive?: boolean; message?: string; positiveMessage?: string } = {},
) {
  const message = options.message ?? 'must be a decimal string such as "12.50"';
  const decimal = z
    .string({ error: unlessAbsent(message) })
    .refine((v) => v.length <= MAX_DECIMAL_LENGTH && DECIMAL_PATTERN.test(v), {
      error: message,
      abort: true,
    });
  return options.positive
    ? decimal.refine((v) => !new Decimal(v).isZero(), {
        error: options.positiveMessage ?? 'must be more than 0',
      })
    : decimal;
}

/** A calendar date such as 2027-01-31 (a real day). */
export function dateField() {
  const message = 'must be a date such as 2027-01-31';
  return z
    .string({ error: unlessAbsent(message) })
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && parseUtcTimestamp(`${v}T00:00:00Z`) !== null, {
      error: message,
    })
    .meta({ format: 'date' });
}

/** An ISO 4217 currency code such as EUR. */
export const currencyCode = () =>
  z
    .string({ error: unlessAbsent('must be an ISO 4217 code such as EUR') })
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as EUR' });

/** An RFC 3339 UTC time with Z, as the wire's dateTime. */
export function utcTimeField(example = '2027-03-01T10:00:00Z') {
  const message = `must be an RFC 3339 UTC time such as ${example}`;
  return z
    .string({ error: unlessAbsent(message) })
    .refine((v) => v.length <= 40 && parseUtcTimestamp(v) !== null, { error: message })
    .meta({ format: 'date-time' });
}

/** A code of accounting data (payment terms, unit, tax category): 1 to 48 printable ASCII. */
export const accountingCode = () =>
  z
    .string({ error: 'must be a code of 1 to 48 printable ASCII' })
    .regex(/^[!-~]{1,48}$/, { error: 'must be a code of 1 to 48 printable ASCII' });

/** An object of `shape` and no other field. */
export const objectField = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, { error: unlessAbsent('must be an object') });

/** The words of a check that are a whole sentence (they name the field themselves). */
export const sentence = (message: string) => ({ error: message, params: { sentence: true } });

/** An amount: a decimal string, zero or more. */
export const amountField = () =>
  decimalField({ message: 'must be a decimal string such as "129.50", zero or more' });

/** A query parameter `true` or `false`, given once. */
export const queryBoolean = () => z.enum(['true', 'false'], { error: 'must be true or false' });
