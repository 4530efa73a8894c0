/**
 * How an operator names a registration: this node's number for it (as the listings show), or
 * its shared deal id (the registering partner's, e.g. D-1001), narrowed by partner when two
 * partners chose the same id. The same rule as orders, service requests and claims.
 */
import { AppError, notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';

const MAX_REF = 200;

export async function dealRowId(store: Store, ref: string, partnerId?: number): Promise<number> {
  if (ref === '' || ref.length > MAX_REF) throw notFound(`deal ${ref.slice(0, MAX_REF)}`);
  const found = await store.read(async (tx) =>
    /^\d{1,15}$/.test(ref)
      ? [await tx.deals.get(Number(ref))].filter((d) => d !== null)
      : await tx.deals.listByDealId(ref),
  );
  const matching = partnerId === undefined ? found : found.filter((d) => d.partnerId === partnerId);
  if (matching.length === 0) throw notFound(`deal ${ref}`);
  if (matching.length > 1) {
    throw new AppError(
      409,
      'ambiguous',
      `several registrations use deal id ${ref}; name it by its number (${matching.map((d) => d.id).join(', ')})`,
      { field: 'partner' },
    );
  }
  return matching[0]!.id;
}
