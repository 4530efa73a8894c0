/**
 * A portal partner's replenishment order: the order.place its own node would send when it
 * accepts a proposal, priced from a price list we share with it (the version in effect now,
 * quantity breaks as the seller checks them). The first shared list that prices every line is
 * used; none is a 409 the page explains.
 */
import { newMessageId } from '../../../protocol/index.ts';
import { AppError } from '../../errors.ts';
import { priceOrder } from '../../orders/price-order.ts';
import { ORDER_PLACE, type OrderPlaceBody } from '../../orders/wire.ts';
import { SELF_OWNER } from '../../store/catalog-store.ts';
import type { OrderedLine } from '../../store/inventory-store.ts';
import type { Store } from '../../store/store.ts';

export { ORDER_PLACE };

export async function portalOrderBody(
  store: Store,
  partnerId: number,
  lines: readonly OrderedLine[],
  input: { now: Date; note: string },
): Promise<OrderPlaceBody> {
  return store.read(async (tx) => {
    for (const list of await tx.catalog.listLists({
      kind: 'pricelist',
      ownerPartnerId: SELF_OWNER,
    })) {
      if (list.withdrawnAt) continue;
      const share = await tx.catalog.getShare(list.id, partnerId);
      if (!share || share.withdrawnAt) continue;
      const priced = await priceOrder(tx, list, input.now, lines);
      if (!priced.ok) continue;
      const { version, currency } = priced;
      return {
        order: {
          id: newMessageId(),
          type: 'replenishment',
          priceListId: list.listId,
          priceListVersion: version.version,
          currency,
          lines: priced.lines,
          note: input.note,
        },
      };
    }
    throw new AppError(409, 'no_price_list', 'no price list shared with you prices every line');
  });
}
