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
import { rich, t, type MessageKey } from '../../i18n/index.ts';
import { reasonFor } from '../../inventory/explain-reason.ts';
import { decimal, Time, timeLeft } from './format.ts';
import { CsrfInput, href, Layout, type PageCtx } from './layout.tsx';
import { NextListPage } from './list-pager.tsx';

const STOCK_DONE: Record<string, MessageKey> = {
  reported: 'stock.done.reported',
  accepted: 'stock.done.accepted',
  modified: 'stock.done.modified',
  rejected: 'stock.done.rejected',
};

const STOCK_REFUSED: Record<string, MessageKey> = {
  proposal_expired: 'refusal.proposal_expired',
  proposal_decided: 'refusal.proposal_decided',
  no_price_list: 'refusal.no_price_list',
  order_refused: 'refusal.order_refused',
};

/** What a redirect after a form says, from fixed texts only. */
const StockNotice: FC<{ done?: string | undefined; error?: string | undefined }> = ({
  done,
  error,
}) =>
  (done && STOCK_DONE[done]) || (error && STOCK_REFUSED[error]) ? (
    <div class={done ? 'notice done' : 'notice error'} role={done ? 'status' : 'alert'}>
      <p>{t(done ? STOCK_DONE[done]! : STOCK_REFUSED[error!]!)}</p>
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
  /** Where each list's next page starts (`proposalsAfter`, `reportsAfter`). */
  next: { proposals: number | null; reports: number | null };
}> = ({ ctx, reports, proposals, next }) => (
  <Layout ctx={ctx} title={t('nav.stock')}>
    <h1>{t('stock.heading')}</h1>
    <p>{t('stock.intro')}</p>
    <p>
      <a href={href(ctx, '/stock/reports/new')}>{t('stock.report')}</a>
    </p>
    <h2>{t('stock.proposals')}</h2>
    {proposals.length === 0 ? (
      <p>{t('stock.noProposals')}</p>
    ) : (
      <ul class="cards">
        {proposals.map((p) => (
          <li class="card">
            <h3>
              <a href={href(ctx, `/stock/proposals/${encodeURIComponent(p.proposalId)}`)}>
                {t('stock.proposalLines', { location: p.location, lines: p.lines.length })}
              </a>
            </h3>
            <p>
              <Status value={isExpired(p, ctx.now) ? 'expired' : p.status} />
              {p.status === 'open' && !isExpired(p, ctx.now) && (
                <> · {t('stock.decideWithin', { left: timeLeft(p.validUntil, ctx.now) })}</>
              )}
            </p>
          </li>
        ))}
      </ul>
    )}
    <NextListPage ctx={ctx} path="/stock" cursor={next.proposals} param="proposalsAfter" />
    <h2>{t('stock.reports')}</h2>
    {reports.length === 0 ? (
      <p>{t('stock.noReports')}</p>
    ) : (
      <div class="scroll" role="region" aria-label={t('stock.reports')} tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('stock.location')}</th>
              <th scope="col">{t('stock.period')}</th>
              <th scope="col">{t('stock.lines')}</th>
              <th scope="col">{t('stock.sent')}</th>
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
                <td>{t('stock.periodRange', { start: r.periodStart, end: r.periodEnd })}</td>
                <td>{r.lines.length}</td>
                <td>
                  <Time at={r.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    <NextListPage ctx={ctx} path="/stock" cursor={next.reports} param="reportsAfter" />
  </Layout>
);

export const NewStockReportPage: FC<{
  ctx: PageCtx;
  form?: Record<string, string>;
  error?: FormErrors;
}> = ({ ctx, form = {}, error }) => (
  <Layout ctx={ctx} title={t('stock.report')}>
    <p>
      <a href={href(ctx, '/stock')}>{t('stock.heading')}</a>
    </p>
    <h1>{t('stock.report')}</h1>
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
        label={t('stock.location')}
        hint={t('stock.locationHint')}
        required
        maxlength={200}
        value={form.location}
        error={error}
      />
      <TextField
        name="periodStart"
        label={t('stock.periodStart')}
        type="date"
        required
        value={form.periodStart}
        error={error}
      />
      <TextField
        name="periodEnd"
        label={t('stock.periodEnd')}
        type="date"
        required
        value={form.periodEnd}
        error={error}
      />
      <TextArea
        name="csvText"
        label={t('stock.csvText')}
        hint={t('stock.csvTextHint')}
        rows={8}
        value={form.csvText}
        error={error}
      />
      <div class={errorOf(error, 'csvFile') ? 'field invalid' : 'field'}>
        <label for="f-csvFile">
          {t('stock.csvFile')}
          <span class="optional">{t('form.optional')}</span>
        </label>
        <p class="hint" id="f-csvFile-hint">
          {t('stock.csvFileHint')}
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
            <span class="visually-hidden">{t('form.errorPrefix')}</span>
            {errorOf(error, 'csvFile')!.message}
          </p>
        )}
      </div>
      <TextArea
        name="note"
        label={t('field.note')}
        maxlength={500}
        rows={2}
        value={form.note}
        error={error}
      />
      <button type="submit">{t('stock.send')}</button>
    </form>
  </Layout>
);

export const StockReportPage: FC<{ ctx: PageCtx; report: InventoryReport; done?: string }> = ({
  ctx,
  report,
  done,
}) => (
  <Layout ctx={ctx} title={t('stock.reportTitle', { location: report.location })}>
    <p>
      <a href={href(ctx, '/stock')}>{t('stock.heading')}</a>
    </p>
    <StockNotice done={done} />
    <h1>
      {t('stock.reportHeading', {
        location: report.location,
        start: report.periodStart,
        end: report.periodEnd,
      })}
    </h1>
    {report.note && <p>{report.note}</p>}
    <div class="scroll" role="region" aria-label={t('stock.reportLines')} tabindex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('catalog.col.sku')}</th>
            <th scope="col">{t('stock.onHand')}</th>
            <th scope="col">{t('stock.sold')}</th>
            <th scope="col">{t('stock.onOrder')}</th>
            <th scope="col">{t('stock.returned')}</th>
          </tr>
        </thead>
        <tbody>
          {report.lines.map((l) => (
            <tr>
              <td>{l.sku}</td>
              <td>{decimal(l.onHand)}</td>
              <td>{decimal(l.sold)}</td>
              <td>{decimal(l.onOrder)}</td>
              <td>{decimal(l.returned)}</td>
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
            {t('stock.proposed')} <strong>{decimal(l.qty)}</strong>
            {p.status === 'modified' && (
              <>
                {' · '}
                {t('stock.ordered', {
                  qty: decimal(p.decisionLines?.find((d) => d.sku === l.sku)?.qty ?? '0'),
                })}
              </>
            )}
          </p>
          <p class="reason">{reasonFor(ctx.tr, p.details, l)}</p>
          {open && (
            <div class={errorOf(error, `qty-${i}`) ? 'field invalid' : 'field'}>
              <label for={`f-qty-${i}`}>{t('stock.qtyToOrder', { sku: l.sku })}</label>
              {errorOf(error, `qty-${i}`) && (
                <p class="field-error" id={`f-qty-${i}-error`}>
                  <span class="visually-hidden">{t('form.errorPrefix')}</span>
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
    <Layout ctx={ctx} title={t('stock.proposalTitle', { location: p.location })}>
      <p>
        <a href={href(ctx, '/stock')}>{t('stock.heading')}</a>
      </p>
      <StockNotice done={done} error={refused} />
      <h1>{t('stock.proposalHeading', { location: p.location })}</h1>
      <p>
        <Status value={isExpired(p, ctx.now) ? 'expired' : p.status} /> ·{' '}
        {rich('stock.validUntil', { time: <Time at={p.validUntil} /> })}
        {p.orderId && <> · {t('stock.order', { order: p.orderId })}</>}
      </p>
      {p.decisionReason && <p>{t('stock.yourReason', { reason: p.decisionReason })}</p>}
      <ErrorSummary error={error} />
      {open ? (
        <form method="post" action={action} novalidate>
          <CsrfInput ctx={ctx} />
          {cards}
          <TextArea
            name="reason"
            label={t('stock.reasonForVendor')}
            maxlength={500}
            rows={2}
            value={form.reason}
            error={error}
          />
          <div class="actions">
            <button type="submit" name="status" value="accepted">
              {t('stock.acceptOrder')}
            </button>{' '}
            <button type="submit" name="status" value="modified" class="secondary">
              {t('stock.orderEntered')}
            </button>{' '}
            <button type="submit" name="status" value="rejected" class="secondary">
              {t('stock.reject')}
            </button>
          </div>
        </form>
      ) : (
        cards
      )}
    </Layout>
  );
};
