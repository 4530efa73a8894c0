/** Deal registrations of the signed-in partner: list, the registration form, one registration. */
import type { FC } from 'hono/jsx';
import { DEAL_STATUSES, effectiveStatus } from '../../deals/deal-status.ts';
import type { Deal, DealStatus } from '../../store/deal-store.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';
import {
  ErrorSummary,
  Notice,
  Status,
  TextArea,
  TextField,
  type FormErrors,
} from './components.tsx';
import { rich, t } from '../../i18n/index.ts';
import { Day, money, Time } from './format.ts';
import { WithdrawForm } from './withdraw-form.tsx';
import { NextListPage, StatusFilter } from './list-pager.tsx';

export const DealListPage: FC<{
  ctx: PageCtx;
  deals: Deal[];
  status: DealStatus | undefined;
  nextCursor: number | null;
}> = ({ ctx, deals, status, nextCursor }) => (
  <Layout ctx={ctx} title={t('nav.deals')}>
    <h1>{t('home.deals')}</h1>
    <p>
      <a href={href(ctx, '/deals/new')}>{t('deal.register')}</a>
    </p>
    <StatusFilter ctx={ctx} path="/deals" value={status} values={DEAL_STATUSES} />
    {deals.length === 0 ? (
      <p>{t('deal.none')}</p>
    ) : (
      <ul class="cards">
        {deals.map((d) => (
          <li class="card">
            <h3>
              <a href={href(ctx, `/deals/${encodeURIComponent(d.dealId)}`)}>{d.endCustomer.name}</a>
            </h3>
            <p>
              <Status value={effectiveStatus(d, ctx.now)} /> · {money(d.estimatedValue, d.currency)}{' '}
              · {rich('deal.closes', { date: <Day day={d.expectedCloseDate} /> })}
            </p>
            {d.protectedUntil && effectiveStatus(d, ctx.now) === 'approved' && (
              <p>{rich('deal.protectedUntilTime', { time: <Time at={d.protectedUntil} /> })}</p>
            )}
          </li>
        ))}
      </ul>
    )}
    <NextListPage ctx={ctx} path="/deals" status={status} cursor={nextCursor} />
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
      <legend>{t('deal.endCustomer')}</legend>
      <TextField
        name="customerName"
        label={t('field.customerName')}
        required
        maxlength={200}
        value={form.customerName}
        error={error}
      />
      <TextField
        name="country"
        label={t('field.country')}
        hint={t('deal.countryHint')}
        required
        maxlength={2}
        value={form.country}
        error={error}
      />
      <TextField
        name="domain"
        label={t('lead.domain')}
        hint={t('deal.domainHint')}
        maxlength={253}
        value={form.domain}
        error={error}
      />
    </fieldset>
    <TextArea
      name="products"
      label={t('field.products')}
      hint={t('deal.productsHint')}
      required
      rows={3}
      value={form.products}
      error={error}
    />
    <TextField
      name="estimatedValue"
      label={t('lead.estimatedValue')}
      hint={t('deal.valueHint')}
      required
      inputmode="decimal"
      maxlength={40}
      value={form.estimatedValue}
      error={error}
    />
    <TextField
      name="currency"
      label={t('field.currency')}
      hint={t('field.currencyHint')}
      required
      maxlength={3}
      value={form.currency}
      error={error}
    />
    <TextField
      name="expectedCloseDate"
      label={t('field.expectedCloseDate')}
      type="date"
      required
      value={form.expectedCloseDate}
      error={error}
    />
    <TextArea
      name="notes"
      label={t('lead.notes')}
      maxlength={5000}
      value={form.notes}
      error={error}
    />
    <button type="submit">{submit}</button>
  </form>
);

export const NewDealPage: FC<{
  ctx: PageCtx;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, form = {}, error }) => (
  <Layout ctx={ctx} title={t('deal.register')}>
    <p>
      <a href={href(ctx, '/deals')}>{t('home.allDeals')}</a>
    </p>
    <h1>{t('deal.register')}</h1>
    <p>{t('deal.registerIntro')}</p>
    <ErrorSummary error={error} />
    <DealForm
      ctx={ctx}
      action={href(ctx, '/deals')}
      submit={t('deal.registerButton')}
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
        <a href={href(ctx, '/deals')}>{t('home.allDeals')}</a>
      </p>
      <h1>{t('deal.heading', { name: deal.endCustomer.name })}</h1>
      <Notice done={done} error={refused} />
      <ErrorSummary error={error} />
      <dl class="facts">
        <dt>{t('field.status')}</dt>
        <dd>
          <Status value={status} />
        </dd>
        {deal.decidedAt && (
          <>
            <dt>{t('deal.decided')}</dt>
            <dd>
              <Time at={deal.decidedAt} />
            </dd>
          </>
        )}
        {deal.protectedUntil && (status === 'approved' || status === 'expired') && (
          <>
            <dt>{t('deal.protectedUntil')}</dt>
            <dd>
              <Time at={deal.protectedUntil} />
            </dd>
          </>
        )}
        {deal.decisionReason && (
          <>
            <dt>{t('deal.vendorReason')}</dt>
            <dd>{deal.decisionReason}</dd>
          </>
        )}
        {deal.withdrawnReason && (
          <>
            <dt>{t('deal.withdrawn')}</dt>
            <dd>{deal.withdrawnReason}</dd>
          </>
        )}
        <dt>{t('field.country')}</dt>
        <dd>{deal.endCustomer.country}</dd>
        {deal.endCustomer.domain && (
          <>
            <dt>{t('lead.domain')}</dt>
            <dd>{deal.endCustomer.domain}</dd>
          </>
        )}
        <dt>{t('field.products')}</dt>
        <dd>{deal.products.join(t('format.listSeparator'))}</dd>
        <dt>{t('lead.estimatedValue')}</dt>
        <dd>{money(deal.estimatedValue, deal.currency)}</dd>
        <dt>{t('deal.expectedClose')}</dt>
        <dd>
          <Day day={deal.expectedCloseDate} />
        </dd>
        {deal.notes && (
          <>
            <dt>{t('lead.notes')}</dt>
            <dd>{deal.notes}</dd>
          </>
        )}
        <dt>{t('deal.registered')}</dt>
        <dd>
          {rich('deal.registeredAt', {
            time: <Time at={deal.registeredAt} />,
            version: deal.version,
          })}
        </dd>
      </dl>
      {pending && (
        <>
          <h2>{status === 'returned' ? t('deal.answerReturned') : t('deal.change')}</h2>
          <p class="muted">
            {t('deal.changeExplain', { returned: status === 'returned' ? 'yes' : 'no' })}
          </p>
          <DealForm
            ctx={ctx}
            action={href(ctx, `/deals/${encodeURIComponent(deal.dealId)}/amend`)}
            submit={t('deal.sendNewVersion')}
            form={form ?? dealFormValues(deal)}
            error={error}
          />
        </>
      )}
      {status !== 'withdrawn' && (
        <WithdrawForm
          ctx={ctx}
          action={href(ctx, `/deals/${encodeURIComponent(deal.dealId)}/withdraw`)}
          what={t('withdraw.what.registration')}
          explain={pending ? t('deal.withdrawPending') : t('deal.withdrawDecided')}
          form={form}
          error={error}
        />
      )}
    </Layout>
  );
};
