/**
 * What the seller does to an order in one unit of work, whether the order.place handler answers
 * automatically or the operator decides: store the answer or milestone, put it on the timeline,
 * queue the message that tells the buyer, and book the receivable when the order is invoiced (or
 * handed over, for a cash sale).
 */
import { newMessageId, type MessageKind } from '../../protocol/index.ts';
import { ownEntryFor } from '../catalog/accounting-check.ts';
import { enqueueTo } from '../domain-kernel/send-to-partner.ts';
import type { Order, OrderResponse, Receivable, StatusUpdate } from '../store/order-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { acceptedTotalOf, deriveStatus, milestoneChanges } from './order-rules.ts';
import {
  ORDER_RESPONSE,
  ORDER_STATUS,
  type OrderResponseBody,
  type OrderStatusBody,
} from './wire.ts';

async function send(
  tx: StoreTx,
  partner: Partner,
  kind: MessageKind,
  body: unknown,
  now: Date,
): Promise<string> {
  const messageId = newMessageId();
  await enqueueTo(tx, partner, { messageId, kind, body }, now);
  return messageId;
}

export function responseBody(order: Order, response: OrderResponse): OrderResponseBody {
  return {
    orderId: order.orderId,
    code: response.code,
    ...(response.lines.length > 0 && { lines: response.lines }),
    ...(response.reason !== null && { reason: response.reason }),
    ...(response.reasonCode !== null && { reasonCode: response.reasonCode }),
    at: response.at.toISOString(),
  };
}

/** Stores the seller's answer and tells the buyer; returns the order as it is now. */
export async function answerOrder(
  tx: StoreTx,
  order: Order,
  partner: Partner,
  response: OrderResponse,
  now: Date,
): Promise<Order> {
  const acceptedTotal = acceptedTotalOf(order.lines, response);
  const status = deriveStatus(response, order);
  await tx.orders.updateOrder(order.id, { response, acceptedTotal, status }, now);
  const messageId = await send(tx, partner, ORDER_RESPONSE, responseBody(order, response), now);
  await tx.orders.addEvent({
    orderRowId: order.id,
    type: 'response',
    side: 'self',
    byNodeId: null,
    at: response.at,
    messageId,
    code: response.code,
    detail: responseDetail(response),
    recordedAt: now,
  });
  return { ...order, response, acceptedTotal, status };
}

export function responseDetail(response: OrderResponse): Record<string, unknown> | null {
  const detail = {
    ...(response.lines.length > 0 && { lines: response.lines }),
    ...(response.reason !== null && { reason: response.reason }),
    ...(response.reasonCode !== null && { reasonCode: response.reasonCode }),
  };
  return Object.keys(detail).length > 0 ? detail : null;
}

/**
 * Sets a milestone (the caller checked that it may be set) and tells the buyer; invoicing books
 * the receivable for the accepted total.
 */
export async function setMilestone(
  tx: StoreTx,
  order: Order,
  partner: Partner,
  update: StatusUpdate,
  extra: { tracking?: string; reason?: string; by?: 'buyer' | 'seller' },
  now: Date,
): Promise<Order> {
  const dueAt = update === 'invoiced' ? await paymentDueAt(tx, order, now) : null;
  const changes = milestoneChanges(update, order, now, {
    ...extra,
    ...(dueAt !== null && { dueAt }),
  });
  const next = { ...order, ...changes };
  const status = deriveStatus(order.response, next);
  await tx.orders.updateOrder(order.id, { ...changes, status }, now);
  const body: OrderStatusBody = {
    orderId: order.orderId,
    status: update,
    ...(update === 'shipped' && extra.tracking !== undefined && { tracking: extra.tracking }),
    ...(update === 'cancelled' && extra.reason !== undefined && { reason: extra.reason }),
    ...(update === 'cancelled' && { cancelledBy: extra.by ?? 'seller' }),
    at: now.toISOString(),
    ...(dueAt !== null && { dueAt: dueAt.toISOString() }),
  };
  const messageId = await send(tx, partner, ORDER_STATUS, body, now);
  await tx.orders.addEvent({
    orderRowId: order.id,
    type: 'status',
    side: 'self',
    byNodeId: null,
    at: now,
    messageId,
    code: update,
    detail: statusDetail(body),
    recordedAt: now,
  });
  if (update === 'invoiced') await bookReceivable(tx, next, now);
  return { ...next, status };
}

export function statusDetail(body: OrderStatusBody): Record<string, unknown> | null {
  const detail = {
    ...(body.tracking !== undefined && { tracking: body.tracking }),
    ...(body.reason !== undefined && { reason: body.reason }),
    ...(body.dueAt !== undefined && { dueAt: body.dueAt }),
  };
  return Object.keys(detail).length > 0 ? detail : null;
}

const DAY_MS = 86_400_000;

/**
 * When the invoice falls due: the invoice date plus the `days` of the order's payment terms, as
 * our accounting data shared with the buyer has them now (the order was checked against it on
 * arrival); null when the order names no terms or the data no longer has them.
 */
async function paymentDueAt(tx: StoreTx, order: Order, now: Date): Promise<Date | null> {
  if (order.paymentTerms == null || order.invoicedAt !== null) return null;
  const terms = await ownEntryFor(tx, order.partnerId, 'payment_terms', order.paymentTerms);
  const days = terms?.days === undefined ? NaN : Number(terms.days);
  return Number.isInteger(days) ? new Date(now.getTime() + days * DAY_MS) : null;
}

/** Books what the buyer owes for the order, once. */
export async function bookReceivable(tx: StoreTx, order: Order, now: Date): Promise<Receivable> {
  const existing = await tx.orders.receivableOfOrder(order.id);
  if (existing) return existing;
  return tx.orders.insertReceivable({
    orderRowId: order.id,
    partnerId: order.partnerId,
    currency: order.currency,
    amount: order.acceptedTotal ?? order.total,
    at: now,
  });
}
