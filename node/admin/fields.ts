/**
 * Checks of admin input: query parameters here, body fields in `domain-kernel/input-fields.ts`
 * (re-exported, since domains and the portal check the same fields). Each failure is a 400
 * `invalid_field` naming the field, before anything is written.
 */
import type { Context } from 'hono';
import { invalidField } from '../domain-kernel/input-fields.ts';

export {
  invalidField,
  optionalInteger,
  optionalString,
  optionalStringList,
  partnerRefOf,
  rejectUnknownFields,
  requiredString,
} from '../domain-kernel/input-fields.ts';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

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
