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
import { rich, t } from '../../i18n/index.ts';
import { Day, decimal, money, Time, words } from './format.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';
import { answerWords, OrderNotice, orderPath, orderTitle as title } from './orders-pages.tsx';

const who = (side: string) => t('service.who', { side: side === 'partner' ? 'partner' : 'vendor' });

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
    <Layout ctx={ctx} title={t('orders.orderId', { id: o.orderId })}>
      <p>
        <a href={href(ctx, '/orders')}>{t('nav.orders')}</a>
      </p>
      <h1>{title(o)}</h1>
      <OrderNotice done={done} refused={refused} />
      <ErrorSummary error={error} />
      <dl class="facts">
        <dt>{t('field.status')}</dt>
        <dd>
          <Status value={o.status} />
        </dd>
        <dt>{t('orders.vendorAnswer')}</dt>
        <dd>{o.response ? answerWords(o.response.code) : t('orders.notYet')}</dd>
        {o.response?.reason && (
          <>
            <dt>{t('field.reason')}</dt>
            <dd>{o.response.reason}</dd>
          </>
        )}
        <dt>{t('orders.totalOrdered')}</dt>
        <dd>{money(o.total, o.currency)}</dd>
        {o.acceptedTotal !== null && (
          <>
            <dt>{t('orders.totalAccepted')}</dt>
            <dd>{money(o.acceptedTotal, o.currency)}</dd>
          </>
        )}
        <dt>{t('orders.priceList')}</dt>
        <dd>{t('orders.priceListVersion', { id: o.priceListId, version: o.priceListVersion })}</dd>
        {o.tracking && (
          <>
            <dt>{t('orders.tracking')}</dt>
            <dd>{o.tracking}</dd>
          </>
        )}
        {o.endCustomer && (
          <>
            <dt>{t('orders.endCustomer')}</dt>
            <dd>{o.endCustomer.name}</dd>
          </>
        )}
        {o.shipTo && (
          <>
            <dt>{t('orders.shipTo')}</dt>
            <dd>
              {o.shipTo.name}, {o.shipTo.street}, {o.shipTo.postalCode ?? ''} {o.shipTo.city},{' '}
              {o.shipTo.country}
            </dd>
          </>
        )}
        {o.cancelReason && (
          <>
            <dt>{t('orders.cancelledBecause')}</dt>
            <dd>{o.cancelReason}</dd>
          </>
        )}
        {o.paymentDueAt && (
          <>
            <dt>{t('orders.paymentDue')}</dt>
            <dd id="payment-due">
              {o.paymentTerms ? (
                rich('orders.dueWithTerms', {
                  date: <Day day={o.paymentDueAt} />,
                  terms: o.paymentTerms,
                })
              ) : (
                <Day day={o.paymentDueAt} />
              )}
            </dd>
          </>
        )}
        {receivable && (
          <>
            <dt>{t('orders.toPay')}</dt>
            <dd>
              {t('orders.openOf', {
                open: money(openAmount(receivable), receivable.currency),
                amount: money(receivable.amount, receivable.currency),
              })}
            </dd>
          </>
        )}
      </dl>
      <div class="scroll" role="region" aria-label={t('stock.lines')} tabindex={0}>
        <table>
          <caption>{t('stock.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('orders.col.line')}</th>
              <th scope="col">{t('catalog.col.sku')}</th>
              <th scope="col">{t('orders.col.qty')}</th>
              <th scope="col">{t('orders.col.unitPrice')}</th>
              <th scope="col">{t('field.amount')}</th>
              <th scope="col">{t('orders.col.vendorNote')}</th>
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
                  <td>{decimal(l.qty)}</td>
                  <td>{money(l.unitPrice, o.currency)}</td>
                  <td>{money(lineAmount(l), o.currency)}</td>
                  <td>
                    {c &&
                      (c.qty === '0'
                        ? t('orders.dropped')
                        : t('orders.changedTo', {
                            qty: decimal(c.qty),
                            price: money(c.unitPrice, o.currency),
                          }))}
                    {f && words(f.code ?? 'rejected')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {o.response?.code === 'CA' && (
        <p>
          {t('orders.asAccepted', {
            lines: accepted
              .map((l) => `${decimal(l.qty)} × ${l.sku}`)
              .join(t('format.listSeparator')),
          })}
        </p>
      )}
      <h2>{t('orders.history')}</h2>
      <ol class="timeline">
        {events
          .filter((e) => e.type !== 'payment')
          .map((e) => (
            <li>
              <strong>{who(e.side)}</strong> · <Time at={e.at} /> ·{' '}
              {e.type === 'response'
                ? t('orders.event.answered', { answer: answerWords(e.code) })
                : e.type === 'status'
                  ? t('orders.event.status', { status: words(e.code) })
                  : words(e.type)}
            </li>
          ))}
      </ol>
      {cancellable && (
        <section aria-labelledby="cancel-heading">
          <h2 id="cancel-heading">{t('orders.cancelHeading')}</h2>
          <form method="post" action={href(ctx, `${orderPath(o)}/cancel`)} novalidate>
            <CsrfInput ctx={ctx} />
            <TextField
              name="reason"
              label={t('orders.cancelReason')}
              required
              maxlength={500}
              value={form.reason}
              error={error}
            />
            <button type="submit" class="secondary">
              {t('orders.askCancel')}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
};
