/** Deal registrations of the signed-in partner: list, the registration form, one registration. */
import type { FC } from 'hono/jsx';
import { effectiveStatus } from '../../deals/deal-status.ts';
import type { Deal } from '../../store/deal-store.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';
import {
  ErrorSummary,
  Notice,
  Status,
  TextArea,
  TextField,
  type FormErrors,
} from './components.tsx';
import { formatDate, formatTime, money, words } from './format.ts';
import { WithdrawForm } from './withdraw-form.tsx';

export const DealListPage: FC<{ ctx: PageCtx; deals: Deal[] }> = ({ ctx, deals }) => (
  <Layout ctx={ctx} title="Deals">
    <h1>Deal registrations</h1>
    <p>
      <a href={href(ctx, '/deals/new')}>Register a deal</a>
    </p>
    {deals.length === 0 ? (
      <p>You have not registered any deal yet.</p>
    ) : (
      <ul class="cards">
        {deals.map((d) => (
          <li class="card">
            <h3>
              <a href={href(ctx, `/deals/${encodeURIComponent(d.dealId)}`)}>{d.endCustomer.name}</a>
            </h3>
            <p>
              <Status value={effectiveStatus(d, ctx.now)} /> · {money(d.estimatedValue, d.currency)}{' '}
              · closes {formatDate(d.expectedCloseDate)}
            </p>
            {d.protectedUntil && effectiveStatus(d, ctx.now) === 'approved' && (
              <p>Protected until {formatTime(d.protectedUntil)}</p>
            )}
          </li>
        ))}
      </ul>
    )}
  </Layout>
);

/** The registration form, empty for a new deal or filled with a registration to amend. */
export const DealForm: FC<{
  ctx: PageCtx;
  action: string;
  submit: string;
  form: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, action, submit, form, error }) => (
  <form method="post" action={action} novalidate>
    <CsrfInput ctx={ctx} />
    <fieldset>
      <legend>End customer</legend>
      <TextField
        name="customerName"
        label="Company name"
        required
        maxlength={200}
        value={form.customerName}
        error={error}
      />
      <TextField
        name="country"
        label="Country"
        hint="Two-letter code, e.g. DE or FR"
        required
        maxlength={2}
        value={form.country}
        error={error}
      />
      <TextField
        name="domain"
        label="Web domain"
        hint="e.g. example.com"
        maxlength={253}
        value={form.domain}
        error={error}
      />
    </fieldset>
    <TextArea
      name="products"
      label="Products"
      hint="One product id per line"
      required
      rows={3}
      value={form.products}
      error={error}
    />
    <TextField
      name="estimatedValue"
      label="Estimated value"
      hint="Digits with an optional decimal point, e.g. 25000.00"
      required
      inputmode="decimal"
      maxlength={40}
      value={form.estimatedValue}
      error={error}
    />
    <TextField
      name="currency"
      label="Currency"
      hint="Three letters, e.g. EUR"
      required
      maxlength={3}
      value={form.currency}
      error={error}
    />
    <TextField
      name="expectedCloseDate"
      label="Expected close date"
      type="date"
      required
      value={form.expectedCloseDate}
      error={error}
    />
    <TextArea name="notes" label="Notes" maxlength={5000} value={form.notes} error={error} />
    <button type="submit">{submit}</button>
  </form>
);

export const NewDealPage: FC<{
  ctx: PageCtx;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, form = {}, error }) => (
  <Layout ctx={ctx} title="Register a deal">
    <p>
      <a href={href(ctx, '/deals')}>All deals</a>
    </p>
    <h1>Register a deal</h1>
    <p>
      The vendor checks the registration against others for the same customer and decides on it.
    </p>
    <ErrorSummary error={error} />
    <DealForm
      ctx={ctx}
      action={href(ctx, '/deals')}
      submit="Register the deal"
      form={form}
      error={error}
    />
  </Layout>
);

/** A registration's fields as the form's values, to amend it. */
export function dealFormValues(d: Deal): Record<string, string> {
  return {
    customerName: d.endCustomer.name,
    country: d.endCustomer.country,
    domain: d.endCustomer.domain ?? '',
    products: d.products.join('\n'),
    estimatedValue: d.estimatedValue,
    currency: d.currency,
    expectedCloseDate: d.expectedCloseDate,
    notes: d.notes ?? '',
  };
}

export const DealPage: FC<{
  ctx: PageCtx;
  deal: Deal;
  done?: string | undefined;
  refused?: string | undefined;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, deal, done, refused, form, error }) => {
  const status = effectiveStatus(deal, ctx.now);
  const pending = status === 'submitted' || status === 'returned';
  return (
    <Layout ctx={ctx} title={deal.endCustomer.name}>
      <p>
        <a href={href(ctx, '/deals')}>All deals</a>
      </p>
      <h1>Deal: {deal.endCustomer.name}</h1>
      <Notice done={done} error={refused} />
      <ErrorSummary error={error} />
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <Status value={status} />
        </dd>
        {deal.decidedAt && (
          <>
            <dt>Decided</dt>
            <dd>{formatTime(deal.decidedAt)}</dd>
          </>
        )}
        {deal.protectedUntil && (status === 'approved' || status === 'expired') && (
          <>
            <dt>Protected until</dt>
            <dd>{formatTime(deal.protectedUntil)}</dd>
          </>
        )}
        {deal.decisionReason && (
          <>
            <dt>Vendor's reason</dt>
            <dd>{deal.decisionReason}</dd>
          </>
        )}
        {deal.withdrawnReason && (
          <>
            <dt>Withdrawn</dt>
            <dd>{deal.withdrawnReason}</dd>
          </>
        )}
        <dt>Country</dt>
        <dd>{deal.endCustomer.country}</dd>
        {deal.endCustomer.domain && (
          <>
            <dt>Web domain</dt>
            <dd>{deal.endCustomer.domain}</dd>
          </>
        )}
        <dt>Products</dt>
        <dd>{deal.products.join(', ')}</dd>
        <dt>Estimated value</dt>
        <dd>{money(deal.estimatedValue, deal.currency)}</dd>
        <dt>Expected close</dt>
        <dd>{formatDate(deal.expectedCloseDate)}</dd>
        {deal.notes && (
          <>
            <dt>Notes</dt>
            <dd>{deal.notes}</dd>
          </>
        )}
        <dt>Registered</dt>
        <dd>
          {formatTime(deal.registeredAt)} (version {deal.version})
        </dd>
      </dl>
      {pending && (
        <>
          <h2>
            {status === 'returned'
              ? 'Answer the vendor: change the registration'
              : 'Change the registration'}
          </h2>
          <p class="muted">
            Until the vendor decides, you may send a new version
            {status === 'returned' && ` (${words('returned')} for more information)`}.
          </p>
          <DealForm
            ctx={ctx}
            action={href(ctx, `/deals/${encodeURIComponent(deal.dealId)}/amend`)}
            submit="Send the new version"
            form={form ?? dealFormValues(deal)}
            error={error}
          />
        </>
      )}
      {status !== 'withdrawn' && (
        <WithdrawForm
          ctx={ctx}
          action={href(ctx, `/deals/${encodeURIComponent(deal.dealId)}/withdraw`)}
          what="registration"
          explain={
            pending
              ? 'If the deal is off, withdraw the registration: the vendor no longer reserves the customer for you. The vendor keeps its record of what you registered.'
              : 'Withdrawing marks the registration withdrawn at the vendor too. The vendor keeps its record of what you registered.'
          }
          form={form}
          error={error}
        />
      )}
    </Layout>
  );
};
