/**
 * Orders of the signed-in partner: the list with what it still owes, the order form, one order,
 * and asking for a cancellation. An order is found by its id AND the signed-in partner, so no
 * partner sees another's. Placing is the order.place the partner's own node would send, priced
 * from a price list we share with it (the version in effect now, quantity breaks applied); the
 * vendor's node then checks and answers it as it would any partner's.
 */
import { Hono, type Context } from 'hono';
import { newMessageId } from '../../../protocol/index.ts';
import { AppError, badRequest } from '../../errors.ts';
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import {
  decimalText,
  parseEndCustomer,
  parseShipTo,
  parseTime,
  singleLine,
} from '../../orders/order-input.ts';
import { cancelRefusal } from '../../orders/order-rules.ts';
import { priceOrder } from '../../orders/price-order.ts';
import { openTotals } from '../../orders/receivables.ts';
import { ORDER_CANCEL, ORDER_PLACE, placeBody, type OrderPlaceBody } from '../../orders/wire.ts';
import { SELF_OWNER } from '../../store/catalog-store.ts';
import type { OrderType } from '../../store/order-store.ts';
import type { ActDeps } from '../act-as-partner.ts';
import { sharedLists } from './catalog-routes.tsx';
import { ownEntriesOf, ownEntryFor } from '../../catalog/accounting-check.ts';
import type { FormError } from './components.tsx';
import { errorPage } from './error-page.tsx';
import { formBody } from './form-body.ts';
import { pageCtx, sendPage } from './layout.tsx';
import { OrderPage } from './order-page.tsx';
import { NewOrderPage, ORDER_ROWS, OrderListPage, PORTAL_ORDER_TYPES } from './orders-pages.tsx';
import { actAndReturn, backTo, formErrorOf, given } from './portal-action.ts';
import type { FormValues, PortalEnv } from './portal-env.ts';
import { csrfCheck } from './session-guard.ts';
import { afterIdOf, cutPage, PORTAL_PAGE_SIZE } from './list-pager.tsx';

/**
 * A parser's 400 in the words of the page: English keeps the parser's own words after the
 * field's label, other languages get the kind of problem from the catalog.
 */
function problemOf(error: AppError, name: string, label: string, english: string): string {
  if (useTranslator().locale === 'en') return english;
  return formErrorOf(error, { [error.field ?? '']: name }, { [name]: label }).message;
}

/** Runs one field's parser; its 400 becomes that form field's error. */
function field<T>(errors: FormError[], name: string, label: string, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 400) throw error;
    const message = problemOf(error, name, label, `${label}: ${error.message}`);
    errors.push({ field: name, message });
    return undefined;
  }
}

/** The drop shipment's fields in words, for the address parsers' problems. */
const SHIP_LABELS: Record<string, MessageKey> = {
  customerName: 'orders.endCustomer',
  customerEmail: 'orders.customerEmail',
  shipName: 'orders.shipName',
  shipStreet: 'orders.shipStreet',
  shipPostal: 'orders.shipPostal',
  shipCity: 'orders.shipCity',
  shipCountry: 'orders.shipCountry',
};

interface OrderForm {
  listId: string;
  type: OrderType;
  rows: Array<{ row: number; sku: string; qty: string }>;
  endCustomer?: ReturnType<typeof parseEndCustomer>;
  shipTo?: ReturnType<typeof parseShipTo>;
  soldAt?: string;
  note?: string;
  /** A code of the payment terms in our accounting data shared with the partner. */
  paymentTerms?: string;
}

/** Every field's problem at once, before anything is priced or sent. */
function readOrderForm(
  form: FormValues,
): { ok: true; value: OrderForm } | { ok: false; errors: FormError[] } {
  const errors: FormError[] = [];
  const type = form.type ?? '';
  if (!(PORTAL_ORDER_TYPES as readonly string[]).includes(type)) {
    errors.push({ field: 'type', message: t('orders.err.type') });
  }
  const rows: OrderForm['rows'] = [];
  for (let row = 1; row <= ORDER_ROWS; row++) {
    const sku = given(form[`sku${row}`]);
    const qty = given(form[`qty${row}`]);
    if (sku === undefined && qty === undefined) continue;
    if (sku === undefined) {
      errors.push({ field: `sku${row}`, message: t('orders.err.sku', { row }) });
      continue;
    }
    if (qty === undefined) {
      errors.push({ field: `qty${row}`, message: t('orders.err.qty', { row }) });
      continue;
    }
    const skuOk = field(errors, `sku${row}`, t('orders.row', { row }), () =>
      singleLine({ sku }, 'sku', 100, 'SKU'),
    );
    let qtyOk: string | undefined;
    try {
      qtyOk = decimalText(qty, 'qty', true);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      errors.push({
        field: `qty${row}`,
        message: t('orders.err.qtyNumber', { row }),
      });
    }
    if (skuOk !== undefined && qtyOk !== undefined) rows.push({ row, sku, qty });
  }
  if (
    rows.length === 0 &&
    !errors.some((e) => e.field.startsWith('sku') || e.field.startsWith('qty'))
  ) {
    errors.push({ field: 'sku1', message: t('orders.err.noSku') });
  }
  const customer = { name: given(form.customerName), email: given(form.customerEmail) };
  const ship = {
    name: given(form.shipName),
    street: given(form.shipStreet),
    postalCode: given(form.shipPostal),
    city: given(form.shipCity),
    country: given(form.shipCountry)?.toUpperCase(),
  };
  const dropShip = type === 'drop_ship';
  const anyCustomer = Object.values(customer).some((v) => v !== undefined);
  const anyShip = Object.values(ship).some((v) => v !== undefined);
  const defined = (o: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  // A drop shipment needs these; each missing one is named on its own.
  const needed: Array<[string, string | undefined]> = [
    ['customerName', customer.name],
    ['shipName', ship.name],
    ['shipStreet', ship.street],
    ['shipCity', ship.city],
    ['shipCountry', ship.country],
  ];
  const missing = needed.filter(
    ([name, value]) =>
      value === undefined && (dropShip || (name === 'customerName' ? anyCustomer : anyShip)),
  );
  for (const [name] of missing) {
    errors.push({
      field: name,
      message: t('orders.err.needed', { field: name, dropShip: dropShip ? 'yes' : 'no' }),
    });
  }
  let endCustomer: OrderForm['endCustomer'];
  let shipTo: OrderForm['shipTo'];
  const names: Record<string, string> = {
    'endCustomer.name': 'customerName',
    'endCustomer.email': 'customerEmail',
    'shipTo.name': 'shipName',
    'shipTo.street': 'shipStreet',
    'shipTo.postalCode': 'shipPostal',
    'shipTo.city': 'shipCity',
    'shipTo.country': 'shipCountry',
  };
  const part = <T,>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      const name = names[error.field ?? ''] ?? 'customerName';
      const english = error.message.replace(error.field ?? '', 'It');
      errors.push({ field: name, message: problemOf(error, name, t(SHIP_LABELS[name]!), english) });
      return undefined;
    }
  };
  if (missing.length === 0) {
    if (anyCustomer) endCustomer = part(() => parseEndCustomer(defined(customer)));
    if (anyShip) shipTo = part(() => parseShipTo(defined(ship)));
  }
  const soldAtText = given(form.soldAt);
  let soldAt: string | undefined;
  if (type === 'cash_sale') {
    if (soldAtText === undefined)
      errors.push({ field: 'soldAt', message: t('orders.err.soldAtNeeded') });
    else
      soldAt = field(errors, 'soldAt', t('orders.pickedUpAt'), () =>
        parseTime(soldAtText, 'the time'),
      );
  } else if (soldAtText !== undefined) {
    errors.push({ field: 'soldAt', message: t('orders.err.soldAtOnly') });
  }
  const note = given(form.note);
  if (note !== undefined && note.length > 5000) {
    errors.push({ field: 'note', message: t('orders.err.noteLong') });
  }
  const paymentTerms = given(form.paymentTerms);
  if (paymentTerms !== undefined && paymentTerms.length > 100) {
    errors.push({ field: 'paymentTerms', message: t('orders.err.paymentTerms') });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      listId: form.priceList ?? '',
      type: type as OrderType,
      rows,
      ...(endCustomer && { endCustomer }),
      ...(shipTo && { shipTo }),
      ...(soldAt !== undefined && { soldAt }),
      ...(note !== undefined && { note }),
      ...(paymentTerms !== undefined && { paymentTerms }),
    },
  };
}

export function createOrderRoutes(deps: ActDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const ctxOf = (c: Context<PortalEnv>) => pageCtx(c, deps.clock.now(), 'orders');
  const noOrder = (c: Context<PortalEnv>) => errorPage(c, 404, t('orders.noOrder'));

  const findOrder = (partnerId: number, id: string) =>
    id.length > 200
      ? Promise.resolve(null)
      : deps.store.read(async (tx) => {
          const order = await tx.orders.findOrder(partnerId, id);
          if (!order || order.direction !== 'incoming') return null;
          return {
            order,
            events: await tx.orders.events(order.id),
            receivable: await tx.orders.receivableOfOrder(order.id),
          };
        });

  /** The form priced from the shared list's version in effect now; unknown SKUs are field errors. */
  const priced = (partnerId: number, f: OrderForm, orderId: string) =>
    deps.store.read(
      async (
        tx,
      ): Promise<{ ok: true; body: OrderPlaceBody } | { ok: false; errors: FormError[] }> => {
        const list = await tx.catalog.findList('pricelist', SELF_OWNER, f.listId);
        const share = list ? await tx.catalog.getShare(list.id, partnerId) : null;
        if (!list || list.withdrawnAt || !share || share.withdrawnAt) {
          return {
            ok: false,
            errors: [{ field: 'priceList', message: t('orders.err.priceList') }],
          };
        }
        // Terms the vendor no longer shares: the order.place handler would refuse them.
        if (
          f.paymentTerms !== undefined &&
          !(await ownEntryFor(tx, partnerId, 'payment_terms', f.paymentTerms))
        ) {
          return {
            ok: false,
            errors: [{ field: 'paymentTerms', message: t('orders.err.paymentTerms') }],
          };
        }
        const now = deps.clock.now();
        const at = f.soldAt === undefined ? now : new Date(f.soldAt);
        // The order.place handler answers RE to an older sale; say so before anything is sent.
        const backdateHours = deps.config.cashSaleBackdateHours;
        if (at.getTime() < now.getTime() - backdateHours * 3600_000) {
          return {
            ok: false,
            errors: [
              {
                field: 'soldAt',
                message: t('orders.err.backdate', { hours: backdateHours }),
              },
            ],
          };
        }
        const result = await priceOrder(tx, list, at, f.rows);
        if (!result.ok && result.code !== 'lines') {
          return {
            ok: false,
            errors: [
              {
                field: 'priceList',
                message: t('orders.err.noPrices'),
              },
            ],
          };
        }
        if (!result.ok) {
          return {
            ok: false,
            errors: result.lines.map(({ index, sku, qty, code }) => {
              const row = f.rows[index]!.row;
              return code === 'no_price_for_qty'
                ? {
                    field: `qty${row}`,
                    message: t('orders.err.noPriceForQty', { row, sku, qty }),
                  }
                : { field: `sku${row}`, message: t('orders.err.notInList', { row, sku }) };
            }),
          };
        }
        const { version, currency, lines } = result;
        const body = placeBody(orderId, {
          type: f.type,
          priceListId: list.listId,
          priceListVersion: version.version,
          currency,
          lines,
          shipTo: f.shipTo ?? null,
          endCustomer: f.endCustomer ?? null,
          soldAt: f.soldAt ?? null,
          note: f.note ?? null,
          paymentTerms: f.paymentTerms ?? null,
        });
        const valid = deps.schemas.validateBody(ORDER_PLACE, body);
        if (!valid.ok) throw badRequest('invalid_field', valid.detail, 'order');
        return { ok: true, body };
      },
    );

  app.get('/orders', async (c) => {
    const partnerId = c.var.viewer.partner.id;
    const after = afterIdOf(c);
    const data = await deps.store.read(async (tx) => {
      const { shown: orders, nextCursor } = cutPage(
        await tx.orders.listOrders(
          { partnerId, direction: 'incoming' },
          { limit: PORTAL_PAGE_SIZE + 1, ...(after !== undefined && { after }) },
        ),
        PORTAL_PAGE_SIZE,
      );
      const receivables = await tx.orders.openReceivables(partnerId);
      const orderIds = new Map<number, string>();
      for (const r of receivables) {
        const o = await tx.orders.getOrder(r.orderRowId);
        if (o) orderIds.set(r.orderRowId, o.orderId);
      }
      return { orders, nextCursor, receivables, orderIds };
    });
    return sendPage(
      c,
      <OrderListPage ctx={ctxOf(c)} {...data} open={openTotals(data.receivables)} />,
    );
  });

  /** The payment terms the partner may choose: those of our accounting data shared with it. */
  const termsFor = (partnerId: number) =>
    deps.store.read((tx) => ownEntriesOf(tx, partnerId, 'payment_terms'));

  app.get('/orders/new', async (c) => {
    const lists = await sharedLists(deps.store, 'pricelist', c.var.viewer.partner.id);
    const terms = await termsFor(c.var.viewer.partner.id);
    const list = c.req.query('list');
    return sendPage(
      c,
      <NewOrderPage
        ctx={ctxOf(c)}
        lists={lists}
        terms={terms}
        {...(list !== undefined && { form: { priceList: list } })}
      />,
    );
  });

  app.post('/orders', formBody(), csrfCheck(), async (c) => {
    const partnerId = c.var.viewer.partner.id;
    const form = c.var.form;
    const invalid = async (errors: FormError[]) => {
      const lists = await sharedLists(deps.store, 'pricelist', partnerId);
      const terms = await termsFor(partnerId);
      return sendPage(
        c,
        <NewOrderPage ctx={ctxOf(c)} lists={lists} terms={terms} form={form} error={errors} />,
        400,
      );
    };
    const read = readOrderForm(form);
    if (!read.ok) return invalid(read.errors);
    const orderId = newMessageId();
    const result = await priced(partnerId, read.value, orderId);
    if (!result.ok) return invalid(result.errors);
    return actAndReturn(
      deps,
      c,
      { kind: ORDER_PLACE, body: result.body },
      { path: `/orders/${encodeURIComponent(orderId)}`, done: 'ordered' },
    );
  });

  app.get('/orders/:id', async (c) => {
    const found = await findOrder(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noOrder(c);
    return sendPage(
      c,
      <OrderPage
        ctx={ctxOf(c)}
        {...found}
        done={c.req.query('done')}
        refused={c.req.query('error')}
      />,
    );
  });

  app.post('/orders/:id/cancel', formBody(), csrfCheck(), async (c) => {
    const found = await findOrder(c.var.viewer.partner.id, c.req.param('id'));
    if (!found) return noOrder(c);
    const { order } = found;
    const path = `/orders/${encodeURIComponent(order.orderId)}`;
    if (order.cancelledAt) return backTo(c, path, { error: 'already_cancelled' });
    const refusal = cancelRefusal(order.response, order);
    if (refusal) return backTo(c, path, { error: refusal.code });
    const reason = given(c.var.form.reason);
    if (reason === undefined || reason.length > 500) {
      const message = reason === undefined ? t('orders.err.sayWhy') : t('orders.err.reasonLong');
      return sendPage(
        c,
        <OrderPage
          ctx={ctxOf(c)}
          {...found}
          form={c.var.form}
          error={[{ field: 'reason', message }]}
        />,
        400,
      );
    }
    return actAndReturn(
      deps,
      c,
      { kind: ORDER_CANCEL, body: { orderId: order.orderId, reason } },
      { path, done: 'cancel_asked' },
    );
  });

  return app;
}
