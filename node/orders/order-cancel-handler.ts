/**
 * order.cancel, seller side: the buyer asks to cancel an order it placed with us. Only that buyer
 * may (anything else is `forbidden`). An order that was shipped or invoiced is not cancelled
 * (`conflict`: the buyer keeps our state, which our order.status messages bring it); otherwise it
 * is cancelled and we confirm with order.status cancelled. Cancelling a cancelled order changes
 * nothing.
 */
import { judgedHandler, type Refusal } from '../domain-kernel/judge-then-apply.ts';
import type { HandlerContext, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { Order } from '../store/order-store.ts';
import type { StoreTx } from '../store/store.ts';
import { cancelRefusal } from './order-rules.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { setMilestone } from './seller-side.ts';
import type { OrderCancelBody } from './wire.ts';

type Judged = Refusal | { ok: true; order: Order };

async function judge({ message, partner }: HandlerContext, tx: StoreTx): Promise<Judged> {
  const body = message.body as OrderCancelBody;
  const order = await tx.orders.findOrder(partner.id, body.orderId);
  if (!order || order.direction !== 'incoming') return { ok: false, outcome: NOT_SHARED };
  const refusal = cancelRefusal(order.response, order);
  if (refusal) return { ok: false, outcome: conflict(refusal.message) };
  return { ok: true, order };
}

export const orderCancelHandler: MessageHandler = judgedHandler(
  'order.cancel',
  judge,
  async (ctx, tx, judged) => {
    const { order } = judged;
    if (order.cancelledAt) return OK;
    const body = ctx.message.body as OrderCancelBody;
    await tx.orders.addEvent({
      orderRowId: order.id,
      type: 'cancel_requested',
      side: 'partner',
      byNodeId: ctx.partner.nodeId,
      at: ctx.now,
      messageId: ctx.message.id,
      code: null,
      detail: { reason: body.reason },
      recordedAt: ctx.now,
    });
    await setMilestone(
      tx,
      order,
      ctx.partner,
      'cancelled',
      { reason: body.reason, by: 'buyer' },
      ctx.now,
    );
    return OK;
  },
);
