/** Every partner by its number, so views and listings can name the partner of each record. */
import type { Store, StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export async function partnersByIdIn(tx: StoreTx): Promise<Map<number, Partner>> {
  return new Map((await tx.partners.list()).map((p) => [p.id, p]));
}

export function partnersById(store: Store): Promise<Map<number, Partner>> {
  return store.read(partnersByIdIn);
}
