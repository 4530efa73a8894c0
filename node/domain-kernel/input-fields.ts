/**
 * Hand-written checks of operator input (admin API bodies, CLI flags, portal forms turned into
 * objects). Each failure is a 400 `invalid_field` naming the field, and every check runs before
 * anything is written, so bad input leaves nothing behind. Domains use these as well as the
 * adapters, so they live below both.
 */
import { badRequest } from '../errors.ts';

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
