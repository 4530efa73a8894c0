/**
 * One order of the signed-in partner: its lines, the vendor's answer (changed or failing lines
 * marked), status and tracking, what is still open to pay, the timeline, and a form to ask for
 * its cancellation while that is still possible.
 */
import type { FC } from 'hono/jsx';
import { applyChangedLines, cancelRefusal, lineAmount } from '../../orders/order-rules.ts';
import { openAmount } from '../../orders/receivables.ts';
import type { Order, OrderEvent, Receivable } from '../../store/order-store.ts';
import { ErrorSummary, Status, TextField, type FormErrors } from './components.tsx';
import { formatTime, money, words } from './format.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';
import { ANSWERS, OrderNotice, orderPath, orderTitle as title } from './orders-pages.tsx';

const who = (side: string) => (side === 'partner' ? 'You' : 'The vendor');

export const OrderPage: FC<{
  ctx: PageCtx;
  order: Order;
  events: OrderEvent[];
  receivable: Receivable | null;
  form?: Record<string, string>;
  error?: FormErrors;
  done?: string | undefined;
  refused?: string | undefined;
}> = ({ ctx, order: o, events, receivable, form = {}, error, done, refused }) => {
  const accepted =
    o.response?.code === 'CA' ? applyChangedLines(o.lines, o.response.lines) : o.lines;
  const changed = new Map(
    (o.response?.code === 'CA' ? o.response.lines : []).map((l) => [l.line, l]),
  );
  const failing = new Map(
    (o.response?.code === 'RE' ? o.response.lines : []).map((l) => [l.line, l]),
  );
  const cancellable =
    !o.cancelledAt && !o.cancelRequestedAt && cancelRefusal(o.response, o) === null;
  return (
    <Layout ctx={ctx} title={`Order ${o.orderId}`}>
      <p>
        <a href={href(ctx, '/orders')}>Orders</a>
      </p>
      <h1>{title(o)}</h1>
      <OrderNotice done={done} refused={refused} />
      <ErrorSummary error={error} />
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <Status value={o.status} />
        </dd>
        <dt>Vendor’s answer</dt>
        <dd>{o.response ? ANSWERS[o.response.code] : 'Not yet'}</dd>
        {o.response?.reason && (
          <>
            <dt>Reason</dt>
            <dd>{o.response.reason}</dd>
          </>
        )}
        <dt>Total ordered</dt>
        <dd>{money(o.total, o.currency)}</dd>
        {o.acceptedTotal !== null && (
          <>
            <dt>Total accepted</dt>
            <dd>{money(o.acceptedTotal, o.currency)}</dd>
          </>
        )}
        <dt>Price list</dt>
        <dd>
          {o.priceListId}, version {o.priceListVersion}
        </dd>
        {o.tracking && (
          <>
            <dt>Tracking</dt>
            <dd>{o.tracking}</dd>
          </>
        )}
        {o.endCustomer && (
          <>
            <dt>End customer</dt>
            <dd>{o.endCustomer.name}</dd>
          </>
        )}
        {o.shipTo && (
          <>
            <dt>Ship to</dt>
            <dd>
              {o.shipTo.name}, {o.shipTo.street}, {o.shipTo.postalCode ?? ''} {o.shipTo.city},{' '}
              {o.shipTo.country}
            </dd>
          </>
        )}
        {o.cancelReason && (
          <>
            <dt>Cancelled because</dt>
            <dd>{o.cancelReason}</dd>
          </>
        )}
        {receivable && (
          <>
            <dt>To pay</dt>
            <dd>
              {money(openAmount(receivable), receivable.currency)} open of{' '}
              {money(receivable.amount, receivable.currency)}
            </dd>
          </>
        )}
      </dl>
      <div class="scroll" role="region" aria-label="Lines" tabindex={0}>
        <table>
          <caption>Lines</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">SKU</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price</th>
              <th scope="col">Amount</th>
              <th scope="col">Vendor’s note</th>
            </tr>
          </thead>
          <tbody>
            {o.lines.map((l) => {
              const c = changed.get(l.line);
              const f = failing.get(l.line);
              return (
                <tr>
                  <td>{l.line}</td>
                  <td>{l.sku}</td>
                  <td>{l.qty}</td>
                  <td>{money(l.unitPrice, o.currency)}</td>
                  <td>{money(lineAmount(l), o.currency)}</td>
                  <td>
                    {c &&
                      (c.qty === '0'
                        ? 'Dropped'
                        : `Changed to ${c.qty} at ${money(c.unitPrice, o.currency)}`)}
                    {f && words(f.code ?? 'rejected')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {o.response?.code === 'CA' && (
        <p>As accepted: {accepted.map((l) => `${l.qty} × ${l.sku}`).join(', ')}.</p>
      )}
      <h2>What happened</h2>
      <ol class="timeline">
        {events
          .filter((e) => e.type !== 'payment')
          .map((e) => (
            <li>
              <strong>{who(e.side)}</strong> · {formatTime(e.at)} ·{' '}
              {e.type === 'response'
                ? `answered: ${ANSWERS[e.code ?? ''] ?? e.code}`
                : e.type === 'status'
                  ? `status ${words(e.code)}`
                  : words(e.type)}
            </li>
          ))}
      </ol>
      {cancellable && (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">Cancel this order</h2>
          <form method="post" action={href(ctx, `${orderPath(o)}/cancel`)} novalidate>
            <CsrfInput ctx={ctx} />
            <TextField
              name="reason"
              label="Why you cancel"
              required
              maxlength={500}
              value={form.reason}
              error={error}
            />
            <button type="submit" class="secondary">
              Ask to cancel
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
};
