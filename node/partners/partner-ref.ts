/**
 * A partner named by an operator: its numeric id or its node id. Shared by the admin API, the
 * portal and the domains, which all accept either.
 */
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export function getPartnerByRef(tx: StoreTx, ref: string): Promise<Partner | null> {
  return /^\d+$/.test(ref) ? tx.partners.getById(Number(ref)) : tx.partners.getByNodeId(ref);
}
