/**
 * Orders of the signed-in partner with the vendor: the list with what is still open to pay, and
 * the order form (price list, type, SKU and quantity rows). One order is in order-page.tsx.
 */
import type { FC } from 'hono/jsx';
import { openAmount, type OpenTotal } from '../../orders/receivables.ts';
import type { Order, Receivable } from '../../store/order-store.ts';
import type { SharedList } from './catalog-pages.tsx';
import {
  REFUSED,
  SelectField,
  Status,
  TextArea,
  TextField,
  type FormErrors,
} from './components.tsx';
import { t, type MessageKey } from '../../i18n/index.ts';
import { Day, formatDate, money } from './format.ts';
import { href, Layout, type PageCtx } from './layout.tsx';
import { NewRecordPage } from './new-record-page.tsx';
import { NextListPage } from './list-pager.tsx';

/** How many SKU and quantity rows the form has (no script adds more). */
export const ORDER_ROWS = 8;

export const PORTAL_ORDER_TYPES = ['standard', 'replenishment', 'drop_ship', 'cash_sale'] as const;

const TYPE_LABELS: Record<(typeof PORTAL_ORDER_TYPES)[number], MessageKey> = {
  standard: 'orders.type.standard',
  replenishment: 'orders.type.replenishment',
  drop_ship: 'orders.type.drop_ship',
  cash_sale: 'orders.type.cash_sale',
};

/** The seller's answer codes (order.response) in words. */
export const ANSWERS: Record<string, MessageKey> = {
  AB: 'orders.answer.AB',
  AP: 'orders.answer.AP',
  CA: 'orders.answer.CA',
  RE: 'orders.answer.RE',
};

/** An answer code in words; an unknown one as it is. */
export const answerWords = (code: string | null | undefined): string =>
  code && ANSWERS[code] ? t(ANSWERS[code]) : (code ?? '');

const DONE: Record<string, MessageKey> = {
  ordered: 'orders.done.ordered',
  cancel_asked: 'orders.done.cancel_asked',
};

/** The refusals an order's page shows, by stable code → catalog key. */
export const ORDER_REFUSALS: Record<string, MessageKey> = {
  ...REFUSED,
  conflict: 'refusal.order_conflict',
  already_shipped: 'refusal.already_shipped',
  already_invoiced: 'refusal.already_invoiced',
  order_rejected: 'refusal.order_rejected',
  already_cancelled: 'refusal.already_cancelled',
};

export const OrderNotice: FC<{ done?: string | undefined; refused?: string | undefined }> = (p) => (
  <>
    {p.done && DONE[p.done] && (
      <div class="notice done" role="status">
        <p>{t(DONE[p.done]!)}</p>
      </div>
    )}
    {p.refused && (
      <div class="notice error" role="alert">
        <p>{t(ORDER_REFUSALS[p.refused] ?? 'refusal.other')}</p>
      </div>
    )}
  </>
);

export const orderPath = (o: Order) => `/orders/${encodeURIComponent(o.orderId)}`;
export const orderTitle = (o: Order) =>
  t('orders.title', { type: o.type, date: formatDate(o.orderedAt) });

export const OrderListPage: FC<{
  ctx: PageCtx;
  orders: Order[];
  open: OpenTotal[];
  receivables: Receivable[];
  orderIds: ReadonlyMap<number, string>;
  nextCursor: number | null;
}> = ({ ctx, orders, open, receivables, orderIds, nextCursor }) => (
  <Layout ctx={ctx} title={t('nav.orders')}>
    <h1>{t('nav.orders')}</h1>
    <p>
      <a href={href(ctx, '/orders/new')}>{t('orders.place')}</a>
    </p>
    <section aria-labelledby="open-heading">
      <h2 id="open-heading">{t('orders.openAmount')}</h2>
      {open.length === 0 ? (
        <p>{t('orders.owesNothing')}</p>
      ) : (
        <>
          <p>
            {open.map((o) => (
              <strong class="open-total">
                {t('orders.openTotal', { money: money(o.open, o.currency), count: o.count })}{' '}
              </strong>
            ))}
          </p>
          <div class="scroll" role="region" aria-label={t('orders.openInvoices')} tabindex={0}>
            <table>
              <caption>{t('orders.openInvoices')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('orders.col.order')}</th>
                  <th scope="col">{t('orders.col.booked')}</th>
                  <th scope="col">{t('field.amount')}</th>
                  <th scope="col">{t('funds.paid')}</th>
                  <th scope="col">{t('orders.col.open')}</th>
                </tr>
              </thead>
              <tbody>
                {receivables.map((r) => {
                  const id = orderIds.get(r.orderRowId);
                  return (
                    <tr>
                      <td>
                        {id ? (
                          <a href={href(ctx, `/orders/${encodeURIComponent(id)}`)}>{id}</a>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        <Day day={r.bookedAt} />
                      </td>
                      <td>{money(r.amount, r.currency)}</td>
                      <td>{money(r.paid, r.currency)}</td>
                      <td>{money(openAmount(r), r.currency)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
    <h2>{t('orders.yours')}</h2>
    {orders.length === 0 ? (
      <p>{t('orders.none')}</p>
    ) : (
      <ul class="cards">
        {orders.map((o) => (
          <li class="card">
            <h3>
              <a href={href(ctx, orderPath(o))}>{orderTitle(o)}</a>
            </h3>
            <p>
              <Status value={o.status} /> · {t('orders.lines', { count: o.lines.length })} ·{' '}
              {money(o.acceptedTotal ?? o.total, o.currency)}
            </p>
            <p class="muted">{t('orders.orderId', { id: o.orderId })}</p>
          </li>
        ))}
      </ul>
    )}
    <NextListPage ctx={ctx} path="/orders" cursor={nextCursor} />
  </Layout>
);

export const NewOrderPage: FC<{
  ctx: PageCtx;
  lists: SharedList[];
  /** The vendor's payment terms shared with the partner; none, no choice. */
  terms?: ReadonlyArray<Readonly<Record<string, string>>>;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, lists, terms = [], form = {}, error }) => {
  if (lists.length === 0) {
    return (
      <Layout ctx={ctx} title={t('orders.place')}>
        <p>
          <a href={href(ctx, '/orders')}>{t('nav.orders')}</a>
        </p>
        <h1>{t('orders.place')}</h1>
        <p>{t('orders.nothingToOrder')}</p>
      </Layout>
    );
  }
  return (
    <NewRecordPage
      ctx={ctx}
      title={t('orders.place')}
      listPath="/orders"
      listLabel={t('nav.orders')}
      submit={t('orders.send')}
      error={error}
    >
      <SelectField
        name="priceList"
        label={t('orders.priceList')}
        required
        value={form.priceList ?? lists[0]!.list.listId}
        options={lists.map(
          ({ list, version }) =>
            [
              list.listId,
              t('orders.listOption', { name: list.name, version: version.version }),
            ] as const,
        )}
        hint={t('orders.priceListHint')}
        error={error}
      />
      <SelectField
        name="type"
        label={t('orders.type')}
        required
        value={form.type ?? 'standard'}
        options={PORTAL_ORDER_TYPES.map((type) => [type, t(TYPE_LABELS[type])] as const)}
        error={error}
      />
      {terms.length > 0 && (
        <SelectField
          name="paymentTerms"
          label={t('orders.paymentTerms')}
          value={form.paymentTerms ?? ''}
          options={[
            ['', t('orders.noPaymentTerms')] as const,
            ...terms.map((e) => [e.code ?? '', `${e.name ?? e.code} (${e.code})`] as const),
          ]}
          error={error}
        />
      )}
      <fieldset>
        <legend>{t('orders.whatYouOrder')}</legend>
        <p class="hint">{t('orders.rowsHint')}</p>
        {Array.from({ length: ORDER_ROWS }, (_, i) => (
          <div class="order-row">
            <TextField
              name={`sku${i + 1}`}
              label={t('orders.skuRow', { row: i + 1 })}
              required={i === 0}
              maxlength={100}
              value={form[`sku${i + 1}`]}
              error={error}
            />
            <TextField
              name={`qty${i + 1}`}
              label={t('orders.qtyRow', { row: i + 1 })}
              required={i === 0}
              maxlength={40}
              inputmode="decimal"
              value={form[`qty${i + 1}`]}
              error={error}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('orders.dropShipLegend')}</legend>
        <TextField
          name="customerName"
          label={t('orders.endCustomer')}
          maxlength={200}
          value={form.customerName}
          error={error}
        />
        <TextField
          name="customerEmail"
          label={t('orders.customerEmail')}
          type="email"
          maxlength={254}
          value={form.customerEmail}
          error={error}
        />
        <TextField
          name="shipName"
          label={t('orders.shipName')}
          maxlength={200}
          value={form.shipName}
          error={error}
        />
        <TextField
          name="shipStreet"
          label={t('orders.shipStreet')}
          maxlength={200}
          value={form.shipStreet}
          error={error}
        />
        <TextField
          name="shipPostal"
          label={t('orders.shipPostal')}
          maxlength={20}
          value={form.shipPostal}
          error={error}
        />
        <TextField
          name="shipCity"
          label={t('orders.shipCity')}
          maxlength={200}
          value={form.shipCity}
          error={error}
        />
        <TextField
          name="shipCountry"
          label={t('orders.shipCountry')}
          maxlength={2}
          hint={t('orders.shipCountryHint')}
          value={form.shipCountry}
          error={error}
        />
      </fieldset>
      <TextField
        name="soldAt"
        label={t('orders.soldAt')}
        maxlength={40}
        hint={t('orders.soldAtHint')}
        value={form.soldAt}
        error={error}
      />
      <TextArea
        name="note"
        label={t('orders.note')}
        maxlength={5000}
        value={form.note}
        error={error}
      />
    </NewRecordPage>
  );
};
