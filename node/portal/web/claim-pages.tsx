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
import { formatDate, formatTime, money, words } from './format.ts';
import { WithdrawForm } from './withdraw-form.tsx';

const who = (side: string) => (side === 'partner' ? 'You' : 'The vendor');

export const ClaimListPage: FC<{ ctx: PageCtx; claims: WarrantyClaim[] }> = ({ ctx, claims }) => (
  <Layout ctx={ctx} title="Warranty claims">
    <h1>Warranty claims</h1>
    <p>
      <a href={href(ctx, '/claims/new')}>File a warranty claim</a>
    </p>
    {claims.length === 0 ? (
      <p>No warranty claims yet.</p>
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
              <Status value={w.withdrawnAt ? 'withdrawn' : w.status} /> · claimed{' '}
              {money(w.claimedAmount, w.currency)}
              {w.approvedAmount && <> · approved {money(w.approvedAmount, w.currency)}</>}
            </p>
          </li>
        ))}
      </ul>
    )}
  </Layout>
);

/** The claim's own fields: to file one, or to send a new version of it. */
const ClaimInputs: FC<{ form: Record<string, string>; error?: FormErrors }> = ({ form, error }) => (
  <>
    <TextField
      name="product"
      label="Product"
      required
      maxlength={200}
      value={form.product}
      error={error}
    />
    <TextField
      name="serial"
      label="Serial number"
      required
      maxlength={200}
      value={form.serial}
      error={error}
    />
    <TextField
      name="purchaseDate"
      label="Purchase date"
      type="date"
      required
      value={form.purchaseDate}
      error={error}
    />
    <TextField
      name="failureDate"
      label="Failure date"
      type="date"
      required
      value={form.failureDate}
      error={error}
    />
    <TextArea
      name="failure"
      label="What failed"
      required
      maxlength={5000}
      value={form.failure}
      error={error}
    />
    <TextField
      name="claimedAmount"
      label="Amount claimed"
      hint="Digits with an optional decimal point, e.g. 149.90"
      required
      inputmode="decimal"
      maxlength={40}
      value={form.claimedAmount}
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
}> = ({ ctx, form = {}, error }) => (
  <NewRecordPage
    ctx={ctx}
    title="File a warranty claim"
    listPath="/claims"
    listLabel="All warranty claims"
    submit="File the claim"
    error={error}
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
      <a href={href(ctx, '/claims')}>All warranty claims</a>
    </p>
    <h1>
      Warranty claim: {w.product} · {w.serial}
    </h1>
    <Notice done={done} error={refused} />
    <ErrorSummary error={error} />
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <Status value={w.withdrawnAt ? 'withdrawn' : w.status} />
      </dd>
      {w.approvedAmount && (
        <>
          <dt>Approved</dt>
          <dd>{money(w.approvedAmount, w.currency)}</dd>
        </>
      )}
      {w.decisionReason && (
        <>
          <dt>Vendor's reason</dt>
          <dd>{w.decisionReason}</dd>
        </>
      )}
      <dt>Claimed</dt>
      <dd>{money(w.claimedAmount, w.currency)}</dd>
      <dt>Purchased</dt>
      <dd>{formatDate(w.purchaseDate)}</dd>
      <dt>Failed</dt>
      <dd>{formatDate(w.failureDate)}</dd>
      <dt>What failed</dt>
      <dd>{w.failure}</dd>
      <dt>Filed</dt>
      <dd>{formatTime(w.createdAt)}</dd>
    </dl>
    <h2>History</h2>
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <p class="meta">
            {formatTime(e.at)} · {who(e.side)}
          </p>
          <p>
            {e.type === 'filed' && (
              <>
                Filed version {e.version} for {money(e.amount, w.currency)}.
              </>
            )}
            {e.type === 'decision' && (
              <>
                Decision: {words(e.status)}
                {e.amount && <>, {money(e.amount, w.currency)}</>}
                {e.reason && <> — {e.reason}</>}.
              </>
            )}
            {e.type === 'withdrawn' && <>Withdrawn{e.reason && `: ${e.reason}`}.</>}
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
          <legend>Send a new version of the claim</legend>
          <p class="muted">Until the vendor decides, you may correct the claim.</p>
          <ClaimInputs
            form={form?.product === undefined ? claimFormValues(w) : form}
            error={error}
          />
          <button type="submit">Send the new version</button>
        </fieldset>
      </form>
    )}
    {!w.withdrawnAt && w.owner === 'partner' && (
      <WithdrawForm
        ctx={ctx}
        action={href(ctx, `/claims/${encodeURIComponent(w.claimId)}/withdraw`)}
        what="claim"
        explain="If the claim is no longer needed, withdraw it; the vendor stops handling it."
        form={form}
        error={error}
      />
    )}
  </Layout>
);
