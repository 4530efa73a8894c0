/**
 * Orders in the admin API: list them (by partner, status, direction), place one with a seller,
 * show one with its lines, answer and timeline, answer it (seller: AP, CA, RE), report a
 * milestone (seller: shipped, delivered, invoiced, cancelled), cancel it (either side).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import {
  parseAnswer,
  parseCancel,
  parseStatus,
  ANSWER_FIELDS,
  STATUS_FIELDS,
} from '../../orders/answer-input.ts';
import { findOrderRef, type OrderRef } from '../../orders/find-order.ts';
import { checkPlaceInput, type PlaceOrderInput } from '../../orders/order-input.ts';
import {
  answerOrderNow,
  cancelOrderNow,
  placeOrderNow,
  reportStatusNow,
} from '../../orders/order-ops.ts';
import { orderDetailView, orderView } from '../../orders/order-views.ts';
import { ORDER_DIRECTIONS, ORDER_STATUSES, type OrderFilter } from '../../store/order-store.ts';
import type { AdminEnv } from '../admin-env.ts';
import { queryPage, rejectUnknownFields, rejectUnknownQuery } from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { partnerForField } from '../partner-ref.ts';
import { optionalPartner, partnersById, queryEnum, recordRef } from '../record-params.ts';

export const PLACE_FIELDS = [
  'seller',
  'type',
  'lines',
  'priceListId',
  'shipTo',
  'endCustomer',
  'soldAt',
  'note',
  'orderId',
  'paymentTerms',
] as const;

export function createOrderAdminRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

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

  app.get('/orders', async (c) => {
    rejectUnknownQuery(c, ['partner', 'status', 'direction', 'limit', 'after']);
    const status = queryEnum(c, 'status', ORDER_STATUSES);
    const direction = queryEnum(c, 'direction', ORDER_DIRECTIONS);
    const partner = await optionalPartner(deps.store, c);
    const page = queryPage(c);
    const filter: OrderFilter = {
      ...(partner && { partnerId: partner.id }),
      ...(status && { status }),
      ...(direction && { direction }),
    };
    const rows = await deps.store.read((tx) =>
      tx.orders.listOrders(filter, { ...page, limit: page.limit + 1 }),
    );
    // One row more than asked tells whether a next page exists.
    const shown = rows.slice(0, page.limit);
    const names = await partnersById(deps.store);
    return c.json({
      orders: shown.map((o) => orderView(o, names.get(o.partnerId))),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.post('/orders', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, PLACE_FIELDS);
    const seller = await partnerForField(deps.store, body.seller, 'seller');
    const { seller: _seller, ...rest } = body;
    const input = checkPlaceInput({ ...rest, sellerPartnerId: seller.id } as PlaceOrderInput);
    const placed = await placeOrderNow(deps, input);
    deps.log.info({ category: 'orders', orderRowId: placed.id }, 'order placed');
    return c.json(await show(byRow(placed.id)), 201);
  });

  app.get('/orders/:id', async (c) => {
    rejectUnknownQuery(c, ['partner']);
    return c.json(await show(await recordRef(deps.store, c, 'order')));
  });

  app.post('/orders/:id/response', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, ANSWER_FIELDS);
    const input = parseAnswer(body);
    const order = await answerOrderNow(deps, await recordRef(deps.store, c, 'order'), input);
    return c.json(await show(byRow(order.id)));
  });

  app.post('/orders/:id/status', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, STATUS_FIELDS);
    const input = parseStatus(body);
    const order = await reportStatusNow(deps, await recordRef(deps.store, c, 'order'), input);
    return c.json(await show(byRow(order.id)));
  });

  app.post('/orders/:id/cancel', jsonBody(), async (c) => {
    rejectUnknownQuery(c, ['partner']);
    const body = c.var.body;
    rejectUnknownFields(body, ['reason']);
    const reason = parseCancel(body);
    const order = await cancelOrderNow(deps, await recordRef(deps.store, c, 'order'), reason);
    return c.json(await show(byRow(order.id)));
  });

  return app;
}
