/**
 * The operator's order operations, each one unit of work that writes the order and queues the
 * message that tells the partner: place (buyer), answer and report milestones (seller), cancel
 * (either side: the buyer asks, the seller decides). State rules are in order-rules.ts.
 */
import { newMessageId } from '../../protocol/index.ts';
import {
  assertCanSend,
  assertValidBody,
  enqueueTo,
  partnerOf,
} from '../domain-kernel/send-to-partner.ts';
import { badRequest, conflict } from '../errors.ts';
import { Decimal } from '../records/decimal-string.ts';
import type { Order, OrderResponse, ResponseLine, StatusUpdate } from '../store/order-store.ts';
import type { OrderDeps } from './order-deps.ts';
import type { PlaceOrderInput } from './order-input.ts';
import { findOrderRef, type OrderRef } from './find-order.ts';
import { cancelRefusal, isFinalResponse, milestoneRefusal } from './order-rules.ts';
import { placeOrder, type PlaceOrderResult } from './place-order.ts';
import { answerOrder, responseBody, setMilestone } from './seller-side.ts';
import { ORDER_CANCEL, ORDER_RESPONSE, ORDER_STATUS, type OrderCancelBody } from './wire.ts';

/** How far ahead of now a cash sale's soldAt may lie (clock skew between till and node). */
const MAX_SOLD_AT_LEAD_MS = 5 * 60_000;

export async function placeOrderNow(
  deps: OrderDeps,
  input: PlaceOrderInput,
): Promise<PlaceOrderResult> {
  if (
    input.soldAt !== undefined &&
    Date.parse(input.soldAt) > deps.clock.now().getTime() + MAX_SOLD_AT_LEAD_MS
  ) {
    throw badRequest('invalid_field', 'soldAt must not be in the future', 'soldAt');
  }
  const result = await deps.store.transact((tx) => placeOrder(deps, tx, input));
  deps.notifyOutbox();
  return result;
}

export interface AnswerInput {
  code: 'AP' | 'CA' | 'RE';
  /** CA: the changed lines by number (qty "0" drops one); unitPrice defaults to the ordered one. */
  lines?: Array<{ line: number; qty: string; unitPrice?: string }>;
  reason?: string;
  reasonCode?: string;
}

const sellerOnly = (order: Order) => {
  if (order.direction !== 'incoming') {
    throw conflict('not_seller', 'only the seller answers an order or reports its status');
  }
};

export async function answerOrderNow(
  deps: OrderDeps,
  target: OrderRef,
  input: AnswerInput,
): Promise<Order> {
  const now = deps.clock.now();
  const order = await deps.store.transact(async (tx) => {
    const order = await findOrderRef(tx, target);
    sellerOnly(order);
    if (order.cancelledAt) throw conflict('order_cancelled', 'the order was cancelled');
    if (isFinalResponse(order.response?.code)) {
      throw conflict('already_answered', `the order was answered ${order.response!.code} already`);
    }
    const partner = await partnerOf(tx, order.partnerId);
    assertCanSend(partner);
    const response: OrderResponse = {
      code: input.code,
      lines: input.code === 'CA' ? changedLines(order, input.lines) : [],
      reason: input.reason ?? null,
      reasonCode: input.code === 'RE' ? (input.reasonCode ?? 'rejected_by_seller') : null,
      at: now,
    };
    if (input.code === 'RE' && response.reason === null) {
      throw badRequest('invalid_field', 'reason is required with RE', 'reason');
    }
    assertValidBody(deps.schemas, ORDER_RESPONSE, responseBody(order, response));
    return answerOrder(tx, order, partner, response, now);
  });
  deps.notifyOutbox();
  return order;
}

/** CA's lines: each names a line of the order and changes its qty and/or price. */
function changedLines(order: Order, lines: AnswerInput['lines']): ResponseLine[] {
  if (!lines || lines.length === 0) {
    throw badRequest('invalid_field', 'CA needs the changed lines', 'lines');
  }
  const byNumber = new Map(order.lines.map((l) => [l.line, l]));
  const seen = new Set<number>();
  const changed = lines.map((c, i) => {
    const line = byNumber.get(c.line);
    if (!line)
      throw badRequest('invalid_field', `the order has no line ${c.line}`, `lines[${i}].line`);
    if (seen.has(c.line)) {
      throw badRequest('invalid_field', `line ${c.line} is changed twice`, `lines[${i}].line`);
    }
    seen.add(c.line);
    return { line: c.line, sku: line.sku, qty: c.qty, unitPrice: c.unitPrice ?? line.unitPrice };
  });
  const kept = order.lines.filter((l) => {
    const c = changed.find((x) => x.line === l.line);
    return !c || !new Decimal(c.qty).isZero();
  });
  if (kept.length === 0) {
    throw badRequest('invalid_field', 'CA would drop every line; answer RE instead', 'lines');
  }
  return changed;
}

export interface StatusInput {
  status: StatusUpdate;
  tracking?: string;
  reason?: string;
}

export async function reportStatusNow(
  deps: OrderDeps,
  target: OrderRef,
  input: StatusInput,
): Promise<Order> {
  const now = deps.clock.now();
  const order = await deps.store.transact(async (tx) => {
    const order = await findOrderRef(tx, target);
    sellerOnly(order);
    if (order.type === 'cash_sale' && input.status === 'shipped') {
      throw conflict('cash_sale_not_shipped', 'a cash sale was handed over; it is never shipped');
    }
    const refusal = milestoneRefusal(input.status, order.response, order);
    if (refusal) throw conflict(refusal.code, refusal.message);
    const already = {
      shipped: order.shippedAt,
      delivered: order.deliveredAt,
      invoiced: order.invoicedAt,
      cancelled: order.cancelledAt,
    }[input.status];
    if (already) throw conflict('status_already_set', `the order was ${input.status} already`);
    const partner = await partnerOf(tx, order.partnerId);
    assertCanSend(partner);
    const extra = {
      ...(input.tracking !== undefined && { tracking: input.tracking }),
      ...(input.reason !== undefined && { reason: input.reason }),
      by: 'seller' as const,
    };
    assertValidBody(deps.schemas, ORDER_STATUS, {
      orderId: order.orderId,
      status: input.status,
      ...(input.status === 'shipped' &&
        input.tracking !== undefined && { tracking: input.tracking }),
      ...(input.status === 'cancelled' && input.reason !== undefined && { reason: input.reason }),
    });
    return setMilestone(tx, order, partner, input.status, extra, now);
  });
  deps.notifyOutbox();
  return order;
}

/**
 * Cancels an order. The seller cancels at once (order.status cancelled); the buyer asks the
 * seller (order.cancel) and the order is cancelled when the seller confirms. Refused with 409 when
 * the order shipped, was invoiced or rejected, or a cancellation is already asked for.
 */
export async function cancelOrderNow(
  deps: OrderDeps,
  target: OrderRef,
  reason: string,
): Promise<Order> {
  const order = await deps.store.read((tx) => findOrderRef(tx, target));
  if (order.direction === 'incoming') {
    return reportStatusNow(deps, { ref: String(order.id) }, { status: 'cancelled', reason });
  }
  const now = deps.clock.now();
  const result = await deps.store.transact(async (tx) => {
    const order = await findOrderRef(tx, target);
    if (order.cancelledAt) throw conflict('already_cancelled', 'the order is cancelled');
    const refusal = cancelRefusal(order.response, order);
    if (refusal) throw conflict(refusal.code, refusal.message);
    if (order.cancelRequestedAt) {
      throw conflict('cancel_requested', 'a cancellation was asked for already');
    }
    const partner = await partnerOf(tx, order.partnerId);
    assertCanSend(partner);
    const body: OrderCancelBody = { orderId: order.orderId, reason };
    assertValidBody(deps.schemas, ORDER_CANCEL, body);
    const messageId = newMessageId();
    await enqueueTo(tx, partner, { messageId, kind: ORDER_CANCEL, body }, now);
    await tx.orders.updateOrder(order.id, { cancelRequestedAt: now }, now);
    await tx.orders.addEvent({
      orderRowId: order.id,
      type: 'cancel_requested',
      side: 'self',
      byNodeId: null,
      at: now,
      messageId,
      code: null,
      detail: { reason },
      recordedAt: now,
    });
    return { ...order, cancelRequestedAt: now };
  });
  deps.notifyOutbox();
  return result;
}
