/**
 * order.status, buyer side: the seller reports a milestone of an order we placed with it. Only
 * that seller may (anything else is `forbidden`). The seller decides the order's state, so its
 * milestones apply here whatever we asked for (a cancellation we requested that crossed a
 * shipment ends shipped, as on the seller's node). Each milestone is set once; a repeated or
 * late one changes nothing. A milestone that contradicts the state (shipping a cancelled order,
 * cancelling a shipped one) is a `conflict`.
 */
import { judgedHandler, type Refusal } from '../domain-kernel/judge-then-apply.ts';
import { parseUtcTimestamp } from '../../protocol/index.ts';
import type { HandlerContext, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { Order } from '../store/order-store.ts';
import type { StoreTx } from '../store/store.ts';
import { cancelRefusal, deriveStatus, milestoneChanges } from './order-rules.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { statusDetail } from './seller-side.ts';
import type { OrderStatusBody } from './wire.ts';

type Judged = Refusal | { ok: true; order: Order; at: Date };

async function judge({ message, partner }: HandlerContext, tx: StoreTx): Promise<Judged> {
  const body = message.body as OrderStatusBody;
  const order = await tx.orders.findOrder(partner.id, body.orderId);
  if (!order || order.direction !== 'outgoing') return { ok: false, outcome: NOT_SHARED };
  if (body.status === 'cancelled') {
    const refusal = cancelRefusal(order.response, order);
    if (refusal) return { ok: false, outcome: conflict(refusal.message) };
  } else if (order.cancelledAt) {
    return { ok: false, outcome: conflict(`the order was cancelled; it cannot be ${body.status}`) };
  }
  const at = body.at === undefined ? null : parseUtcTimestamp(body.at);
  return { ok: true, order, at: new Date(at ?? parseUtcTimestamp(message.sentAt)!) };
}

export const orderStatusHandler: MessageHandler = judgedHandler(
  'order.status',
  judge,
  async (ctx, tx, judged) => {
    const { order, at } = judged;
    const body = ctx.message.body as OrderStatusBody;
    const changes = milestoneChanges(body.status, order, at, {
      ...(body.tracking !== undefined && { tracking: body.tracking }),
      ...(body.reason !== undefined && { reason: body.reason }),
      by: body.cancelledBy ?? (order.cancelRequestedAt ? 'buyer' : 'seller'),
      ...(body.dueAt !== undefined && { dueAt: new Date(parseUtcTimestamp(body.dueAt)!) }),
    });
    if (Object.keys(changes).length === 0) return OK;
    const status = deriveStatus(order.response, { ...order, ...changes });
    await tx.orders.updateOrder(order.id, { ...changes, status }, ctx.now);
    await tx.orders.addEvent({
      orderRowId: order.id,
      type: 'status',
      side: 'partner',
      byNodeId: ctx.partner.nodeId,
      at,
      messageId: ctx.message.id,
      code: body.status,
      detail: statusDetail(body),
      recordedAt: ctx.now,
    });
    return OK;
  },
);
