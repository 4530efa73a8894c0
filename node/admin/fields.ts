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
