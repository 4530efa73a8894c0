/**
 * Orders, their timelines and the seller's receivables in SQLite. Every inbound order message
 * looks its order up by (partner, wire id), so that lookup is a prepared statement on the unique
 * index. Lines and response lines are JSON in the order row: an order is read and written whole.
 */
import { createRefusalLookup } from './refusal-repo.ts';
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import {
  orderEvents,
  orders,
  receivablePayments,
  receivables,
  type OrderRow,
} from '../../db/schema/orders.ts';
import type { Order, OrderRepo } from '../order-store.ts';
import {
  changeColumns,
  orderFromColumns,
  eventFromRow,
  receivableFromRow,
  paymentFromRow,
} from '../rows/order-row-mapping.ts';

export function createOrderRepo(db: Db): OrderRepo {
  const refusalOf = createRefusalLookup(db, 'order');
  const orderFromRow = (row: OrderRow): Order => ({
    ...orderFromColumns(row),
    refusal: refusalOf(row.orderId, row.partnerId),
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
    .prepare();

  return {
    async findOrder(partnerId, orderId) {
      const row = byKey.get({ partnerId, orderId });
      return row ? orderFromRow(row) : null;
    },
    async getOrder(id) {
      const row = db.select().from(orders).where(eq(orders.id, id)).get();
      return row ? orderFromRow(row) : null;
    },
    async ordersById(orderId) {
      return db
        .select()
        .from(orders)
        .where(eq(orders.orderId, orderId))
        .orderBy(asc(orders.id))
        .all()
        .map(orderFromRow);
    },
    async insertOrder(input) {
      const f = input.fields;
      const at = input.at.getTime();
      const row = db
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
        .get();
      return orderFromRow(row);
    },
    async updateOrder(id, changes, at) {
      db.update(orders)
        .set({ ...changeColumns(changes), updatedAt: at.getTime() })
        .where(eq(orders.id, id))
        .run();
    },
    async listOrders(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined) where.push(eq(orders.partnerId, filter.partnerId));
      if (filter.status) where.push(eq(orders.status, filter.status));
      if (filter.direction) where.push(eq(orders.direction, filter.direction));
      if (page.after !== undefined) where.push(lt(orders.id, page.after));
      return db
        .select()
        .from(orders)
        .where(and(...where))
        .orderBy(desc(orders.id))
        .limit(page.limit)
        .all()
        .map(orderFromRow);
    },
    async addEvent(event) {
      db.insert(orderEvents)
        .values({
          orderRowId: event.orderRowId,
          type: event.type,
          side: event.side,
          byNodeId: event.byNodeId,
          at: event.at.getTime(),
          messageId: event.messageId,
          code: event.code,
          detail: event.detail === null ? null : JSON.stringify(event.detail),
          recordedAt: event.recordedAt.getTime(),
        })
        .run();
    },
    async events(orderRowId) {
      return db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderRowId, orderRowId))
        .orderBy(asc(orderEvents.at), asc(orderEvents.id))
        .all()
        .map(eventFromRow);
    },

    async insertReceivable(input) {
      const at = input.at.getTime();
      const row = db
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
        .get();
      return receivableFromRow(row);
    },
    async getReceivable(id) {
      const row = db.select().from(receivables).where(eq(receivables.id, id)).get();
      return row ? receivableFromRow(row) : null;
    },
    async receivableOfOrder(orderRowId) {
      const row = db.select().from(receivables).where(eq(receivables.orderRowId, orderRowId)).get();
      return row ? receivableFromRow(row) : null;
    },
    async listReceivables(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined) where.push(eq(receivables.partnerId, filter.partnerId));
      if (filter.status) where.push(eq(receivables.status, filter.status));
      if (page.after !== undefined) where.push(lt(receivables.id, page.after));
      return db
        .select()
        .from(receivables)
        .where(and(...where))
        .orderBy(desc(receivables.id))
        .limit(page.limit)
        .all()
        .map(receivableFromRow);
    },
    async openReceivables(partnerId) {
      const where: SQL[] = [eq(receivables.status, 'open')];
      if (partnerId !== undefined) where.push(eq(receivables.partnerId, partnerId));
      return db
        .select()
        .from(receivables)
        .where(and(...where))
        .orderBy(asc(receivables.id))
        .all()
        .map(receivableFromRow);
    },
    async updateReceivable(id, changes, at) {
      db.update(receivables)
        .set({
          paid: changes.paid,
          status: changes.status,
          paidAt: changes.paidAt?.getTime() ?? null,
          updatedAt: at.getTime(),
        })
        .where(eq(receivables.id, id))
        .run();
    },
    async addPayment(input) {
      const row = db
        .insert(receivablePayments)
        .values({
          receivableId: input.receivableId,
          amount: input.amount,
          paidAt: input.paidAt.getTime(),
          note: input.note,
          recordedAt: input.recordedAt.getTime(),
        })
        .returning()
        .get();
      return paymentFromRow(row);
    },
    async payments(receivableId) {
      return db
        .select()
        .from(receivablePayments)
        .where(eq(receivablePayments.receivableId, receivableId))
        .orderBy(asc(receivablePayments.id))
        .all()
        .map(paymentFromRow);
    },
  };
}
