/**
 * The registrations that arrived after one and clashed with it. The conflict check runs when a
 * registration arrives (find-conflicts.ts), so a registration waiting for the vendor's decision
 * holds no record of the ones that came later and were answered `conflict` because of it; they
 * name it in their own conflicts, which is where they are found, so the vendor deciding the
 * earlier one sees everyone who claims the same customer.
 */
import type { Deal } from '../store/deal-store.ts';
import type { StoreTx } from '../store/store.ts';

export interface LaterConflict {
  deal: Deal;
  /** The products the later registration shares with this one, as the later one writes them. */
  products: string[];
}

/** For each of `deals` received (role vendor), the later registrations that clashed with it. */
export async function laterConflictsOf(
  tx: StoreTx,
  deals: readonly Deal[],
): Promise<Map<number, LaterConflict[]>> {
  const ids = deals.filter((d) => d.role === 'vendor').map((d) => d.id);
  const found = new Map<number, LaterConflict[]>(ids.map((id) => [id, []]));
  for (const later of await tx.deals.listConflictingWith(ids)) {
    for (const c of later.conflicts ?? []) {
      if (c.type === 'deal') found.get(c.dealRowId)?.push({ deal: later, products: c.products });
    }
  }
  return found;
}
