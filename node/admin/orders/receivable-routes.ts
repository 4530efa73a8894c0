/**
 * Receivables in the admin API (seller side), declared in ./order-operations.ts: the open amount
 * per partner, the receivables (open or paid) with their payments, and recording a payment (full
 * or partial; never more than open).
 */
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../errors.ts';
import { parsePayment } from '../../orders/answer-input.ts';
import { openTotalView, paymentView, receivableView } from '../../orders/order-views.ts';
import { openTotals, recordPayment } from '../../orders/receivables.ts';
import type { ReceivableFilter } from '../../store/order-store.ts';
import type { Store } from '../../store/store.ts';
import { createOperationRouter } from '../operation.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import { partnersById, queryPartner } from '../record-params.ts';
import * as ops from './order-operations.ts';

async function receivableDetail(store: Store, id: number) {
  return store.read(async (tx) => {
    const r = await tx.orders.getReceivable(id);
    if (!r) throw notFound(`receivable ${id}`);
    const order = (await tx.orders.getOrder(r.orderRowId)) ?? undefined;
    const partner = (await tx.partners.getById(r.partnerId)) ?? undefined;
    return {
      ...receivableView(r, partner, order),
      payments: (await tx.orders.payments(r.id)).map(paymentView),
    };
  });
}

export function createReceivableRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  app.openapi(ops.listReceivables, async (c) => {
    const query = c.req.valid('query');
    const partner = await queryPartner(c.var.deps.store, query.partner);
    const page = pageOf(query);
    const filter: ReceivableFilter = {
      ...(partner && { partnerId: partner.id }),
      ...(query.status && { status: query.status }),
    };
    const { rows, open, orders } = await c.var.deps.store.read(async (tx) => {
      const rows = await tx.orders.listReceivables(filter, { ...page, limit: page.limit + 1 });
      const orders = new Map();
      for (const r of rows) orders.set(r.orderRowId, await tx.orders.getOrder(r.orderRowId));
      return { rows, open: await tx.orders.openReceivables(partner?.id), orders };
    });
    const { shown, nextCursor } = pageCut(rows, page.limit);
    const names = await partnersById(c.var.deps.store);
    return c.json(
      {
        openTotals: openTotals(open).map((t) => openTotalView(t, names.get(t.partnerId))),
        receivables: shown.map((r) =>
          receivableView(r, names.get(r.partnerId), orders.get(r.orderRowId) ?? undefined),
        ),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.getReceivable, async (c) =>
    c.json(await receivableDetail(c.var.deps.store, Number(c.req.valid('param').id)), 200),
  );

  app.openapi(ops.recordPayment, async (c) => {
    const id = Number(c.req.valid('param').id);
    await recordPayment(c.var.deps, id, parsePayment(c.req.valid('json')));
    return c.json(await receivableDetail(c.var.deps.store, id), 201);
  });

  return app;
}
