/** Reads that put allocations, their claims and balances together, for the API, CLI and portal. */
import type { ExpenseClaim, FundAllocation, FundOwner } from '../store/fund-store.ts';
import type { StoreTx } from '../store/store.ts';
import { allocationBalance, partnerBalances, type Balance } from './balance.ts';
import { claimsAgainst } from './claim-ops.ts';

/** An allocation with the claims against it (newest first) and its balance. */
export async function allocationDetail(
  tx: StoreTx,
  allocation: FundAllocation,
): Promise<{ allocation: FundAllocation; claims: ExpenseClaim[]; balance: Balance }> {
  const all = await claimsAgainst(tx, allocation);
  const claims = all.filter((c) => c.allocationId === allocation.allocationId).reverse();
  return { allocation, claims, balance: allocationBalance(allocation, claims) };
}

/** Balances of each allocation, by row id, for a listing. */
export async function balancesOf(
  tx: StoreTx,
  allocations: readonly FundAllocation[],
): Promise<Map<number, Balance>> {
  const claimsByPartner = new Map<string, ExpenseClaim[]>();
  const result = new Map<number, Balance>();
  for (const a of allocations) {
    const key = `${a.partnerId} ${a.owner}`;
    let claims = claimsByPartner.get(key);
    if (!claims) {
      claims = await claimsAgainst(tx, a);
      claimsByPartner.set(key, claims);
    }
    result.set(a.id, allocationBalance(a, claims));
  }
  return result;
}

export interface PartnerBalance {
  partnerId: number;
  /** self: funds we allocated to the partner; partner: funds the partner allocated to us. */
  owner: FundOwner;
  balances: Balance[];
}

/**
 * Balances per partner and direction, one line per currency. Every allocation of a partner is
 * read (not paged): a partner holds a handful of allocations, not thousands.
 */
export async function partnerBalanceList(
  tx: StoreTx,
  filter: { partnerId?: number; owner?: FundOwner },
): Promise<PartnerBalance[]> {
  const allocations: FundAllocation[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await tx.funds.listAllocations(filter, {
      limit: 500,
      ...(after !== undefined && { after }),
    });
    allocations.push(...page);
    if (page.length < 500) break;
    after = page.at(-1)!.id;
  }
  const groups = new Map<string, FundAllocation[]>();
  for (const a of allocations) {
    const key = `${a.partnerId} ${a.owner}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const result: PartnerBalance[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const claims = await claimsAgainst(tx, first);
    result.push({
      partnerId: first.partnerId,
      owner: first.owner,
      balances: partnerBalances(group, claims),
    });
  }
  return result.sort((a, b) => a.partnerId - b.partnerId || a.owner.localeCompare(b.owner));
}
