/**
 * Hand-written checks of admin input. Each failure is a 400 `invalid_field` naming the field, and
 * every check runs before anything is written, so bad input leaves nothing behind.
 */
import type { Context } from 'hono';
import { badRequest } from '../errors.ts';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

export const invalidField = (field: string, message: string) =>
  badRequest('invalid_field', message, field);

/** Unknown fields are refused rather than ignored: a typo must not silently change nothing. */
export function rejectUnknownFields(input: Record<string, unknown>, allowed: readonly string[]) {
  const unknown = Object.keys(input).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw invalidField(unknown, `unknown field ${unknown}; expected ${allowed.join(', ')}`);
  }
}

export function optionalString(
  input: Record<string, unknown>,
  field: string,
  bounds: { min: number; max: number },
): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < bounds.min || value.length > bounds.max) {
    throw invalidField(
      field,
      `${field} must be a string of ${bounds.min} to ${bounds.max} characters`,
    );
  }
  return value;
}

export function requiredString(
  input: Record<string, unknown>,
  field: string,
  bounds: { min: number; max: number },
): string {
  const value = optionalString(input, field, bounds);
  if (value === undefined) throw invalidField(field, `${field} is required`);
  return value;
}

export function optionalInteger(
  input: Record<string, unknown>,
  field: string,
  bounds: { min: number; max: number },
): number | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (
    !Number.isSafeInteger(value) ||
    (value as number) < bounds.min ||
    (value as number) > bounds.max
  ) {
    throw invalidField(field, `${field} must be an integer from ${bounds.min} to ${bounds.max}`);
  }
  return value as number;
}

/** A list of strings, de-duplicated in order. */
export function optionalStringList(
  input: Record<string, unknown>,
  field: string,
  bounds: { minItems: number; maxItems: number; maxLength: number },
): string[] | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.length < bounds.minItems ||
    value.length > bounds.maxItems ||
    value.some((v) => typeof v !== 'string' || v === '' || v.length > bounds.maxLength)
  ) {
    throw invalidField(
      field,
      `${field} must be a list of ${bounds.minItems} to ${bounds.maxItems} non-empty strings`,
    );
  }
  return [...new Set(value as string[])];
}

/**
 * A partner reference: its numeric id or its node id. JSON clients may send the id as a number,
 * so a positive integer is accepted too.
 */
export function partnerRefOf(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && value !== '' && value.length <= 2048) return value;
  throw invalidField(field, `${field} must be a partner id or node id`);
}

// ---- query parameters ----

export function rejectUnknownQuery(c: Context, allowed: readonly string[]) {
  for (const key of Object.keys(c.req.queries())) {
    if (!allowed.includes(key)) {
      throw invalidField(key, `unknown query parameter ${key}; expected ${allowed.join(', ')}`);
    }
  }
}

/** One value per parameter: a repeated one is ambiguous, so it is refused. */
export function queryValue(c: Context, name: string): string | undefined {
  const values = c.req.queries(name);
  if (values === undefined) return undefined;
  if (values.length !== 1) throw invalidField(name, `${name} may be given once`);
  return values[0];
}

export function queryPage(c: Context): { limit: number; after?: number } {
  const limit = queryInteger(c, 'limit', 1, MAX_PAGE_LIMIT) ?? DEFAULT_PAGE_LIMIT;
  const after = queryInteger(c, 'after', 0, Number.MAX_SAFE_INTEGER);
  return after === undefined ? { limit } : { limit, after };
}

function queryInteger(c: Context, name: string, min: number, max: number): number | undefined {
  const raw = queryValue(c, name);
  if (raw === undefined) return undefined;
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidField(name, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}
