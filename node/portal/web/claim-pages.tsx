/** Warranty claims of the signed-in partner: the list, the form, one claim with its decisions. */
import type { FC } from 'hono/jsx';
import type { WarrantyClaim, WarrantyEvent } from '../../store/service-store.ts';
import { mayAmend } from '../../service/claim-rules.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';
import {
  ErrorSummary,
  Notice,
  Status,
  TextArea,
  TextField,
  type FormErrors,
} from './components.tsx';
import { NewRecordPage } from './new-record-page.tsx';
import { Day, money, Time, words } from './format.ts';
import { t } from '../../i18n/index.ts';
import { WithdrawForm } from './withdraw-form.tsx';
import { NextListPage } from './list-pager.tsx';

const who = (side: string) => t('service.who', { side: side === 'partner' ? 'partner' : 'vendor' });

export const ClaimListPage: FC<{
  ctx: PageCtx;
  claims: WarrantyClaim[];
  nextCursor: number | null;
}> = ({ ctx, claims, nextCursor }) => (
  <Layout ctx={ctx} title={t('nav.claims')}>
    <h1>{t('nav.claims')}</h1>
    <p>
      <a href={href(ctx, '/claims/new')}>{t('claim.file')}</a>
    </p>
    {claims.length === 0 ? (
      <p>{t('claim.none')}</p>
    ) : (
      <ul class="cards">
        {claims.map((w) => (
          <li class="card">
            <h3>
              <a href={href(ctx, `/claims/${encodeURIComponent(w.claimId)}`)}>
                {w.product} · {w.serial}
              </a>
            </h3>
            <p>
              <Status value={w.withdrawnAt ? 'withdrawn' : w.status} /> ·{' '}
              {t('claim.claimedAmount', { money: money(w.claimedAmount, w.currency) })}
              {w.approvedAmount && (
                <> · {t('claim.approvedAmount', { money: money(w.approvedAmount, w.currency) })}</>
              )}
            </p>
          </li>
        ))}
      </ul>
    )}
    <NextListPage ctx={ctx} path="/claims" cursor={nextCursor} />
  </Layout>
);

/** The claim's own fields: to file one, or to send a new version of it. */
const ClaimInputs: FC<{ form: Record<string, string>; error?: FormErrors }> = ({ form, error }) => (
  <>
    <TextField
      name="product"
      label={t('field.product')}
      required
      maxlength={200}
      value={form.product}
      error={error}
    />
    <TextField
      name="serial"
      label={t('field.serial')}
      required
      maxlength={200}
      value={form.serial}
      error={error}
    />
    <TextField
      name="purchaseDate"
      label={t('field.purchaseDate')}
      type="date"
      required
      value={form.purchaseDate}
      error={error}
    />
    <TextField
      name="failureDate"
      label={t('field.failureDate')}
      type="date"
      required
      value={form.failureDate}
      error={error}
    />
    <TextArea
      name="failure"
      label={t('field.failure')}
      required
      maxlength={5000}
      value={form.failure}
      error={error}
    />
    <TextField
      name="claimedAmount"
      label={t('field.claimedAmount')}
      hint={t('claim.amountHint')}
      required
      inputmode="decimal"
      maxlength={40}
      value={form.claimedAmount}
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
  </>
);

/** A claim's fields as the form's values, to amend it. */
export function claimFormValues(w: WarrantyClaim): Record<string, string> {
  return {
    product: w.product,
    serial: w.serial,
    purchaseDate: w.purchaseDate,
    failureDate: w.failureDate,
    failure: w.failure,
    claimedAmount: w.claimedAmount,
    currency: w.currency,
  };
}

export const NewClaimPage: FC<{
  ctx: PageCtx;
  form?: Record<string, string>;
  error?: FormErrors;
  refused?: string | undefined;
}> = ({ ctx, form = {}, error, refused }) => (
  <NewRecordPage
    ctx={ctx}
    title={t('claim.file')}
    listPath="/claims"
    listLabel={t('claim.all')}
    submit={t('claim.fileButton')}
    error={error}
    refused={refused}
  >
    <ClaimInputs form={form} error={error} />
  </NewRecordPage>
);

export const ClaimPage: FC<{
  ctx: PageCtx;
  claim: WarrantyClaim;
  events: WarrantyEvent[];
  done?: string | undefined;
  refused?: string | undefined;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, claim: w, events, done, refused, form, error }) => (
  <Layout ctx={ctx} title={`${w.product} ${w.serial}`}>
    <p>
      <a href={href(ctx, '/claims')}>{t('claim.all')}</a>
    </p>
    <h1>{t('claim.heading', { product: w.product, serial: w.serial })}</h1>
    <Notice done={done} error={refused} />
    <ErrorSummary error={error} />
    <dl class="facts">
      <dt>{t('field.status')}</dt>
      <dd>
        <Status value={w.withdrawnAt ? 'withdrawn' : w.status} />
      </dd>
      {w.approvedAmount && (
        <>
          <dt>{t('claim.approved')}</dt>
          <dd>{money(w.approvedAmount, w.currency)}</dd>
        </>
      )}
      {w.decisionReason && (
        <>
          <dt>{t('deal.vendorReason')}</dt>
          <dd>{w.decisionReason}</dd>
        </>
      )}
      <dt>{t('claim.claimed')}</dt>
      <dd>{money(w.claimedAmount, w.currency)}</dd>
      <dt>{t('claim.purchased')}</dt>
      <dd>
        <Day day={w.purchaseDate} />
      </dd>
      <dt>{t('claim.failed')}</dt>
      <dd>
        <Day day={w.failureDate} />
      </dd>
      <dt>{t('field.failure')}</dt>
      <dd>{w.failure}</dd>
      <dt>{t('claim.filed')}</dt>
      <dd>
        <Time at={w.createdAt} />
      </dd>
    </dl>
    <h2>{t('service.history')}</h2>
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <p class="meta">
            <Time at={e.at} /> · {who(e.side)}
          </p>
          <p>
            {e.type === 'filed' && (
              <>
                {t('claim.event.filed', { version: e.version, money: money(e.amount, w.currency) })}
              </>
            )}
            {e.type === 'decision' && (
              <>
                {t('claim.event.decision', {
                  status: words(e.status),
                  hasAmount: e.amount ? 'yes' : 'no',
                  money: money(e.amount, w.currency),
                  hasReason: e.reason ? 'yes' : 'no',
                  reason: e.reason ?? '',
                })}
              </>
            )}
            {e.type === 'withdrawn' &&
              t('claim.event.withdrawn', {
                hasReason: e.reason ? 'yes' : 'no',
                reason: e.reason ?? '',
              })}
          </p>
        </li>
      ))}
    </ol>
    {!w.withdrawnAt && w.owner === 'partner' && mayAmend(w.status) && (
      <form
        method="post"
        action={href(ctx, `/claims/${encodeURIComponent(w.claimId)}/amend`)}
        novalidate
      >
        <CsrfInput ctx={ctx} />
        <fieldset>
          <legend>{t('claim.amendHeading')}</legend>
          <p class="muted">{t('claim.amendExplain')}</p>
          <ClaimInputs
            form={form?.product === undefined ? claimFormValues(w) : form}
            error={error}
          />
          <button type="submit">{t('deal.sendNewVersion')}</button>
        </fieldset>
      </form>
    )}
    {!w.withdrawnAt && w.owner === 'partner' && (
      <WithdrawForm
        ctx={ctx}
        action={href(ctx, `/claims/${encodeURIComponent(w.claimId)}/withdraw`)}
        what={t('withdraw.what.claim')}
        explain={t('claim.withdrawExplain')}
        form={form}
        error={error}
      />
    )}
  </Layout>
);
