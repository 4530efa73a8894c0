/**
 * Marketing funds of the signed-in partner: its allocations with their balances, the expense
 * claim form (with proof files), and each claim with the vendor's decision.
 */
import type { FC } from 'hono/jsx';
import type { Balance } from '../../funds/balance.ts';
import type { ExpenseClaim, FundAllocation } from '../../store/fund-store.ts';
import {
  ErrorSummary,
  errorOf,
  Notice,
  SelectField,
  Status,
  TextField,
  type FormErrors,
} from './components.tsx';
import { rich, t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { Day, formatDate, money, Time, words } from './format.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';
import { MAX_PROOF_FILES } from './funds-upload.ts';
import { NextListPage } from './list-pager.tsx';

/** How many line rows the claim form offers (no script adds more). */
export const FORM_LINES = 5;

const FUND_DONE: Record<string, MessageKey> = {
  claim_filed: 'funds.done.claim_filed',
};

/** Why a claim was refused: the protocol's reason codes, in words. */
export const REASON_TEXT: Record<string, MessageKey> = {
  claim_over_balance: 'refusal.claim_over_balance',
  claim_past_deadline: 'refusal.claim_past_deadline',
  invoice_outside_validity: 'refusal.invoice_outside_validity',
  activity_not_eligible: 'refusal.activity_not_eligible',
  currency_mismatch: 'refusal.currency_mismatch',
  total_mismatch: 'refusal.total_mismatch',
  allocation_withdrawn: 'refusal.allocation_withdrawn',
  unknown_code: 'refusal.unknown_code',
};

/** `2027-01-01 to 2027-06-30`, or `until 2027-06-30` without a start. */
const invoiceDates = (a: FundAllocation) =>
  t('funds.dateRange', {
    hasFrom: a.validFrom ? 'yes' : 'no',
    from: a.validFrom ? formatDate(a.validFrom) : '',
    to: formatDate(a.validTo),
  });

const FundNotice: FC<{ done?: string | undefined; refused?: string | undefined }> = ({
  done,
  refused,
}) =>
  done && FUND_DONE[done] ? (
    <div class="notice done" role="status">
      <p>{t(FUND_DONE[done])}</p>
    </div>
  ) : (
    <Notice done={done} error={refused} />
  );

const allocationPath = (a: FundAllocation) => `/funds/${encodeURIComponent(a.allocationId)}`;
const claimPath = (c: ExpenseClaim) => `/expenses/${encodeURIComponent(c.claimId)}`;

const BalanceFacts: FC<{ balance: Balance }> = ({ balance: b }) => (
  <dl class="facts balance">
    <dt>{t('funds.allocated')}</dt>
    <dd>{money(b.allocated, b.currency)}</dd>
    <dt>{t('funds.awaitingDecision')}</dt>
    <dd>{money(b.claimed, b.currency)}</dd>
    <dt>{t('funds.approvedUnpaid')}</dt>
    <dd>{money(b.approved, b.currency)}</dd>
    <dt>{t('funds.paid')}</dt>
    <dd>{money(b.paid, b.currency)}</dd>
    <dt>{t('funds.available')}</dt>
    <dd>{money(b.available, b.currency)}</dd>
  </dl>
);

const ClaimCards: FC<{ ctx: PageCtx; claims: ExpenseClaim[] }> = ({ ctx, claims }) =>
  claims.length === 0 ? (
    <p>{t('funds.noClaims')}</p>
  ) : (
    <ul class="cards">
      {claims.map((c) => (
        <li class="card">
          <h3>
            <a href={href(ctx, claimPath(c))}>
              {t('funds.claimCard', { invoice: c.invoiceNumber, activity: words(c.activity) })}
            </a>
          </h3>
          <p>
            <Status value={c.status} /> ·{' '}
            {t('claim.claimedAmount', { money: money(c.total, c.currency) })}
            {c.approvedAmount && (
              <> · {t('claim.approvedAmount', { money: money(c.approvedAmount, c.currency) })}</>
            )}
          </p>
        </li>
      ))}
    </ul>
  );

export const FundListPage: FC<{
  ctx: PageCtx;
  allocations: Array<{ allocation: FundAllocation; balance: Balance }>;
  totals: Balance[];
  claims: ExpenseClaim[];
  /** Where each list's next page starts (`allocationsAfter`, `claimsAfter`). */
  next: { allocations: number | null; claims: number | null };
}> = ({ ctx, allocations, totals, claims, next }) => (
  <Layout ctx={ctx} title={t('nav.funds')}>
    <h1>{t('nav.funds')}</h1>
    {totals.length > 0 && (
      <>
        <h2>{t('funds.yourBalance')}</h2>
        {totals.map((b) => (
          <BalanceFacts balance={b} />
        ))}
      </>
    )}
    <h2>{t('funds.allocations')}</h2>
    {allocations.length === 0 ? (
      <p>{t('funds.noAllocations')}</p>
    ) : (
      <ul class="cards">
        {allocations.map(({ allocation: a, balance }) => (
          <li class="card">
            <h3>
              <a href={href(ctx, allocationPath(a))}>
                {money(a.amount, a.currency)} ·{' '}
                {a.activities.map(words).join(t('format.listSeparator'))}
              </a>
            </h3>
            <p>
              {a.withdrawnAt ? (
                <Status value="withdrawn" />
              ) : (
                <>{rich('funds.claimByDate', { date: <Day day={a.claimDeadline} /> })}</>
              )}{' '}
              · {t('funds.availableAmount', { money: money(balance.available, balance.currency) })}
            </p>
          </li>
        ))}
      </ul>
    )}
    <NextListPage ctx={ctx} path="/funds" cursor={next.allocations} param="allocationsAfter" />
    <h2>{t('funds.claims')}</h2>
    <ClaimCards ctx={ctx} claims={claims} />
    <NextListPage ctx={ctx} path="/funds" cursor={next.claims} param="claimsAfter" />
  </Layout>
);

export const AllocationPage: FC<{
  ctx: PageCtx;
  allocation: FundAllocation;
  balance: Balance;
  claims: ExpenseClaim[];
}> = ({ ctx, allocation: a, balance, claims }) => (
  <Layout ctx={ctx} title={t('funds.allocationTitle', { money: money(a.amount, a.currency) })}>
    <p>
      <a href={href(ctx, '/funds')}>{t('funds.all')}</a>
    </p>
    <h1>{t('funds.allocationHeading', { money: money(a.amount, a.currency) })}</h1>
    <dl class="facts">
      <dt>{t('field.status')}</dt>
      <dd>
        <Status value={a.withdrawnAt ? 'withdrawn' : 'active'} />
        {a.withdrawnReason && <> — {a.withdrawnReason}</>}
      </dd>
      <dt>{t('funds.activities')}</dt>
      <dd>{a.activities.map(words).join(t('format.listSeparator'))}</dd>
      <dt>{t('funds.invoicesDated')}</dt>
      <dd>{invoiceDates(a)}</dd>
      <dt>{t('funds.claimBy')}</dt>
      <dd>
        <Day day={a.claimDeadline} />
      </dd>
      {a.note && (
        <>
          <dt>{t('field.note')}</dt>
          <dd>{a.note}</dd>
        </>
      )}
    </dl>
    <h2>{t('funds.balance')}</h2>
    <BalanceFacts balance={balance} />
    {!a.withdrawnAt && (
      <p>
        <a href={href(ctx, `${allocationPath(a)}/claims/new`)}>{t('funds.file')}</a>
      </p>
    )}
    <h2>{t('funds.claims')}</h2>
    <ClaimCards ctx={ctx} claims={claims} />
  </Layout>
);

const FileField: FC<{ error?: FormErrors }> = ({ error }) => {
  const problem = errorOf(error, 'proof');
  return (
    <div class={problem ? 'field invalid' : 'field'}>
      <label for="f-proof">{t('funds.proofFiles')}</label>
      <p class="hint" id="f-proof-hint">
        {t('funds.proofHint', { max: MAX_PROOF_FILES })}
      </p>
      {problem && (
        <p class="field-error" id="f-proof-error">
          <span class="visually-hidden">{t('form.errorPrefix')}</span>
          {problem.message}
        </p>
      )}
      <input
        id="f-proof"
        name="proof"
        type="file"
        multiple
        required
        accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? 'f-proof-hint f-proof-error' : 'f-proof-hint'}
      />
    </div>
  );
};

export const NewExpensePage: FC<{
  ctx: PageCtx;
  allocation: FundAllocation;
  balance: Balance;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, allocation: a, balance, form = {}, error }) => (
  <Layout ctx={ctx} title={t('funds.file')}>
    <p>
      <a href={href(ctx, allocationPath(a))}>{t('funds.backToAllocation')}</a>
    </p>
    <h1>{t('funds.file')}</h1>
    <p>
      {rich('funds.fileIntro', {
        money: money(a.amount, a.currency),
        available: money(balance.available, a.currency),
        dates: invoiceDates(a),
        deadline: <Day day={a.claimDeadline} />,
      })}
    </p>
    <ErrorSummary error={error} />
    <form
      method="post"
      action={href(ctx, `${allocationPath(a)}/claims`)}
      enctype="multipart/form-data"
      novalidate
    >
      <CsrfInput ctx={ctx} />
      <TextField
        name="invoiceNumber"
        label={t('funds.invoiceNumber')}
        required
        maxlength={200}
        value={form.invoiceNumber}
        error={error}
      />
      <TextField
        name="invoiceDate"
        label={t('funds.invoiceDate')}
        type="date"
        required
        value={form.invoiceDate}
        error={error}
      />
      <SelectField
        name="activity"
        label={t('funds.activity')}
        required
        options={[
          ['', t('funds.chooseActivity')],
          ...a.activities.map((x) => [x, words(x)] as const),
        ]}
        value={form.activity}
        error={error}
      />
      <fieldset>
        <legend>{t('funds.invoiceLines')}</legend>
        <p class="hint">{t('funds.linesHint')}</p>
        {Array.from({ length: FORM_LINES }, (_, i) => (
          <>
            <TextField
              name={`line${i + 1}Description`}
              label={t('funds.lineDescription', { line: i + 1 })}
              required={i === 0}
              maxlength={200}
              value={form[`line${i + 1}Description`]}
              error={error}
            />
            <TextField
              name={`line${i + 1}Amount`}
              label={t('funds.lineAmount', { line: i + 1 })}
              required={i === 0}
              inputmode="decimal"
              maxlength={40}
              value={form[`line${i + 1}Amount`]}
              error={error}
            />
          </>
        ))}
      </fieldset>
      <TextField
        name="total"
        label={t('funds.total')}
        hint={t('funds.totalHint', { currency: a.currency })}
        required
        inputmode="decimal"
        maxlength={40}
        value={form.total}
        error={error}
      />
      <FileField error={error} />
      <button type="submit">{t('claim.fileButton')}</button>
    </form>
  </Layout>
);

export const ExpensePage: FC<{
  ctx: PageCtx;
  claim: ExpenseClaim;
  done?: string | undefined;
  refused?: string | undefined;
}> = ({ ctx, claim: c, done, refused }) => (
  <Layout ctx={ctx} title={t('funds.claimTitle', { invoice: c.invoiceNumber })}>
    <p>
      <a href={href(ctx, `/funds/${encodeURIComponent(c.allocationId)}`)}>
        {t('funds.backToAllocation')}
      </a>
    </p>
    <h1>{t('funds.claimHeading', { invoice: c.invoiceNumber })}</h1>
    <FundNotice done={done} refused={refused} />
    <dl class="facts">
      <dt>{t('field.status')}</dt>
      <dd>
        <Status value={c.status} />
      </dd>
      {c.approvedAmount && (
        <>
          <dt>{t('claim.approved')}</dt>
          <dd>{money(c.approvedAmount, c.currency)}</dd>
        </>
      )}
      {c.paidAmount && (
        <>
          <dt>{t('funds.paid')}</dt>
          <dd>
            {money(c.paidAmount, c.currency)}
            {c.paymentReference && (
              <> · {t('funds.reference', { reference: c.paymentReference })}</>
            )}
            {c.paidAt && (
              <>
                {' '}
                · <Time at={c.paidAt} />
              </>
            )}
          </dd>
        </>
      )}
      {(c.reason || c.reasonCode) && (
        <>
          <dt>{t('deal.vendorReason')}</dt>
          <dd class="reason">
            {c.reasonCode && REASON_TEXT[c.reasonCode] ? t(REASON_TEXT[c.reasonCode]!) : c.reason}
            {c.reasonCode && c.reason && REASON_TEXT[c.reasonCode] && <> ({c.reason})</>}
          </dd>
        </>
      )}
      <dt>{t('funds.total')}</dt>
      <dd>{money(c.total, c.currency)}</dd>
      <dt>{t('funds.invoiceDate')}</dt>
      <dd>
        <Day day={c.invoiceDate} />
      </dd>
      <dt>{t('funds.activity')}</dt>
      <dd>{words(c.activity)}</dd>
      <dt>{t('claim.filed')}</dt>
      <dd>
        <Time at={c.filedAt} />
      </dd>
    </dl>
    <h2>{t('stock.lines')}</h2>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('field.description')}</th>
            <th scope="col">{t('field.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {c.lines.map((l) => (
            <tr>
              <td>{l.description}</td>
              <td>{money(l.amount, c.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <h2>{t('funds.proofFiles')}</h2>
    {c.proof.length === 0 ? (
      <p>{t('home.none')}</p>
    ) : (
      // A definition list: its values wrap anywhere, so a digest never widens a phone's page.
      <dl class="facts proof">
        {c.proof.map((p) => (
          <>
            <dt>
              <a href={href(ctx, `${claimPath(c)}/proof/${p.sha256}`)}>{p.name}</a>
            </dt>
            <dd>
              SHA-256 <code class="sha256">{p.sha256}</code>
              {p.size !== undefined && (
                <> · {t('funds.bytes', { size: useTranslator().count(p.size) })}</>
              )}
            </dd>
          </>
        ))}
      </dl>
    )}
  </Layout>
);
