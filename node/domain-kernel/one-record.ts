/**
 * The one record an operator's reference names: this node's number for it matches at most one;
 * a wire id may be used by several partners, so `partner` narrows it, and more than one match
 * is 409 `ambiguous` naming the partner field. Orders, service records and fund records read
 * their `{id}` this way.
 */
import { AppError, notFound } from '../errors.ts';

export function oneRecord<T extends { partnerId: number }>(
  found: readonly T[],
  target: { ref: string; partner?: { id: number } | undefined },
  what: string,
): T {
  const { ref, partner } = target;
  const matching = partner ? found.filter((r) => r.partnerId === partner.id) : found;
  if (matching.length === 0) throw notFound(`${what} ${ref}`);
  if (matching.length > 1) {
    throw new AppError(
      409,
      'ambiguous',
      `several partners use ${what} id ${ref}; name the partner`,
      {
        field: 'partner',
      },
    );
  }
  return matching[0]!;
}
