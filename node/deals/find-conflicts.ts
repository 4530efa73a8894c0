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

/**
 * The one reason a partner reads when its registration conflicts (PROTOCOL.md 10.3). Always the
 * same text: naming the shared products, or whether a registration or a lead clashed, would let
 * a partner that registers a guessed customer with guessed products learn what a competitor sells
 * to whom (issue 14.15). The vendor's admin sees the full conflict list on its own node.
 */
export const DEAL_CONFLICT_REASON =
  'Conflict: this end customer is already being worked for a product in this registration.';
