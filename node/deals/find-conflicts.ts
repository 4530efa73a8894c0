/**
 * The vendor's conflict check of an incoming registration, against (a) open registrations of
 * other partners and (b) leads offered to other partners. The store narrows candidates by the
 * customer's indexed keys; the rule itself is node/deals/conflict-rule.ts.
 */
import type { DealConflict, DealFields } from '../store/deal-store.ts';
import type { StoreTx } from '../store/store.ts';
import { conflictBetween, customerKey } from './conflict-rule.ts';

export async function findConflicts(
  tx: StoreTx,
  input: { partnerId: number; fields: DealFields; now: Date },
): Promise<DealConflict[]> {
  const { fields } = input;
  const key = customerKey(fields.endCustomer);
  const mine = { customer: fields.endCustomer, products: fields.products };

  const conflicts: DealConflict[] = [];
  const candidates = await tx.deals.findOpenByCustomer({
    domain: key.domain,
    normalizedName: key.normalizedName,
    country: key.country,
    exceptPartnerId: input.partnerId,
    now: input.now,
  });
  for (const other of candidates) {
    const products = conflictBetween(mine, {
      customer: other.endCustomer,
      products: other.products,
    });
    if (products.length > 0) {
      conflicts.push({
        type: 'deal',
        dealRowId: other.id,
        dealId: other.dealId,
        partnerId: other.partnerId,
        products,
      });
    }
  }

  // The leads domain applies the same rule to its offers (by domain or normalized name).
  const leads = await tx.leads.findCustomerConflicts({
    domain: key.domain,
    normalizedName: key.normalizedName,
    products: fields.products,
    exceptPartnerId: input.partnerId,
  });
  for (const lead of leads) {
    conflicts.push({ type: 'lead', leadId: lead.leadId, partnerId: lead.partnerId });
  }
  return conflicts;
}

const MAX_REASON = 500;
const MAX_NAMED_PRODUCTS = 5;

/**
 * The reason the registering partner reads. It names only what that partner knows already (its
 * own customer and products), never the other partner or the other record's id, so a conflict
 * answer cannot be used to learn who else works the account.
 */
export function conflictReason(conflicts: readonly DealConflict[]): string {
  const products = [...new Set(conflicts.flatMap((c) => (c.type === 'deal' ? c.products : [])))];
  const parts: string[] = [];
  if (products.length > 0) {
    const named = products.slice(0, MAX_NAMED_PRODUCTS).join(', ');
    const more =
      products.length > MAX_NAMED_PRODUCTS
        ? ` and ${products.length - MAX_NAMED_PRODUCTS} more`
        : '';
    parts.push(
      `another partner holds an open registration for this end customer covering ${named}${more}`,
    );
  }
  if (conflicts.some((c) => c.type === 'lead')) {
    parts.push('this end customer is a lead already passed to another partner for these products');
  }
  const text = `Conflict: ${parts.join('; ')}.`;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}
