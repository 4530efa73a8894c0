/** Conversions between the orders, their events, receivables and payments tables' rows and the domain's records, for both stores. */
import {
  type OrderEventRow,
  type OrderRow,
  type PaymentRow,
  type ReceivableRow,
} from '../../db/schema/orders.ts';
import type {
  EndCustomer,
  Order,
  OrderChanges,
  OrderDirection,
  OrderEvent,
  OrderEventType,
  OrderLine,
  OrderStatus,
  OrderType,
  Payment,
  Receivable,
  ReceivableStatus,
  ResponseCode,
  ResponseLine,
  ShipTo,
} from '../order-store.ts';

export function changeColumns(c: OrderChanges): Partial<OrderRow> {
  const time = (d: Date | null | undefined) =>
    d === undefined ? undefined : (d?.getTime() ?? null);
  const r = c.response;
  const columns: Partial<Record<keyof OrderRow, unknown>> = {
    responseCode: r?.code,
    responseLines: r && JSON.stringify(r.lines),
    responseReason: r?.reason,
    responseReasonCode: r?.reasonCode,
    respondedAt: r?.at.getTime(),
    acceptedTotal: c.acceptedTotal,
    shippedAt: time(c.shippedAt),
    tracking: c.tracking,
    deliveredAt: time(c.deliveredAt),
    invoicedAt: time(c.invoicedAt),
    paymentDueAt: time(c.paymentDueAt),
    cancelledAt: time(c.cancelledAt),
    cancelledBy: c.cancelledBy,
    cancelReason: c.cancelReason,
    cancelRequestedAt: time(c.cancelRequestedAt),
    status: c.status,
  };
  // Only what the change names is written.
  return Object.fromEntries(
    Object.entries(columns).filter(([, v]) => v !== undefined),
  ) as Partial<OrderRow>;
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const jsonOrNull = <T>(text: string | null): T | null =>
  text === null ? null : (JSON.parse(text) as T);

export function orderFromColumns(row: OrderRow): Omit<Order, 'refusal'> {
  return {
    id: row.id,
    orderId: row.orderId,
    partnerId: row.partnerId,
    direction: row.direction as OrderDirection,
    type: row.type as OrderType,
    priceListId: row.priceListId,
    priceListVersion: row.priceListVersion,
    currency: row.currency,
    lines: JSON.parse(row.lines) as OrderLine[],
    total: row.total,
    shipTo: jsonOrNull<ShipTo>(row.shipTo),
    endCustomer: jsonOrNull<EndCustomer>(row.endCustomer),
    soldAt: row.soldAt,
    note: row.note,
    paymentTerms: row.paymentTerms,
    orderedAt: new Date(row.orderedAt),
    placeMessageId: row.placeMessageId,
    response:
      row.responseCode === null || row.respondedAt === null
        ? null
        : {
            code: row.responseCode as ResponseCode,
            lines: jsonOrNull<ResponseLine[]>(row.responseLines) ?? [],
            reason: row.responseReason,
            reasonCode: row.responseReasonCode,
            at: new Date(row.respondedAt),
          },
    acceptedTotal: row.acceptedTotal,
    shippedAt: dateOrNull(row.shippedAt),
    tracking: row.tracking,
    deliveredAt: dateOrNull(row.deliveredAt),
    invoicedAt: dateOrNull(row.invoicedAt),
    paymentDueAt: dateOrNull(row.paymentDueAt),
    cancelledAt: dateOrNull(row.cancelledAt),
    cancelledBy: row.cancelledBy as Order['cancelledBy'],
    cancelReason: row.cancelReason,
    cancelRequestedAt: dateOrNull(row.cancelRequestedAt),
    status: row.status as OrderStatus,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function eventFromRow(row: OrderEventRow): OrderEvent {
  return {
    id: row.id,
    orderRowId: row.orderRowId,
    type: row.type as OrderEventType,
    side: row.side as OrderEvent['side'],
    byNodeId: row.byNodeId,
    at: new Date(row.at),
    messageId: row.messageId,
    code: row.code,
    detail: jsonOrNull<Record<string, unknown>>(row.detail),
    recordedAt: new Date(row.recordedAt),
  };
}

export function receivableFromRow(row: ReceivableRow): Receivable {
  return {
    id: row.id,
    orderRowId: row.orderRowId,
    partnerId: row.partnerId,
    currency: row.currency,
    amount: row.amount,
    paid: row.paid,
    status: row.status as ReceivableStatus,
    bookedAt: new Date(row.bookedAt),
    paidAt: dateOrNull(row.paidAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function paymentFromRow(row: PaymentRow): Payment {
  return {
    id: row.id,
    receivableId: row.receivableId,
    amount: row.amount,
    paidAt: new Date(row.paidAt),
    note: row.note,
    recordedAt: new Date(row.recordedAt),
  };
}
