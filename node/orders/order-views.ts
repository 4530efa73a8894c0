/**
 * How orders and receivables are shown to an operator (admin API, `--json`, the portal): wire ids
 * beside this node's numbers, times as ISO strings, amounts as decimal strings, the partner named.
 */
import { refusalView } from '../records/refusal-view.ts';
import type { Order, OrderEvent, Payment, Receivable } from '../store/order-store.ts';
import type { Partner } from '../store/types.ts';
import { applyChangedLines, lineAmount } from './order-rules.ts';
import { openAmount, type OpenTotal } from './receivables.ts';
import { iso } from '../records/iso-time.ts';

export function partnerSummary(p: Partner | undefined, id: number) {
  return { id, nodeId: p?.nodeId ?? null, name: p?.name ?? null };
}

export type OrderView = ReturnType<typeof orderView>;

export function orderView(o: Order, partner: Partner | undefined) {
  return {
    id: o.id,
    orderId: o.orderId,
    partner: partnerSummary(partner, o.partnerId),
    direction: o.direction,
    role: o.direction === 'outgoing' ? ('buyer' as const) : ('seller' as const),
    type: o.type,
    status: o.status,
    priceListId: o.priceListId,
    priceListVersion: o.priceListVersion,
    currency: o.currency,
    total: o.total,
    acceptedTotal: o.acceptedTotal,
    lineCount: o.lines.length,
    orderedAt: iso(o.orderedAt),
    responseCode: o.response?.code ?? null,
    cancelRequested: o.cancelRequestedAt !== null,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
    refusal: refusalView(o.refusal),
  };
}

export function eventView(e: OrderEvent) {
  return {
    type: e.type,
    side: e.side,
    by: e.byNodeId,
    at: iso(e.at),
    messageId: e.messageId,
    code: e.code,
    detail: e.detail,
    recordedAt: iso(e.recordedAt),
  };
}

export function receivableView(r: Receivable, partner: Partner | undefined, order?: Order) {
  return {
    id: r.id,
    partner: partnerSummary(partner, r.partnerId),
    orderRowId: r.orderRowId,
    orderId: order?.orderId ?? null,
    currency: r.currency,
    amount: r.amount,
    paid: r.paid,
    open: openAmount(r),
    status: r.status,
    bookedAt: iso(r.bookedAt),
    /** From the order's payment terms (seller's accounting data); null without terms. */
    dueAt: iso(order?.paymentDueAt ?? null),
    paidAt: iso(r.paidAt),
  };
}

export function paymentView(p: Payment) {
  return {
    id: p.id,
    amount: p.amount,
    paidAt: iso(p.paidAt),
    note: p.note,
    recordedAt: iso(p.recordedAt),
  };
}

export function openTotalView(t: OpenTotal, partner: Partner | undefined) {
  return {
    partner: partnerSummary(partner, t.partnerId),
    currency: t.currency,
    open: t.open,
    count: t.count,
  };
}

export function orderDetailView(
  o: Order,
  partner: Partner | undefined,
  events: OrderEvent[],
  receivable: Receivable | null,
) {
  const accepted =
    o.response?.code === 'CA' ? applyChangedLines(o.lines, o.response.lines) : o.lines;
  return {
    ...orderView(o, partner),
    lines: o.lines.map((l) => ({ ...l, amount: lineAmount(l) })),
    acceptedLines:
      o.acceptedTotal === null ? null : accepted.map((l) => ({ ...l, amount: lineAmount(l) })),
    shipTo: o.shipTo,
    endCustomer: o.endCustomer,
    soldAt: o.soldAt,
    note: o.note,
    paymentTerms: o.paymentTerms ?? null,
    response: o.response && {
      code: o.response.code,
      lines: o.response.lines,
      reason: o.response.reason,
      reasonCode: o.response.reasonCode,
      at: iso(o.response.at),
    },
    shippedAt: iso(o.shippedAt),
    tracking: o.tracking,
    deliveredAt: iso(o.deliveredAt),
    invoicedAt: iso(o.invoicedAt),
    paymentDueAt: iso(o.paymentDueAt),
    cancelledAt: iso(o.cancelledAt),
    cancelledBy: o.cancelledBy,
    cancelReason: o.cancelReason,
    cancelRequestedAt: iso(o.cancelRequestedAt),
    receivable: receivable && receivableView(receivable, partner, o),
    timeline: events.map(eventView),
  };
}
