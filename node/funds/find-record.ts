/**
 * How an operator names an allocation or a claim: this node's number for it (as the listings
 * show), or its wire id, narrowed by partner when two partners use the same id.
 */
import { oneRecord } from '../domain-kernel/one-record.ts';
import type { ExpenseClaim, FundAllocation } from '../store/fund-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export interface RecordRef {
  ref: string;
  partner?: Partner;
}

export async function findAllocationRef(tx: StoreTx, target: RecordRef): Promise<FundAllocation> {
  const found = /^\d{1,15}$/.test(target.ref)
    ? [await tx.funds.getAllocation(Number(target.ref))].filter((a) => a !== null)
    : await tx.funds.allocationsById(target.ref);
  return oneRecord(found, target, 'allocation');
}

export async function findClaimRef(tx: StoreTx, target: RecordRef): Promise<ExpenseClaim> {
  const found = /^\d{1,15}$/.test(target.ref)
    ? [await tx.funds.getClaim(Number(target.ref))].filter((c) => c !== null)
    : await tx.funds.claimsById(target.ref);
  return oneRecord(found, target, 'claim');
}
