/**
 * Receivables in the admin API (seller side): the open amount per partner, the receivables (open
 * or paid) with their payments, and recording a payment (full or partial; never more than open).
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { notFound } from '../../errors.ts';
import { parsePayment, PAYMENT_FIELDS } from '../../orders/answer-input.ts';
import { openTotalView, paymentView, receivableView } from '../../orders/order-views.ts';
import { openTotals, recordPayment } from '../../orders/receivables.ts';
import { RECEIVABLE_STATUSES, type ReceivableFilter } from '../../store/order-store.ts';
import type { Store } from '../../store/store.ts';
import type { AdminEnv } from '../admin-env.ts';
import { queryPage, rejectUnknownFields, rejectUnknownQuery } from '../fields.ts';
import { jsonBody } from '../json-body.ts';
import { optionalPartner, partnersById, queryEnum } from '../record-params.ts';

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

function receivableId(raw: string | undefined): number {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) throw notFound(`receivable ${raw ?? ''}`);
  return Number(raw);
}

export function createReceivableRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/receivables', async (c) => {
    rejectUnknownQuery(c, ['partner', 'status', 'limit', 'after']);
    const status = queryEnum(c, 'status', RECEIVABLE_STATUSES);
    const partner = await optionalPartner(deps.store, c);
    const page = queryPage(c);
    const filter: ReceivableFilter = {
      ...(partner && { partnerId: partner.id }),
      ...(status && { status }),
    };
    const { rows, open, orders } = await deps.store.read(async (tx) => {
      const rows = await tx.orders.listReceivables(filter, { ...page, limit: page.limit + 1 });
      const orders = new Map();
      for (const r of rows) orders.set(r.orderRowId, await tx.orders.getOrder(r.orderRowId));
      return { rows, open: await tx.orders.openReceivables(partner?.id), orders };
    });
    const shown = rows.slice(0, page.limit);
    const names = await partnersById(deps.store);
    return c.json({
      openTotals: openTotals(open).map((t) => openTotalView(t, names.get(t.partnerId))),
      receivables: shown.map((r) =>
        receivableView(r, names.get(r.partnerId), orders.get(r.orderRowId) ?? undefined),
      ),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.get('/receivables/:id', async (c) => {
    rejectUnknownQuery(c, []);
    return c.json(await receivableDetail(deps.store, receivableId(c.req.param('id'))));
  });

  app.post('/receivables/:id/payments', jsonBody(), async (c) => {
    rejectUnknownQuery(c, []);
    const id = receivableId(c.req.param('id'));
    const body = c.var.body;
    rejectUnknownFields(body, PAYMENT_FIELDS);
    const input = parsePayment(body);
    await recordPayment(deps, id, input);
    return c.json(await receivableDetail(deps.store, id), 201);
  });

  return app;
}
