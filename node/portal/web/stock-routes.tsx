/**
 * Stock reports and replenishment proposals of the signed-in partner: report stock (lines typed,
 * pasted or uploaded as CSV), read the vendor's proposals and decide them. A report or proposal
 * is found by its id AND the signed-in partner (the vendor's record of what that partner sent or
 * was sent), never by id alone. Accepting or changing a proposal places the replenishment order
 * first (order.place, as the partner's own node would) and then sends the decision naming it.
 */
import { Hono, type Context } from 'hono';
import { newMessageId } from '../../../protocol/index.ts';
import { AppError } from '../../errors.ts';
import {
  DECISION_KIND,
  REPORT_KIND,
  reportBody,
  type DecisionBody,
  type ReportBody,
} from '../../inventory/bodies.ts';
import { orderLinesFor } from '../../inventory/decide-proposal.ts';
import { calendarDate, checkPeriod, parseDecision, text } from '../../inventory/input.ts';
import { parseStockCsv } from '../../inventory/stock-csv.ts';
import type { Proposal } from '../../store/inventory-store.ts';
import { actAsPartner, type ActDeps } from '../act-as-partner.ts';
import type { FormError } from './components.tsx';
import { errorPage } from './error-page.tsx';
import { formBody } from './form-body.ts';
import { pageCtx, sendPage } from './layout.tsx';
import {
  actAndReturn,
  backTo,
  formErrorOf,
  given,
  labelsIn,
  type CheckedForm,
} from './portal-action.ts';
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import type { FormValues, PortalEnv } from './portal-env.ts';
import { csrfCheck } from './session-guard.ts';
import { MAX_PERIOD_DAYS } from '../../inventory/input.ts';
import { NewStockReportPage, ProposalPage, StockPage, StockReportPage } from './stock-pages.tsx';
import { ORDER_PLACE, portalOrderBody } from './stock-order.ts';
import { stockUploadBody } from './stock-upload.ts';
import { afterIdOf, cutPage, PORTAL_PAGE_SIZE } from './list-pager.tsx';

const LABEL_KEYS: Record<string, MessageKey> = {
  location: 'stock.location',
  periodStart: 'stock.periodStart',
  periodEnd: 'stock.periodEnd',
  csvText: 'stock.csvText',
  csvFile: 'stock.csvFile',
  note: 'field.note',
};

/**
 * Reads the report form and reports every field's problem at once. Each field is checked on its
 * own with the input parsers (which stop at the first problem), then the period as a whole.
 */
function checkReportForm(
  form: FormValues,
  csvField: 'csvText' | 'csvFile',
): CheckedForm<ReportBody> {
  const errors: FormError[] = [];
  const LABELS = labelsIn(LABEL_KEYS);
  const names = { csv: csvField, lines: csvField };
  const attempt = <T,>(field: string, fn: () => T): T | undefined => {
    if ((form[field === csvField ? 'csvText' : field] ?? '').trim() === '' && field !== 'note') {
      errors.push({ field, message: t('form.requiredField', { label: LABELS[field] ?? field }) });
      return undefined;
    }
    try {
      return fn();
    } catch (error) {
      errors.push({ ...formErrorOf(error, names, LABELS), field });
      return undefined;
    }
  };
  const location = attempt('location', () => text({ location: form.location }, 'location', 200));
  const start = attempt('periodStart', () =>
    calendarDate((form.periodStart ?? '').trim(), 'periodStart'),
  );
  const end = attempt('periodEnd', () => calendarDate((form.periodEnd ?? '').trim(), 'periodEnd'));
  const lines = attempt(csvField, () => parseStockCsv(form.csvText ?? ''));
  const note = given(form.note)
    ? attempt('note', () => text({ note: form.note }, 'note', 500, false))
    : undefined;
  if (start && end) {
    const problem = checkPeriod(start, end);
    if (problem && useTranslator().locale !== 'en') {
      const order = problem.startsWith('periodEnd');
      errors.push({
        field: 'periodEnd',
        message: order
          ? t('stock.periodOrder')
          : t('stock.periodTooLong', { days: MAX_PERIOD_DAYS }),
      });
    } else if (problem) {
      const words = problem
        .replace('periodEnd', LABELS.periodEnd!)
        .replace('periodStart', 'the first day');
      errors.push({
        field: 'periodEnd',
        message: `${words.charAt(0).toUpperCase()}${words.slice(1)}.`,
      });
    }
  }
  if (errors.length > 0 || !location || !start || !end || !lines) return { ok: false, errors };
  return {
    ok: true,
    value: reportBody({
      reportId: newMessageId(),
      location,
      periodStart: start,
      periodEnd: end,
      lines,
      note: note ?? null,
    }),
  };
}

export function createStockRoutes(deps: ActDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const ctxOf = (c: Context<PortalEnv>) => pageCtx(c, deps.clock.now(), 'stock');
  const findProposal = (partnerId: number, proposalId: string): Promise<Proposal | null> =>
    proposalId.length > 200
      ? Promise.resolve(null)
      : deps.store.read((tx) => tx.inventory.findProposal('supplier', partnerId, proposalId));

  app.get('/stock', async (c) => {
    const partnerId = c.var.viewer.partner.id;
    const page = (param: string) => {
      const after = afterIdOf(c, param);
      return { limit: PORTAL_PAGE_SIZE + 1, ...(after !== undefined && { after }) };
    };
    const { reports, proposals } = await deps.store.read(async (tx) => ({
      reports: cutPage(
        await tx.inventory.listReports({ role: 'supplier', partnerId }, page('reportsAfter')),
        PORTAL_PAGE_SIZE,
      ),
      proposals: cutPage(
        await tx.inventory.listProposals({ role: 'supplier', partnerId }, page('proposalsAfter')),
        PORTAL_PAGE_SIZE,
      ),
    }));
    return sendPage(
      c,
      <StockPage
        ctx={ctxOf(c)}
        reports={reports.shown}
        proposals={proposals.shown}
        next={{ reports: reports.nextCursor, proposals: proposals.nextCursor }}
      />,
    );
  });

  app.get('/stock/reports/new', (c) => sendPage(c, <NewStockReportPage ctx={ctxOf(c)} />));

  app.post('/stock/reports', stockUploadBody(), csrfCheck(), async (c) => {
    const sent = c.var.form;
    // A file takes the place of the typed lines; its problems are shown beside the file field.
    const fromFile = given(sent.csvFile) !== undefined;
    const form = fromFile ? { ...sent, csvText: sent.csvFile ?? '' } : sent;
    const checked = checkReportForm(form, fromFile ? 'csvFile' : 'csvText');
    if (!checked.ok) {
      const shown = { ...sent, csvFile: '', csvText: fromFile ? '' : (sent.csvText ?? '') };
      return sendPage(
        c,
        <NewStockReportPage ctx={ctxOf(c)} form={shown} error={checked.errors} />,
        400,
      );
    }
    const body = checked.value;
    return actAndReturn(
      deps,
      c,
      { kind: REPORT_KIND, body },
      { path: `/stock/reports/${encodeURIComponent(body.reportId)}`, done: 'reported' },
    );
  });

  app.get('/stock/reports/:id', async (c) => {
    const id = c.req.param('id');
    const report =
      id.length > 200
        ? null
        : await deps.store.read((tx) =>
            tx.inventory.findReport('supplier', c.var.viewer.partner.id, id),
          );
    if (!report) return errorPage(c, 404, t('stock.reportNotFound'));
    return sendPage(
      c,
      <StockReportPage ctx={ctxOf(c)} report={report} done={c.req.query('done')} />,
    );
  });

  app.get('/stock/proposals/:id', async (c) => {
    const proposal = await findProposal(c.var.viewer.partner.id, c.req.param('id'));
    if (!proposal) return errorPage(c, 404, t('stock.proposalNotFound'));
    return sendPage(
      c,
      <ProposalPage
        ctx={ctxOf(c)}
        proposal={proposal}
        done={c.req.query('done')}
        refused={c.req.query('error')}
      />,
    );
  });

  app.post('/stock/proposals/:id/decision', formBody(), csrfCheck(), async (c) => {
    const partnerId = c.var.viewer.partner.id;
    const proposal = await findProposal(partnerId, c.req.param('id'));
    if (!proposal) return errorPage(c, 404, t('stock.proposalNotFound'));
    const path = `/stock/proposals/${encodeURIComponent(proposal.proposalId)}`;
    const now = deps.clock.now();
    if (proposal.status !== 'open') return backTo(c, path, { error: 'proposal_decided' });
    const form = c.var.form;
    let lines;
    let input;
    try {
      const reason = given(form.reason);
      input = parseDecision({
        status: form.status ?? '',
        ...(form.status === 'modified' && {
          lines: proposal.lines.map((l, i) => ({
            sku: l.sku,
            qty: (form[`qty-${i}`] ?? '').trim(),
          })),
        }),
        ...(reason && { reason }),
      });
      lines = orderLinesFor(proposal, input);
    } catch (error) {
      // lines[2].qty → the quantity field of line 2.
      const e: FormError = formErrorOf(error, {}, labelsIn(LABEL_KEYS));
      const m = /^lines\[(\d+)\]/.exec(e.field);
      const field = m ? `qty-${m[1]}` : e.field === 'lines' ? 'qty-0' : e.field;
      const err = { field, message: m ? t('stock.badQty') : e.message };
      return sendPage(
        c,
        <ProposalPage ctx={ctxOf(c)} proposal={proposal} form={form} error={err} />,
        400,
      );
    }
    if (input.status !== 'rejected' && now.getTime() > proposal.validUntil.getTime()) {
      return backTo(c, path, { error: 'proposal_expired' });
    }
    let orderId: string | undefined;
    if (lines.length > 0) {
      let order;
      try {
        order = await portalOrderBody(deps.store, partnerId, lines, {
          now,
          note: `Replenishment proposal ${proposal.proposalId} for ${proposal.location}`.slice(
            0,
            500,
          ),
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'no_price_list') {
          return backTo(c, path, { error: 'no_price_list' });
        }
        throw error;
      }
      const placed = await actAsPartner(deps, partnerId, { kind: ORDER_PLACE, body: order });
      if (placed.status === 'rejected') return backTo(c, path, { error: 'order_refused' });
      orderId = order.order.id;
    }
    const body: DecisionBody = {
      proposalId: proposal.proposalId,
      status: input.status,
      ...(orderId !== undefined && { orderId }),
      ...(input.status === 'modified' && { lines }),
      ...(input.reason !== undefined && { reason: input.reason }),
    };
    return actAndReturn(deps, c, { kind: DECISION_KIND, body }, { path, done: input.status });
  });

  return app;
}
