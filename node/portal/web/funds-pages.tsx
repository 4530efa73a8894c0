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
import { formatDate, formatTime, money, words } from './format.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';
import { MAX_PROOF_FILES } from './funds-upload.ts';

/** How many line rows the claim form offers (no script adds more). */
export const FORM_LINES = 5;

const FUND_DONE: Record<string, string> = {
  claim_filed: 'Your expense claim was sent to the vendor.',
};

/** Why a claim was refused: the protocol's reason codes, in words. */
export const REASON_TEXT: Record<string, string> = {
  claim_over_balance: 'The claim is more than the allocation has available.',
  claim_past_deadline: 'The claim deadline of the allocation has passed.',
  invoice_outside_validity: 'The invoice date is outside the allocation’s validity.',
  activity_not_eligible: 'The activity is not one the allocation covers.',
  currency_mismatch: 'The claim is not in the allocation’s currency.',
  total_mismatch: 'The total is not the sum of the lines.',
  allocation_withdrawn: 'The vendor withdrew the allocation.',
};

const FundNotice: FC<{ done?: string | undefined; refused?: string | undefined }> = ({
  done,
  refused,
}) =>
  done && FUND_DONE[done] ? (
    <div class="notice done" role="status">
      <p>{FUND_DONE[done]}</p>
    </div>
  ) : (
    <Notice done={done} error={refused} />
  );

const allocationPath = (a: FundAllocation) => `/funds/${encodeURIComponent(a.allocationId)}`;
const claimPath = (c: ExpenseClaim) => `/expenses/${encodeURIComponent(c.claimId)}`;

const BalanceFacts: FC<{ balance: Balance }> = ({ balance: b }) => (
  <dl class="facts balance">
    <dt>Allocated</dt>
    <dd>{money(b.allocated, b.currency)}</dd>
    <dt>Awaiting decision</dt>
    <dd>{money(b.claimed, b.currency)}</dd>
    <dt>Approved, unpaid</dt>
    <dd>{money(b.approved, b.currency)}</dd>
    <dt>Paid</dt>
    <dd>{money(b.paid, b.currency)}</dd>
    <dt>Available</dt>
    <dd>{money(b.available, b.currency)}</dd>
  </dl>
);

const ClaimCards: FC<{ ctx: PageCtx; claims: ExpenseClaim[] }> = ({ ctx, claims }) =>
  claims.length === 0 ? (
    <p>No expense claims yet.</p>
  ) : (
    <ul class="cards">
      {claims.map((c) => (
        <li class="card">
          <h3>
            <a href={href(ctx, claimPath(c))}>
              Invoice {c.invoiceNumber} · {words(c.activity)}
            </a>
          </h3>
          <p>
            <Status value={c.status} /> · claimed {money(c.total, c.currency)}
            {c.approvedAmount && <> · approved {money(c.approvedAmount, c.currency)}</>}
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
}> = ({ ctx, allocations, totals, claims }) => (
  <Layout ctx={ctx} title="Marketing funds">
    <h1>Marketing funds</h1>
    {totals.length > 0 && (
      <>
        <h2>Your balance</h2>
        {totals.map((b) => (
          <BalanceFacts balance={b} />
        ))}
      </>
    )}
    <h2>Allocations</h2>
    {allocations.length === 0 ? (
      <p>The vendor has not allocated funds to you yet.</p>
    ) : (
      <ul class="cards">
        {allocations.map(({ allocation: a, balance }) => (
          <li class="card">
            <h3>
              <a href={href(ctx, allocationPath(a))}>
                {money(a.amount, a.currency)} · {a.activities.map(words).join(', ')}
              </a>
            </h3>
            <p>
              {a.withdrawnAt ? (
                <Status value="withdrawn" />
              ) : (
                <>Claim by {formatDate(a.claimDeadline)}</>
              )}{' '}
              · available {money(balance.available, balance.currency)}
            </p>
          </li>
        ))}
      </ul>
    )}
    <h2>Expense claims</h2>
    <ClaimCards ctx={ctx} claims={claims} />
  </Layout>
);

export const AllocationPage: FC<{
  ctx: PageCtx;
  allocation: FundAllocation;
  balance: Balance;
  claims: ExpenseClaim[];
}> = ({ ctx, allocation: a, balance, claims }) => (
  <Layout ctx={ctx} title={`Allocation ${money(a.amount, a.currency)}`}>
    <p>
      <a href={href(ctx, '/funds')}>All marketing funds</a>
    </p>
    <h1>Allocation of {money(a.amount, a.currency)}</h1>
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <Status value={a.withdrawnAt ? 'withdrawn' : 'active'} />
        {a.withdrawnReason && <> — {a.withdrawnReason}</>}
      </dd>
      <dt>Eligible activities</dt>
      <dd>{a.activities.map(words).join(', ')}</dd>
      <dt>Invoices dated</dt>
      <dd>
        {a.validFrom ? `${formatDate(a.validFrom)} to ` : 'until '}
        {formatDate(a.validTo)}
      </dd>
      <dt>Claim by</dt>
      <dd>{formatDate(a.claimDeadline)}</dd>
      {a.note && (
        <>
          <dt>Note</dt>
          <dd>{a.note}</dd>
        </>
      )}
    </dl>
    <h2>Balance</h2>
    <BalanceFacts balance={balance} />
    {!a.withdrawnAt && (
      <p>
        <a href={href(ctx, `${allocationPath(a)}/claims/new`)}>File an expense claim</a>
      </p>
    )}
    <h2>Expense claims</h2>
    <ClaimCards ctx={ctx} claims={claims} />
  </Layout>
);

const FileField: FC<{ error?: FormErrors }> = ({ error }) => {
  const problem = errorOf(error, 'proof');
  return (
    <div class={problem ? 'field invalid' : 'field'}>
      <label for="f-proof">Proof files</label>
      <p class="hint" id="f-proof-hint">
        The invoice and other proof: PDF, PNG or JPEG, up to 5 MB each, at most {MAX_PROOF_FILES}{' '}
        files. Choose them again if the form comes back.
      </p>
      {problem && (
        <p class="field-error" id="f-proof-error">
          <span class="visually-hidden">Error: </span>
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
  <Layout ctx={ctx} title="File an expense claim">
    <p>
      <a href={href(ctx, allocationPath(a))}>Back to the allocation</a>
    </p>
    <h1>File an expense claim</h1>
    <p>
      Against the allocation of {money(a.amount, a.currency)}:{' '}
      {money(balance.available, a.currency)} available; invoices dated{' '}
      {a.validFrom ? `${formatDate(a.validFrom)} to ` : 'until '}
      {formatDate(a.validTo)}, claims by {formatDate(a.claimDeadline)}.
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
        label="Invoice number"
        required
        maxlength={200}
        value={form.invoiceNumber}
        error={error}
      />
      <TextField
        name="invoiceDate"
        label="Invoice date"
        type="date"
        required
        value={form.invoiceDate}
        error={error}
      />
      <SelectField
        name="activity"
        label="Activity"
        required
        options={[['', 'Choose an activity'], ...a.activities.map((x) => [x, words(x)] as const)]}
        value={form.activity}
        error={error}
      />
      <fieldset>
        <legend>Invoice lines</legend>
        <p class="hint">Fill one line or more; leave the others empty.</p>
        {Array.from({ length: FORM_LINES }, (_, i) => (
          <>
            <TextField
              name={`line${i + 1}Description`}
              label={`Line ${i + 1} description`}
              required={i === 0}
              maxlength={200}
              value={form[`line${i + 1}Description`]}
              error={error}
            />
            <TextField
              name={`line${i + 1}Amount`}
              label={`Line ${i + 1} amount`}
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
        label="Total"
        hint={`Exactly the sum of the lines, in ${a.currency}, e.g. 1250.00`}
        required
        inputmode="decimal"
        maxlength={40}
        value={form.total}
        error={error}
      />
      <FileField error={error} />
      <button type="submit">File the claim</button>
    </form>
  </Layout>
);

export const ExpensePage: FC<{
  ctx: PageCtx;
  claim: ExpenseClaim;
  done?: string | undefined;
  refused?: string | undefined;
}> = ({ ctx, claim: c, done, refused }) => (
  <Layout ctx={ctx} title={`Expense claim ${c.invoiceNumber}`}>
    <p>
      <a href={href(ctx, `/funds/${encodeURIComponent(c.allocationId)}`)}>Back to the allocation</a>
    </p>
    <h1>Expense claim: invoice {c.invoiceNumber}</h1>
    <FundNotice done={done} refused={refused} />
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <Status value={c.status} />
      </dd>
      {c.approvedAmount && (
        <>
          <dt>Approved</dt>
          <dd>{money(c.approvedAmount, c.currency)}</dd>
        </>
      )}
      {c.paidAmount && (
        <>
          <dt>Paid</dt>
          <dd>
            {money(c.paidAmount, c.currency)}
            {c.paymentReference && <> · reference {c.paymentReference}</>}
            {c.paidAt && <> · {formatTime(c.paidAt)}</>}
          </dd>
        </>
      )}
      {(c.reason || c.reasonCode) && (
        <>
          <dt>Vendor's reason</dt>
          <dd class="reason">
            {c.reasonCode && REASON_TEXT[c.reasonCode] ? REASON_TEXT[c.reasonCode] : c.reason}
            {c.reasonCode && c.reason && REASON_TEXT[c.reasonCode] && <> ({c.reason})</>}
          </dd>
        </>
      )}
      <dt>Total</dt>
      <dd>{money(c.total, c.currency)}</dd>
      <dt>Invoice date</dt>
      <dd>{formatDate(c.invoiceDate)}</dd>
      <dt>Activity</dt>
      <dd>{words(c.activity)}</dd>
      <dt>Filed</dt>
      <dd>{formatTime(c.filedAt)}</dd>
    </dl>
    <h2>Lines</h2>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col">Amount</th>
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
    <h2>Proof files</h2>
    {c.proof.length === 0 ? (
      <p>None.</p>
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
              {p.size !== undefined && <> · {p.size} bytes</>}
            </dd>
          </>
        ))}
      </dl>
    )}
  </Layout>
);
