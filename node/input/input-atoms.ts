/**
 * Zod atoms the domains' input schemas share, each with the bounds and words of the hand-written
 * checks they replace, so every operation says "a partner id or node id" the same way.
 */
import { z } from 'zod';

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
