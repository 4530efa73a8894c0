/**
 * Placing an order with a seller partner (buyer side), inside the caller's unit of work: against
 * the seller's price list as this node holds it (a read-only copy), the version in effect on the
 * order date (soldAt for a cash sale, else now). Unit prices default from that version for each
 * line's quantity (quantity breaks); a price given is sent as is and the seller checks it. The
 * order and its order.place message are written in `tx`; the caller calls `notifyOutbox()` after
 * the commit. The vendor-managed inventory domain calls this for replenishment orders.
 */
import { newMessageId } from '../../protocol/index.ts';
import { assertCanSend, assertValidBody, enqueueTo } from '../domain-kernel/send-to-partner.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import type { CatalogList } from '../store/catalog-store.ts';
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { Order, OrderFields } from '../store/order-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { heldAccountingOf } from '../catalog/accounting-check.ts';
import { unknownOrderCode } from './order-accounting.ts';
import { checkPlaceInput, type PlaceOrderInput } from './order-input.ts';
import type { OrderDeps } from './order-deps.ts';
import { orderTotal } from './order-rules.ts';
import { priceOrder, type PriceOrderResult } from './price-order.ts';
import { ORDER_PLACE, placeBody } from './wire.ts';

export type { PlaceOrderInput, PlaceLineInput } from './order-input.ts';
export type { Order, OrderLine, OrderStatus, OrderType } from '../store/order-store.ts';
export { orderView, type OrderView } from './order-views.ts';

export interface PlaceOrderResult {
  /** The order's wire id (ours: we are the buyer). */
  orderId: string;
  /** This node's number for the order. */
  id: number;
  /** The order.place message queued to the seller. */
  messageId: string;
  order: Order;
}

export async function placeOrder(
  deps: Pick<OrderDeps, 'clock' | 'schemas'>,
  tx: StoreTx,
  raw: PlaceOrderInput,
): Promise<PlaceOrderResult> {
  const input = checkPlaceInput(raw);
  const now = deps.clock.now();
  const seller = await tx.partners.getById(input.sellerPartnerId);
  if (!seller) throw notFound(`partner ${input.sellerPartnerId}`);
  assertCanSend(seller);

  const list = await sellerList(tx, seller, input.priceListId);
  if (list.withdrawnAt !== null) {
    throw new AppError(409, 'price_list_withdrawn', 'the seller stopped sharing this price list');
  }
  const orderedAt = input.soldAt === undefined ? now : new Date(input.soldAt);
  const priced = await priceOrder(tx, list, orderedAt, input.lines);
  if (!priced.ok) throw pricingError(list, orderedAt, priced);
  const { version, currency, lines } = priced;
  const unknown = unknownOrderCode(await heldAccountingOf(tx, seller.id), {
    currency,
    lines,
    paymentTerms: input.paymentTerms ?? null,
  });
  if (unknown) throw badRequest('unknown_code', unknown.detail, unknown.field);
  const orderId = input.orderId ?? newMessageId();
  if (await tx.orders.findOrder(seller.id, orderId)) {
    throw new AppError(409, 'order_exists', `order ${orderId} exists`, { field: 'orderId' });
  }
  const fields: OrderFields = {
    type: input.type,
    priceListId: list.listId,
    priceListVersion: version.version,
    currency,
    lines,
    shipTo: input.shipTo ?? null,
    endCustomer: input.endCustomer ?? null,
    soldAt: input.soldAt ?? null,
    note: input.note ?? null,
    paymentTerms: input.paymentTerms ?? null,
  };
  const body = placeBody(orderId, fields);
  assertValidBody(deps.schemas, ORDER_PLACE, body, { wrapper: 'order' });

  const messageId = newMessageId();
  const order = await tx.orders.insertOrder({
    orderId,
    partnerId: seller.id,
    direction: 'outgoing',
    fields,
    total: orderTotal(lines),
    orderedAt,
    placeMessageId: messageId,
    at: now,
  });
  await tx.orders.addEvent({
    orderRowId: order.id,
    type: 'placed',
    side: 'self',
    byNodeId: null,
    at: now,
    messageId,
    code: null,
    detail: { total: order.total, priceListVersion: version.version },
    recordedAt: now,
  });
  await enqueueTo(tx, seller, { messageId, kind: ORDER_PLACE, body }, now);
  return { orderId, id: order.id, messageId, order };
}

/** The seller's price list we hold: the one named, or the only one when none is named. */
async function sellerList(
  tx: StoreTx,
  seller: Partner,
  priceListId: string | undefined,
): Promise<CatalogList> {
  if (seller.id === SELF_OWNER) throw notFound(`partner ${seller.id}`);
  if (priceListId !== undefined) {
    const list = await tx.catalog.findList('pricelist', seller.id, priceListId);
    if (!list) throw notFound(`price list ${priceListId} of partner ${seller.id}`);
    return list;
  }
  const lists = (
    await tx.catalog.listLists({ kind: 'pricelist', ownerPartnerId: seller.id })
  ).filter((l) => l.withdrawnAt === null);
  if (lists.length === 0) throw notFound(`a price list of partner ${seller.id}`);
  if (lists.length > 1) {
    throw badRequest(
      'invalid_field',
      `partner ${seller.id} shares several price lists; name one with priceListId`,
      'priceListId',
    );
  }
  return lists[0]!;
}

/** The buyer API's error for an order the held version cannot price (the first bad line). */
function pricingError(
  list: CatalogList,
  at: Date,
  failed: Exclude<PriceOrderResult, { ok: true }>,
): AppError {
  if (failed.code === 'no_version_in_effect') {
    return new AppError(
      409,
      'no_version_in_effect',
      `no version of price list ${list.listId} is in effect at ${at.toISOString()}`,
    );
  }
  if (failed.code === 'no_currency') {
    return new AppError(409, 'no_currency', `price list ${list.listId} names no currency`);
  }
  const line = failed.lines[0]!;
  return line.code === 'unknown_sku'
    ? badRequest(
        'unknown_sku',
        `${line.sku} is not in version ${failed.version.version} of the price list`,
        `lines[${line.index}].sku`,
      )
    : badRequest(
        'no_price_for_qty',
        `${line.sku} has no price for a quantity of ${line.qty}`,
        `lines[${line.index}].qty`,
      );
}
