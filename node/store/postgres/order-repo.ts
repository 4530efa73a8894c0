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
  type OrderRow,
} from '../../db/pg-schema/orders.ts';
import type { Order, OrderRepo } from '../order-store.ts';
import {
  changeColumns,
  orderFromColumns,
  eventFromRow,
  receivableFromRow,
  paymentFromRow,
} from '../rows/order-row-mapping.ts';
import { onFirstUse } from './on-first-use.ts';

export function createOrderRepo(db: Db): OrderRepo {
  const refusalOf = createRefusalLookup(db, 'order');
  const orderFromRow = async (row: OrderRow): Promise<Order> => ({
    ...orderFromColumns(row),
    refusal: await refusalOf(row.orderId, row.partnerId),
  });
  const byKey = onFirstUse(() =>
    db
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.partnerId, sql.placeholder('partnerId')),
          eq(orders.orderId, sql.placeholder('orderId')),
        ),
      )
      .prepare('byKey'),
  );

  return {
    async findOrder(partnerId, orderId) {
      const row = (await byKey().execute({ partnerId, orderId }))[0];
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
