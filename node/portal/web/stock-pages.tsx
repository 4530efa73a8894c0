/**
 * Stock reports and replenishment proposals of the signed-in partner: the overview, the report
 * form (lines typed or pasted as CSV, or a CSV file), one report, one proposal with its decision
 * form.
 */
import type { FC } from 'hono/jsx';
import type { InventoryReport, Proposal } from '../../store/inventory-store.ts';
import {
  ErrorSummary,
  errorOf,
  Notice,
  Status,
  TextArea,
  TextField,
  type FormErrors,
} from './components.tsx';
import { formatTime, timeLeft } from './format.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';

const STOCK_DONE: Record<string, string> = {
  reported: 'Your stock report was sent to the vendor.',
  accepted: 'You accepted the proposal; your replenishment order was sent to the vendor.',
  modified: 'Your changed quantities were ordered; the vendor has been told.',
  rejected: 'You rejected the proposal. The vendor has been told.',
};

const STOCK_REFUSED: Record<string, string> = {
  proposal_expired: 'The proposal has expired; it can no longer be accepted.',
  proposal_decided: 'This proposal has been decided already.',
  no_price_list: 'None of the price lists shared with you prices every line; ask the vendor.',
  order_refused: 'The vendor’s node refused the order, so nothing was decided.',
};

/** What a redirect after a form says, from fixed texts only. */
const StockNotice: FC<{ done?: string | undefined; error?: string | undefined }> = ({
  done,
  error,
}) =>
  (done && STOCK_DONE[done]) || (error && STOCK_REFUSED[error]) ? (
    <div class={done ? 'notice done' : 'notice error'} role={done ? 'status' : 'alert'}>
      <p>{done ? STOCK_DONE[done] : STOCK_REFUSED[error!]}</p>
    </div>
  ) : (
    <Notice done={done} error={error} />
  );

const isExpired = (p: Proposal, now: Date) =>
  p.status === 'open' && now.getTime() > p.validUntil.getTime();

export const StockPage: FC<{
  ctx: PageCtx;
  reports: InventoryReport[];
  proposals: Proposal[];
}> = ({ ctx, reports, proposals }) => (
  <Layout ctx={ctx} title="Stock">
    <h1>Stock and replenishment</h1>
    <p>
      Report your stock and sales; the vendor proposes what to reorder, and you accept, change or
      reject each proposal.
    </p>
    <p>
      <a href={href(ctx, '/stock/reports/new')}>Report stock</a>
    </p>
    <h2>Replenishment proposals</h2>
    {proposals.length === 0 ? (
      <p>The vendor has not proposed anything yet.</p>
    ) : (
      <ul class="cards">
        {proposals.map((p) => (
          <li class="card">
            <h3>
              <a href={href(ctx, `/stock/proposals/${encodeURIComponent(p.proposalId)}`)}>
                {p.location}: {p.lines.length} {p.lines.length === 1 ? 'line' : 'lines'}
              </a>
            </h3>
            <p>
              <Status value={isExpired(p, ctx.now) ? 'expired' : p.status} />
              {p.status === 'open' && !isExpired(p, ctx.now) && (
                <> · decide within {timeLeft(p.validUntil, ctx.now)}</>
              )}
            </p>
          </li>
        ))}
      </ul>
    )}
    <h2>Your stock reports</h2>
    {reports.length === 0 ? (
      <p>You have not reported stock yet.</p>
    ) : (
      <div class="scroll" role="region" aria-label="Your stock reports" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Location</th>
              <th scope="col">Period</th>
              <th scope="col">Lines</th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr>
                <td>
                  <a href={href(ctx, `/stock/reports/${encodeURIComponent(r.reportId)}`)}>
                    {r.location}
                  </a>
                </td>
                <td>
                  {r.periodStart} to {r.periodEnd}
                </td>
                <td>{r.lines.length}</td>
                <td>{formatTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </Layout>
);

export const NewStockReportPage: FC<{
  ctx: PageCtx;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, form = {}, error }) => (
  <Layout ctx={ctx} title="Report stock">
    <p>
      <a href={href(ctx, '/stock')}>Stock and replenishment</a>
    </p>
    <h1>Report stock</h1>
    <ErrorSummary error={error} />
    <form
      method="post"
      action={href(ctx, '/stock/reports')}
      enctype="multipart/form-data"
      novalidate
    >
      <CsrfInput ctx={ctx} />
      <TextField
        name="location"
        label="Location"
        hint="The store or warehouse the report is about"
        required
        maxlength={200}
        value={form.location}
        error={error}
      />
      <TextField
        name="periodStart"
        label="First day of the period"
        type="date"
        required
        value={form.periodStart}
        error={error}
      />
      <TextField
        name="periodEnd"
        label="Last day of the period"
        type="date"
        required
        value={form.periodEnd}
        error={error}
      />
      <TextArea
        name="csvText"
        label="Stock lines"
        hint="CSV with a header row: sku,onHand,sold,onOrder,returned (onOrder and returned may be left empty). Or choose a file below."
        rows={8}
        value={form.csvText}
        error={error}
      />
      <div class={errorOf(error, 'csvFile') ? 'field invalid' : 'field'}>
        <label for="f-csvFile">
          CSV file<span class="optional"> (optional)</span>
        </label>
        <p class="hint" id="f-csvFile-hint">
          Instead of typing the lines: a CSV file of at most 256 KiB with the same columns.
        </p>
        <input
          id="f-csvFile"
          name="csvFile"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="f-csvFile-hint"
          aria-invalid={errorOf(error, 'csvFile') ? 'true' : undefined}
        />
        {errorOf(error, 'csvFile') && (
          <p class="field-error">
            <span class="visually-hidden">Error: </span>
            {errorOf(error, 'csvFile')!.message}
          </p>
        )}
      </div>
      <TextArea name="note" label="Note" maxlength={500} rows={2} value={form.note} error={error} />
      <button type="submit">Send the report</button>
    </form>
  </Layout>
);

export const StockReportPage: FC<{ ctx: PageCtx; report: InventoryReport; done?: string }> = ({
  ctx,
  report,
  done,
}) => (
  <Layout ctx={ctx} title={`Stock report ${report.location}`}>
    <p>
      <a href={href(ctx, '/stock')}>Stock and replenishment</a>
    </p>
    <StockNotice done={done} />
    <h1>
      Stock report: {report.location}, {report.periodStart} to {report.periodEnd}
    </h1>
    {report.note && <p>{report.note}</p>}
    <div class="scroll" role="region" aria-label="Report lines" tabindex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">On hand</th>
            <th scope="col">Sold</th>
            <th scope="col">On order</th>
            <th scope="col">Returned</th>
          </tr>
        </thead>
        <tbody>
          {report.lines.map((l) => (
            <tr>
              <td>{l.sku}</td>
              <td>{l.onHand}</td>
              <td>{l.sold}</td>
              <td>{l.onOrder}</td>
              <td>{l.returned ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </Layout>
);

export const ProposalPage: FC<{
  ctx: PageCtx;
  proposal: Proposal;
  form?: Record<string, string>;
  error?: FormErrors;
  done?: string | undefined;
  refused?: string | undefined;
}> = ({ ctx, proposal: p, form = {}, error, done, refused }) => {
  const open = p.status === 'open' && !isExpired(p, ctx.now);
  const action = href(ctx, `/stock/proposals/${encodeURIComponent(p.proposalId)}/decision`);
  const cards = (
    <ul class="cards">
      {p.lines.map((l, i) => (
        <li class="card">
          <h3>{l.sku}</h3>
          <p>
            Proposed: <strong>{l.qty}</strong>
            {p.status === 'modified' && (
              <> · ordered: {p.decisionLines?.find((d) => d.sku === l.sku)?.qty ?? '0'}</>
            )}
          </p>
          <p class="reason">{l.reason}</p>
          {open && (
            <div class={errorOf(error, `qty-${i}`) ? 'field invalid' : 'field'}>
              <label for={`f-qty-${i}`}>Quantity of {l.sku} to order</label>
              {errorOf(error, `qty-${i}`) && (
                <p class="field-error" id={`f-qty-${i}-error`}>
                  <span class="visually-hidden">Error: </span>
                  {errorOf(error, `qty-${i}`)!.message}
                </p>
              )}
              <input
                id={`f-qty-${i}`}
                name={`qty-${i}`}
                inputmode="decimal"
                maxlength={40}
                value={form[`qty-${i}`] ?? l.qty}
                aria-invalid={errorOf(error, `qty-${i}`) ? 'true' : undefined}
                aria-describedby={errorOf(error, `qty-${i}`) ? `f-qty-${i}-error` : undefined}
              />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
  return (
    <Layout ctx={ctx} title={`Proposal ${p.location}`}>
      <p>
        <a href={href(ctx, '/stock')}>Stock and replenishment</a>
      </p>
      <StockNotice done={done} error={refused} />
      <h1>Replenishment proposal: {p.location}</h1>
      <p>
        <Status value={isExpired(p, ctx.now) ? 'expired' : p.status} /> · valid until{' '}
        {formatTime(p.validUntil)}
        {p.orderId && <> · order {p.orderId}</>}
      </p>
      {p.decisionReason && <p>Your reason: {p.decisionReason}</p>}
      <ErrorSummary error={error} />
      {open ? (
        <form method="post" action={action} novalidate>
          <CsrfInput ctx={ctx} />
          {cards}
          <TextArea
            name="reason"
            label="Reason for the vendor"
            maxlength={500}
            rows={2}
            value={form.reason}
            error={error}
          />
          <div class="actions">
            <button type="submit" name="status" value="accepted">
              Accept and order
            </button>{' '}
            <button type="submit" name="status" value="modified" class="secondary">
              Order the quantities entered
            </button>{' '}
            <button type="submit" name="status" value="rejected" class="secondary">
              Reject
            </button>
          </div>
        </form>
      ) : (
        cards
      )}
    </Layout>
  );
};
