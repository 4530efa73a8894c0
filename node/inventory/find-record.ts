/**
 * How an operator names a stock report or a replenishment proposal: this node's number for it
 * (as the listings show), or its shared id (reportId, proposalId), as deals, orders and claims
 * are named. An id two partners happen to share is ambiguous: name it by its number.
 */
import { AppError, notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';

const MAX_REF = 200;
const ROLES = ['partner', 'supplier'] as const;

export async function inventoryRowId(
  store: Store,
  what: 'report' | 'proposal',
  ref: string,
): Promise<number> {
  if (ref === '' || ref.length > MAX_REF) throw notFound(`${what} ${ref.slice(0, MAX_REF)}`);
  if (/^\d{1,15}$/.test(ref)) return Number(ref);
  const ids = await store.read(async (tx) => {
    const found: number[] = [];
    for (const partner of await tx.partners.list()) {
      for (const role of ROLES) {
        const row =
          what === 'report'
            ? await tx.inventory.findReport(role, partner.id, ref)
            : await tx.inventory.findProposal(role, partner.id, ref);
        if (row) found.push(row.id);
      }
    }
    return found;
  });
  if (ids.length === 0) throw notFound(`${what} ${ref}`);
  if (ids.length > 1) {
    throw new AppError(
      409,
      'ambiguous',
      `several ${what}s use id ${ref}; name it by its number (${ids.join(', ')})`,
    );
  }
  return ids[0]!;
}
