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
import { formatDate, money, words } from './format.ts';
import { href, Layout, type PageCtx } from './layout.tsx';
import { NewRecordPage } from './new-record-page.tsx';

/** How many SKU and quantity rows the form has (no script adds more). */
export const ORDER_ROWS = 8;

export const PORTAL_ORDER_TYPES = ['standard', 'replenishment', 'drop_ship', 'cash_sale'] as const;

const TYPE_LABELS: Record<string, string> = {
  standard: 'Standard order',
  replenishment: 'Replenishment of your stock',
  drop_ship: 'Drop shipment to an end customer',
  cash_sale: 'Cash sale (picked up on the spot)',
};

export const ANSWERS: Record<string, string> = {
  AB: 'Received; the vendor is checking it',
  AP: 'Accepted',
  CA: 'Accepted with changes',
  RE: 'Rejected',
};

const DONE: Record<string, string> = {
  ordered: 'Your order was sent to the vendor.',
  cancel_asked: 'You asked the vendor to cancel this order.',
};

const REFUSALS: Record<string, string> = {
  ...REFUSED,
  conflict: 'The vendor’s records do not allow this any more (the order may have shipped).',
  already_shipped: 'The order was shipped; it can no longer be cancelled.',
  already_invoiced: 'The order was invoiced; it can no longer be cancelled.',
  order_rejected: 'The order was rejected; there is nothing to cancel.',
  already_cancelled: 'The order is cancelled already.',
};

export const OrderNotice: FC<{ done?: string | undefined; refused?: string | undefined }> = (p) => (
  <>
    {p.done && DONE[p.done] && (
      <div class="notice done" role="status">
        <p>{DONE[p.done]}</p>
      </div>
    )}
    {p.refused && (
      <div class="notice error" role="alert">
        <p>{REFUSALS[p.refused] ?? REFUSALS.other}</p>
      </div>
    )}
  </>
);

export const orderPath = (o: Order) => `/orders/${encodeURIComponent(o.orderId)}`;
export const orderTitle = (o: Order) => {
  const type = words(o.type);
  return `${type.charAt(0).toUpperCase()}${type.slice(1)} order of ${formatDate(o.orderedAt)}`;
};

export const OrderListPage: FC<{
  ctx: PageCtx;
  orders: Order[];
  open: OpenTotal[];
  receivables: Receivable[];
  orderIds: ReadonlyMap<number, string>;
}> = ({ ctx, orders, open, receivables, orderIds }) => (
  <Layout ctx={ctx} title="Orders">
    <h1>Orders</h1>
    <p>
      <a href={href(ctx, '/orders/new')}>Place an order</a>
    </p>
    <section aria-labelledby="open-heading">
      <h2 id="open-heading">Open amount</h2>
      {open.length === 0 ? (
        <p>You owe the vendor nothing at the moment.</p>
      ) : (
        <>
          <p>
            {open.map((t) => (
              <strong class="open-total">
                {money(t.open, t.currency)} open ({t.count} invoice{t.count === 1 ? '' : 's'}){' '}
              </strong>
            ))}
          </p>
          <div class="scroll" role="region" aria-label="Open invoices" tabindex={0}>
            <table>
              <caption>Open invoices</caption>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Booked</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Paid</th>
                  <th scope="col">Open</th>
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
                      <td>{formatDate(r.bookedAt)}</td>
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
    <h2>Your orders</h2>
    {orders.length === 0 ? (
      <p>No orders yet.</p>
    ) : (
      <ul class="cards">
        {orders.map((o) => (
          <li class="card">
            <h3>
              <a href={href(ctx, orderPath(o))}>{orderTitle(o)}</a>
            </h3>
            <p>
              <Status value={o.status} /> · {o.lines.length} line{o.lines.length === 1 ? '' : 's'} ·{' '}
              {money(o.acceptedTotal ?? o.total, o.currency)}
            </p>
            <p class="muted">Order {o.orderId}</p>
          </li>
        ))}
      </ul>
    )}
  </Layout>
);

export const NewOrderPage: FC<{
  ctx: PageCtx;
  lists: SharedList[];
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, lists, form = {}, error }) => {
  if (lists.length === 0) {
    return (
      <Layout ctx={ctx} title="Place an order">
        <p>
          <a href={href(ctx, '/orders')}>Orders</a>
        </p>
        <h1>Place an order</h1>
        <p>
          The vendor has not shared a price list with you yet, so there is nothing to order from.
        </p>
      </Layout>
    );
  }
  return (
    <NewRecordPage
      ctx={ctx}
      title="Place an order"
      listPath="/orders"
      listLabel="Orders"
      submit="Send the order"
      error={error}
    >
      <SelectField
        name="priceList"
        label="Price list"
        required
        value={form.priceList ?? lists[0]!.list.listId}
        options={lists.map(
          ({ list, version }) =>
            [list.listId, `${list.name} (version ${version.version})`] as const,
        )}
        hint="Prices come from the version of this list in effect today."
        error={error}
      />
      <SelectField
        name="type"
        label="Type of order"
        required
        value={form.type ?? 'standard'}
        options={PORTAL_ORDER_TYPES.map((t) => [t, TYPE_LABELS[t]!] as const)}
        error={error}
      />
      <fieldset>
        <legend>What you order</legend>
        <p class="hint">
          One SKU and quantity per row; leave the rows you do not need empty. Quantity breaks of the
          price list apply.
        </p>
        {Array.from({ length: ORDER_ROWS }, (_, i) => (
          <div class="order-row">
            <TextField
              name={`sku${i + 1}`}
              label={`SKU, row ${i + 1}`}
              required={i === 0}
              maxlength={100}
              value={form[`sku${i + 1}`]}
              error={error}
            />
            <TextField
              name={`qty${i + 1}`}
              label={`Quantity, row ${i + 1}`}
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
        <legend>Drop shipments: the end customer and where the goods go</legend>
        <TextField
          name="customerName"
          label="End customer"
          maxlength={200}
          value={form.customerName}
          error={error}
        />
        <TextField
          name="customerEmail"
          label="End customer’s email"
          type="email"
          maxlength={254}
          value={form.customerEmail}
          error={error}
        />
        <TextField
          name="shipName"
          label="Ship to (name)"
          maxlength={200}
          value={form.shipName}
          error={error}
        />
        <TextField
          name="shipStreet"
          label="Street and number"
          maxlength={200}
          value={form.shipStreet}
          error={error}
        />
        <TextField
          name="shipPostal"
          label="Postal code"
          maxlength={20}
          value={form.shipPostal}
          error={error}
        />
        <TextField
          name="shipCity"
          label="City"
          maxlength={200}
          value={form.shipCity}
          error={error}
        />
        <TextField
          name="shipCountry"
          label="Country code"
          maxlength={2}
          hint="Two letters, e.g. DE."
          value={form.shipCountry}
          error={error}
        />
      </fieldset>
      <TextField
        name="soldAt"
        label="Picked up at (cash sales)"
        maxlength={40}
        hint="UTC time, e.g. 2027-03-01T10:00:00Z."
        value={form.soldAt}
        error={error}
      />
      <TextArea
        name="note"
        label="Note for the vendor"
        maxlength={5000}
        value={form.note}
        error={error}
      />
    </NewRecordPage>
  );
};
