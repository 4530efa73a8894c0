/** Partners by their number, so views and listings can name the partner of each record. */
import type { Store, StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export async function partnersByIdIn(tx: StoreTx): Promise<Map<number, Partner>> {
  return new Map((await tx.partners.list()).map((p) => [p.id, p]));
}

export function partnersById(store: Store): Promise<Map<number, Partner>> {
  return store.read(partnersByIdIn);
}

/**
 * Only the partners a page of records names: a page of a list reads its few partners, not all of
 * them (a thousand partners cost the Today page's empty sections some 10 ms each).
 */
export async function partnersNamedIn(
  tx: StoreTx,
  records: Iterable<{ partnerId: number }>,
): Promise<Map<number, Partner>> {
  const ids = new Set<number>();
  for (const r of records) ids.add(r.partnerId);
  return new Map((await tx.partners.listByIds([...ids])).map((p) => [p.id, p]));
}

export function partnersNamed(
  store: Store,
  records: Iterable<{ partnerId: number }>,
): Promise<Map<number, Partner>> {
  return store.read((tx) => partnersNamedIn(tx, records));
}
