/**
 * order.response, buyer side: the seller answers an order we placed with it. Only that seller
 * may answer it (any other sender, or an order we do not hold, is `forbidden`). AB is recorded
 * while nothing else is; a final answer (AP, CA, RE) is recorded once, and the same answer again
 * changes nothing, while another final answer contradicts it (`conflict`). The status derives
 * from the answer and the milestones, so a late answer (after a shipped status that overtook it)
 * is still recorded without moving the status back.
 */
import { judgedHandler, type Refusal } from '../domain-kernel/judge-then-apply.ts';
import { parseUtcTimestamp } from '../../protocol/index.ts';
import type { HandlerContext, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { Order, OrderResponse } from '../store/order-store.ts';
import type { StoreTx } from '../store/store.ts';
import { acceptedTotalOf, deriveStatus, isFinalResponse } from './order-rules.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { responseDetail } from './seller-side.ts';
import type { OrderResponseBody } from './wire.ts';

type Judged = Refusal | { ok: true; order: Order; response: OrderResponse; changes: boolean };

function responseOf(body: OrderResponseBody, fallback: Date): OrderResponse {
  const at = body.at === undefined ? null : parseUtcTimestamp(body.at);
  return {
    code: body.code,
    lines: body.lines ?? [],
    reason: body.reason ?? null,
    reasonCode: body.reasonCode ?? null,
    at: at === null ? fallback : new Date(at),
  };
}

const sameAnswer = (a: OrderResponse, b: OrderResponse) =>
  a.code === b.code &&
  a.reason === b.reason &&
  a.reasonCode === b.reasonCode &&
  JSON.stringify(a.lines) === JSON.stringify(b.lines);

async function judge({ message, partner }: HandlerContext, tx: StoreTx): Promise<Judged> {
  const body = message.body as OrderResponseBody;
  const order = await tx.orders.findOrder(partner.id, body.orderId);
  if (!order || order.direction !== 'outgoing') return { ok: false, outcome: NOT_SHARED };
  const sentAt = new Date(parseUtcTimestamp(message.sentAt)!);
  const response = responseOf(body, sentAt);
  if (body.code === 'CA') {
    const numbers = new Set(order.lines.map((l) => l.line));
    const stray = response.lines.find((l) => !numbers.has(l.line));
    if (stray) return { ok: false, outcome: conflict(`the order has no line ${stray.line}`) };
  }
  const held = order.response;
  if (!isFinalResponse(body.code)) {
    // AB after anything is old news.
    return { ok: true, order, response, changes: held === null };
  }
  if (held && isFinalResponse(held.code)) {
    if (sameAnswer(held, response)) return { ok: true, order, response, changes: false };
    return { ok: false, outcome: conflict(`the order was answered ${held.code} already`) };
  }
  return { ok: true, order, response, changes: true };
}

export const orderResponseHandler: MessageHandler = judgedHandler(
  'order.response',
  judge,
  async (ctx, tx, judged) => {
    if (!judged.changes) return OK;
    const { order, response } = judged;
    await tx.orders.updateOrder(
      order.id,
      {
        response,
        acceptedTotal: acceptedTotalOf(order.lines, response),
        status: deriveStatus(response, order),
      },
      ctx.now,
    );
    await tx.orders.addEvent({
      orderRowId: order.id,
      type: 'response',
      side: 'partner',
      byNodeId: ctx.partner.nodeId,
      at: response.at,
      messageId: ctx.message.id,
      code: response.code,
      detail: responseDetail(response),
      recordedAt: ctx.now,
    });
    return OK;
  },
);
