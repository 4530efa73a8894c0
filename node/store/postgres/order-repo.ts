/**
 * Orders, their timelines and the seller's receivables in SQLite. Every inbound order message
 * looks its order up by (partner, wire id), so that lookup is a prepared statement on the unique
 * index. Lines and response lines are JSON in the order row: an order is read and written whole.
 */
import { createRefusalLookup } from './refusal-repo.ts';
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import {
  orderEvents,
  orders,
  receivablePayments,
  receivables,
  type OrderEventRow,
  type OrderRow,
  type PaymentRow,
  type ReceivableRow,
} from '../../db/pg-schema/orders.ts';
import type {
  EndCustomer,
  Order,
  OrderChanges,
  OrderDirection,
  OrderEvent,
  OrderEventType,
  OrderLine,
  OrderRepo,
  OrderStatus,
  OrderType,
  Payment,
  Receivable,
  ReceivableStatus,
  ResponseCode,
  ResponseLine,
  ShipTo,
} from '../order-store.ts';

export function createOrderRepo(db: Db): OrderRepo {
  const refusalOf = createRefusalLookup(db, 'order');
  const orderFromRow = async (row: OrderRow): Promise<Order> => ({
    ...orderFromColumns(row),
    refusal: await refusalOf(row.orderId, row.partnerId),
  });
  const byKey = db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.partnerId, sql.placeholder('partnerId')),
        eq(orders.orderId, sql.placeholder('orderId')),
      ),
    )
    .prepare('byKey');

  return {
    async findOrder(partnerId, orderId) {
      const row = (await byKey.execute({ partnerId, orderId }))[0];
      return row ? orderFromRow(row) : null;
    },
    async getOrder(id) {
      const row = (await db.select().from(orders).where(eq(orders.id, id)))[0];
      return row ? orderFromRow(row) : null;
    },
    async ordersById(orderId) {
      return Promise.all(
        (
          await db.select().from(orders).where(eq(orders.orderId, orderId)).orderBy(asc(orders.id))
        ).map(orderFromRow),
      );
    },
    async insertOrder(input) {
      const f = input.fields;
      const at = input.at.getTime();
      const row = (
        await db
          .insert(orders)
          .values({
            orderId: input.orderId,
            partnerId: input.partnerId,
            direction: input.direction,
            type: f.type,
            priceListId: f.priceListId,
            priceListVersion: f.priceListVersion,
            currency: f.currency,
            lines: JSON.stringify(f.lines),
            total: input.total,
            shipTo: f.shipTo === null ? null : JSON.stringify(f.shipTo),
            endCustomer: f.endCustomer === null ? null : JSON.stringify(f.endCustomer),
            soldAt: f.soldAt,
            note: f.note,
            paymentTerms: f.paymentTerms ?? null,
            orderedAt: input.orderedAt.getTime(),
            placeMessageId: input.placeMessageId,
            status: 'placed',
            createdAt: at,
            updatedAt: at,
          })
          .returning()
      )[0]!;
      return orderFromRow(row);
    },
    async updateOrder(id, changes, at) {
      await db
        .update(orders)
        .set({ ...changeColumns(changes), updatedAt: at.getTime() })
        .where(eq(orders.id, id));
    },
    async listOrders(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined) where.push(eq(orders.partnerId, filter.partnerId));
      if (filter.status) where.push(eq(orders.status, filter.status));
      if (filter.direction) where.push(eq(orders.direction, filter.direction));
      if (page.after !== undefined) where.push(lt(orders.id, page.after));
      return Promise.all(
        (
          await db
            .select()
            .from(orders)
            .where(and(...where))
            .orderBy(desc(orders.id))
            .limit(page.limit)
        ).map(orderFromRow),
      );
    },
    async addEvent(event) {
      await db.insert(orderEvents).values({
        orderRowId: event.orderRowId,
        type: event.type,
        side: event.side,
        byNodeId: event.byNodeId,
        at: event.at.getTime(),
        messageId: event.messageId,
        code: event.code,
        detail: event.detail === null ? null : JSON.stringify(event.detail),
        recordedAt: event.recordedAt.getTime(),
      });
    },
    async events(orderRowId) {
      return (
        await db
          .select()
          .from(orderEvents)
          .where(eq(orderEvents.orderRowId, orderRowId))
          .orderBy(asc(orderEvents.at), asc(orderEvents.id))
      ).map(eventFromRow);
    },

    async insertReceivable(input) {
      const at = input.at.getTime();
      const row = (
        await db
          .insert(receivables)
          .values({
            orderRowId: input.orderRowId,
            partnerId: input.partnerId,
            currency: input.currency,
            amount: input.amount,
            paid: '0',
            status: 'open',
            bookedAt: at,
            updatedAt: at,
          })
          .returning()
      )[0]!;
      return receivableFromRow(row);
    },
    async getReceivable(id) {
      const row = (await db.select().from(receivables).where(eq(receivables.id, id)))[0];
      return row ? receivableFromRow(row) : null;
    },
    async receivableOfOrder(orderRowId) {
      const row = (
        await db.select().from(receivables).where(eq(receivables.orderRowId, orderRowId))
      )[0];
      return row ? receivableFromRow(row) : null;
    },
    async listReceivables(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined) where.push(eq(receivables.partnerId, filter.partnerId));
      if (filter.status) where.push(eq(receivables.status, filter.status));
      if (page.after !== undefined) where.push(lt(receivables.id, page.after));
      return (
        await db
          .select()
          .from(receivables)
          .where(and(...where))
          .orderBy(desc(receivables.id))
          .limit(page.limit)
      ).map(receivableFromRow);
    },
    async openReceivables(partnerId) {
      const where: SQL[] = [eq(receivables.status, 'open')];
      if (partnerId !== undefined) where.push(eq(receivables.partnerId, partnerId));
      return (
        await db
          .select()
          .from(receivables)
          .where(and(...where))
          .orderBy(asc(receivables.id))
      ).map(receivableFromRow);
    },
    async updateReceivable(id, changes, at) {
      await db
        .update(receivables)
        .set({
          paid: changes.paid,
          status: changes.status,
          paidAt: changes.paidAt?.getTime() ?? null,
          updatedAt: at.getTime(),
        })
        .where(eq(receivables.id, id));
    },
    async addPayment(input) {
      const row = (
        await db
          .insert(receivablePayments)
          .values({
            receivableId: input.receivableId,
            amount: input.amount,
            paidAt: input.paidAt.getTime(),
            note: input.note,
            recordedAt: input.recordedAt.getTime(),
          })
          .returning()
      )[0]!;
      return paymentFromRow(row);
    },
    async payments(receivableId) {
      return (
        await db
          .select()
          .from(receivablePayments)
          .where(eq(receivablePayments.receivableId, receivableId))
          .orderBy(asc(receivablePayments.id))
      ).map(paymentFromRow);
    },
  };
}

function changeColumns(c: OrderChanges): Partial<OrderRow> {
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

function orderFromColumns(row: OrderRow): Omit<Order, 'refusal'> {
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

function eventFromRow(row: OrderEventRow): OrderEvent {
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

function receivableFromRow(row: ReceivableRow): Receivable {
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

function paymentFromRow(row: PaymentRow): Payment {
  return {
    id: row.id,
    receivableId: row.receivableId,
    amount: row.amount,
    paidAt: new Date(row.paidAt),
    note: row.note,
    recordedAt: new Date(row.recordedAt),
  };
}
