/**
 * Orders in the admin API, declared in ./order-operations.ts: list them (by partner, status,
 * direction), place one with a seller, show one with its lines, answer and timeline, answer it
 * (seller: AP, CA, RE), report a milestone (seller: shipped, delivered, invoiced, cancelled),
 * cancel it (either side).
 */
import type { AppDeps } from '../../app.ts';
import { parseAnswer, parseCancel, parseStatus } from '../../orders/answer-input.ts';
import { findOrderRef, type OrderRef } from '../../orders/find-order.ts';
import { checkPlaceInput } from '../../orders/order-input.ts';
import {
  answerOrderNow,
  cancelOrderNow,
  placeOrderNow,
  reportStatusNow,
} from '../../orders/order-ops.ts';
import { orderDetailView, orderView } from '../../orders/order-views.ts';
import type { OrderFilter } from '../../store/order-store.ts';
import { createOperationRouter } from '../operation.ts';
import { partnerForField } from '../partner-ref.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import { partnersNamed, queryPartner, queryRecordRef } from '../record-params.ts';
import * as ops from './order-operations.ts';

export function createOrderAdminRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  const show = async (target: OrderRef) => {
    const data = await deps.store.read(async (tx) => {
      const order = await findOrderRef(tx, target);
      return {
        order,
        events: await tx.orders.events(order.id),
        receivable: await tx.orders.receivableOfOrder(order.id),
        partner: (await tx.partners.getById(order.partnerId)) ?? undefined,
      };
    });
    return orderDetailView(data.order, data.partner, data.events, data.receivable);
  };
  const byRow = (id: number): OrderRef => ({ ref: String(id) });

  app.openapi(ops.listOrders, async (c) => {
    const query = c.req.valid('query');
    const partner = await queryPartner(c.var.deps.store, query.partner);
    const page = pageOf(query);
    const filter: OrderFilter = {
      ...(partner && { partnerId: partner.id }),
      ...(query.status && { status: query.status }),
      ...(query.direction && { direction: query.direction }),
    };
    const rows = await c.var.deps.store.read((tx) =>
      tx.orders.listOrders(filter, { ...page, limit: page.limit + 1 }),
    );
    const { shown, nextCursor } = pageCut(rows, page.limit);
    const names = await partnersNamed(c.var.deps.store, shown);
    return c.json(
      {
        orders: shown.map((o) => orderView(o, names.get(o.partnerId))),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.placeOrder, async (c) => {
    const { seller: sellerRef, ...fields } = c.req.valid('json');
    const seller = await partnerForField(c.var.deps.store, sellerRef, 'seller');
    const input = checkPlaceInput({ ...fields, sellerPartnerId: seller.id } as never);
    const placed = await placeOrderNow(c.var.deps, input);
    c.var.deps.log.info({ category: 'orders', orderRowId: placed.id }, 'order placed');
    return c.json(await show(byRow(placed.id)), 201);
  });

  app.openapi(ops.getOrder, async (c) =>
    c.json(
      await show(
        await queryRecordRef(c.var.deps.store, c.req.valid('param').id, c.req.valid('query')),
      ),
      200,
    ),
  );

  app.openapi(ops.answerOrder, async (c) => {
    const input = parseAnswer(c.req.valid('json'));
    const order = await answerOrderNow(
      c.var.deps,
      await queryRecordRef(c.var.deps.store, c.req.valid('param').id, c.req.valid('query')),
      input,
    );
    return c.json(await show(byRow(order.id)), 200);
  });

  app.openapi(ops.reportOrderStatus, async (c) => {
    const input = parseStatus(c.req.valid('json'));
    const order = await reportStatusNow(
      c.var.deps,
      await queryRecordRef(c.var.deps.store, c.req.valid('param').id, c.req.valid('query')),
      input,
    );
    return c.json(await show(byRow(order.id)), 200);
  });

  app.openapi(ops.cancelOrder, async (c) => {
    const reason = parseCancel(c.req.valid('json'));
    const order = await cancelOrderNow(
      c.var.deps,
      await queryRecordRef(c.var.deps.store, c.req.valid('param').id, c.req.valid('query')),
      reason,
    );
    return c.json(await show(byRow(order.id)), 200);
  });

  return app;
}
