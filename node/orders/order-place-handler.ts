/**
 * order.place, seller side: a partner orders against one of our price lists. Only a list we
 * share with the sender may be ordered from (any other is `forbidden`, the same answer as for a
 * list we do not have). The order is recorded and checked at once: a failing line, or a version
 * not in effect on the order date, is answered RE with a reason naming each failing line; an
 * order that checks out is answered AB and waits for the operator's AP, CA or RE — except a cash
 * sale, which was handed over already: it is accepted (AP), marked delivered (never shipped) and
 * its receivable booked, all at once.
 *
 * The order date is when we received the order, never the sender's sentAt (a sender may backdate
 * that within the replay window). A cash sale may name an earlier soldAt, but only within the
 * back-dating window the operator sets (cashSaleBackdateHours); an older one is RE
 * `sold_at_out_of_window`, so no one books a delivered sale at superseded prices.
 */
import { judgedHandler, type Refusal } from '../domain-kernel/judge-then-apply.ts';
import { pushedAccountingTo } from '../catalog/accounting-check.ts';
import { unknownOrderCode } from './order-accounting.ts';
import { parseUtcTimestamp } from '../../protocol/index.ts';
import type { HandlerContext, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { StoredLine } from '../store/catalog-store.ts';
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { Order, OrderResponse } from '../store/order-store.ts';
import type { StoreTx } from '../store/store.ts';
import { checkLines, failureReason } from './line-check.ts';
import { orderTotal } from './order-rules.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { answerOrder, bookReceivable, setMilestone } from './seller-side.ts';
import { fieldsOf, sameFields, type OrderPlaceBody } from './wire.ts';

/** How far a cash sale's soldAt may lie after we received it (clock skew between nodes). */
const MAX_SOLD_AT_LEAD_MS = 5 * 60_000;

type Judged = Refusal | { ok: true; existing: Order | null; listRowId: number; orderedAt: Date };

async function judge({ message, partner, now }: HandlerContext, tx: StoreTx): Promise<Judged> {
  const body = message.body as OrderPlaceBody;
  const list = await tx.catalog.findList('pricelist', SELF_OWNER, body.order.priceListId);
  const share = list ? await tx.catalog.getShare(list.id, partner.id) : null;
  if (!list || !share || share.withdrawnAt !== null) return { ok: false, outcome: NOT_SHARED };
  const existing = await tx.orders.findOrder(partner.id, body.order.id);
  // An order id is the buyer's and names one order: the same again changes nothing.
  if (existing && (existing.direction !== 'incoming' || !sameFields(existing, fieldsOf(body)))) {
    return { ok: false, outcome: conflict(`order ${body.order.id} was placed with other content`) };
  }
  let orderedAt = now.getTime();
  if (body.order.soldAt !== undefined) {
    const soldAt = parseUtcTimestamp(body.order.soldAt);
    if (soldAt === null || soldAt > orderedAt + MAX_SOLD_AT_LEAD_MS) {
      return { ok: false, outcome: conflict('soldAt is later than the order was received') };
    }
    orderedAt = soldAt;
  }
  return { ok: true, existing, listRowId: list.id, orderedAt: new Date(orderedAt) };
}

/** RE with a stable code, or null when the order checks out against the version it names. */
async function check(
  tx: StoreTx,
  listRowId: number,
  order: Order,
  now: Date,
  backdateMs: number,
): Promise<OrderResponse | null> {
  const reject = (reasonCode: string, reason: string, lines: OrderResponse['lines'] = []) => ({
    code: 'RE' as const,
    lines,
    reason,
    reasonCode,
    at: now,
  });
  if (order.orderedAt.getTime() < now.getTime() - backdateMs) {
    return reject(
      'sold_at_out_of_window',
      `soldAt ${order.orderedAt.toISOString()} is more than ${backdateMs / 3600_000} h before ` +
        'the seller received the order',
    );
  }
  const list = await tx.catalog.getList(listRowId);
  if (list?.withdrawnAt) {
    return reject('price_list_withdrawn', `price list ${order.priceListId} is withdrawn`);
  }
  const version = await tx.catalog.getVersion(listRowId, order.priceListVersion);
  if (!version || version.status !== 'applied') {
    return reject(
      'version_unknown',
      `price list ${order.priceListId} has no version ${order.priceListVersion}`,
    );
  }
  const inEffect = await tx.catalog.versionInEffect(listRowId, order.orderedAt.getTime());
  if (inEffect?.id !== version.id) {
    return reject(
      'version_not_in_effect',
      `version ${version.version} is not in effect on ${order.orderedAt.toISOString()}` +
        (inEffect ? `; version ${inEffect.version} is` : ''),
    );
  }
  const currency = version.currency ?? list?.currency ?? null;
  if (currency !== order.currency) {
    return reject('currency_mismatch', `the price list is in ${currency ?? 'no currency'}`);
  }
  const unknown = unknownOrderCode(await pushedAccountingTo(tx, order.partnerId), order);
  if (unknown) return reject('unknown_code', unknown.detail);
  const skus = new Map<string, StoredLine[]>();
  for (const sku of new Set(order.lines.map((l) => l.sku))) {
    skus.set(sku, await tx.catalog.linesForSku(version.id, sku));
  }
  const failures = checkLines(order.lines, skus);
  return failures.length > 0 ? reject('line_errors', failureReason(failures), failures) : null;
}

export const orderPlaceHandler: MessageHandler = judgedHandler(
  'order.place',
  judge,
  async (ctx, tx, judged) => {
    if (judged.existing) return OK;
    const { partner, message, now } = ctx;
    const body = message.body as OrderPlaceBody;
    const fields = fieldsOf(body);
    let order = await tx.orders.insertOrder({
      orderId: body.order.id,
      partnerId: partner.id,
      direction: 'incoming',
      fields,
      total: orderTotal(fields.lines),
      orderedAt: judged.orderedAt,
      placeMessageId: message.id,
      at: now,
    });
    await tx.orders.addEvent({
      orderRowId: order.id,
      type: 'placed',
      side: 'partner',
      byNodeId: partner.nodeId,
      at: now,
      messageId: message.id,
      code: null,
      detail: { total: order.total, priceListVersion: order.priceListVersion },
      recordedAt: now,
    });
    const rejection = await check(tx, judged.listRowId, order, now, ctx.limits.cashSaleBackdateMs);
    if (rejection) {
      await answerOrder(tx, order, partner, rejection, now);
      return OK;
    }
    if (order.type !== 'cash_sale') {
      const ab = { code: 'AB' as const, lines: [], reason: null, reasonCode: null, at: now };
      await answerOrder(tx, order, partner, ab, now);
      return OK;
    }
    const ap = { code: 'AP' as const, lines: [], reason: null, reasonCode: null, at: now };
    order = await answerOrder(tx, order, partner, ap, now);
    order = await setMilestone(tx, order, partner, 'delivered', {}, now);
    await bookReceivable(tx, order, now);
    return OK;
  },
);
