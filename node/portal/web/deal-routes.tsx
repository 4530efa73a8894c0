/**
 * Deal registrations of the signed-in partner: register, amend while undecided, follow the
 * vendor's decision and protection window. A registration is found by its deal id AND the
 * signed-in partner (the vendor's record of what that partner registered), never by id alone.
 */
import { Hono, type Context } from 'hono';
import { newMessageId } from '../../../protocol/index.ts';
import { DEAL_RECORD_KIND, REGISTER_KIND, registerBody } from '../../deals/deal-bodies.ts';
import { parseDealFields } from '../../deals/deal-input.ts';
import { DEAL_STATUSES, isPending } from '../../deals/deal-status.ts';
import { DEFAULT_WITHDRAW_REASON } from '../../deals/withdraw-deal.ts';
import { badRequest } from '../../errors.ts';
import type { Deal, DealFields } from '../../store/deal-store.ts';
import type { ActDeps } from '../act-as-partner.ts';
import { DealListPage, DealPage, NewDealPage } from './deal-pages.tsx';
import { errorPage } from './error-page.tsx';
import { formBody } from './form-body.ts';
import { pageCtx, sendPage } from './layout.tsx';
import { actAndReturn, backTo, checkForm, given, labelsIn } from './portal-action.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import type { FormValues, PortalEnv } from './portal-env.ts';
import { csrfCheck } from './session-guard.ts';
import { withdrawAndReturn } from './withdraw-form.tsx';
import { afterIdOf, cutPage, PORTAL_PAGE_SIZE, statusOf } from './list-pager.tsx';

const NAMES: Record<string, string> = {
  'endCustomer.name': 'customerName',
  'endCustomer.country': 'country',
  'endCustomer.domain': 'domain',
  endCustomer: 'customerName',
};
const LABELS: Record<string, MessageKey> = {
  customerName: 'field.customerName',
  country: 'field.country',
  domain: 'lead.domain',
  products: 'field.products',
  estimatedValue: 'lead.estimatedValue',
  currency: 'field.currency',
  expectedCloseDate: 'field.expectedCloseDate',
  notes: 'lead.notes',
};

/** The form as the deal input parser reads an operator's JSON. */
export function dealFieldsOf(form: FormValues): DealFields {
  const domain = given(form.domain);
  const notes = given(form.notes);
  const products = (form.products ?? '')
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parseDealFields(
    {
      endCustomer: {
        name: form.customerName ?? '',
        country: form.country ?? '',
        ...(domain && { domain }),
      },
      products,
      estimatedValue: (form.estimatedValue ?? '').trim(),
      currency: form.currency ?? '',
      expectedCloseDate: (form.expectedCloseDate ?? '').trim(),
      ...(notes && { notes }),
    },
    false,
  ) as DealFields;
}

/** A registration that passes every check: each field is judged among these (see checkForm). */
const SAMPLE: FormValues = {
  customerName: 'Sample Customer',
  country: 'DE',
  domain: '',
  products: 'sample-product',
  estimatedValue: '1',
  currency: 'EUR',
  expectedCloseDate: '2030-01-01',
  notes: '',
};

function checkDealForm(deps: ActDeps, form: FormValues, dealId: string, version: number) {
  return checkForm(form, {
    sample: SAMPLE,
    parse: (values) => validBody(deps, dealId, version, dealFieldsOf(values)),
    names: NAMES,
    labels: labelsIn(LABELS),
  });
}

function validBody(deps: ActDeps, dealId: string, version: number, fields: DealFields) {
  const body = registerBody(dealId, version, fields);
  const valid = deps.schemas.validateBody(REGISTER_KIND, body);
  if (!valid.ok) {
    const field = valid.pointer.replace(/^\/(deal\/)?/, '').replaceAll('/', '.') || 'deal';
    throw badRequest('invalid_field', valid.detail, field);
  }
  return body;
}

export function createDealRoutes(deps: ActDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const notFound = (c: Context<PortalEnv>) => errorPage(c, 404, t('deal.notFound'));
  const find = (partnerId: number, dealId: string): Promise<Deal | null> =>
    dealId.length > 200
      ? Promise.resolve(null)
      : deps.store.read((tx) => tx.deals.find('vendor', partnerId, dealId));
  const ctxOf = (c: Context<PortalEnv>) => pageCtx(c, deps.clock.now(), 'deals');

  app.get('/deals', async (c) => {
    const now = deps.clock.now();
    const status = statusOf(c, DEAL_STATUSES);
    const after = afterIdOf(c);
    const rows = await deps.store.read((tx) =>
      tx.deals.list(
        { role: 'vendor', partnerId: c.var.viewer.partner.id, now, ...(status && { status }) },
        { limit: PORTAL_PAGE_SIZE + 1, ...(after !== undefined && { after }) },
      ),
    );
    const { shown, nextCursor } = cutPage(rows, PORTAL_PAGE_SIZE);
    return sendPage(
      c,
      <DealListPage ctx={ctxOf(c)} deals={shown} status={status} nextCursor={nextCursor} />,
    );
  });

  app.get('/deals/new', (c) => sendPage(c, <NewDealPage ctx={ctxOf(c)} />));

  app.post('/deals', formBody(), csrfCheck(), async (c) => {
    const form = c.var.form;
    const dealId = newMessageId();
    const checked = checkDealForm(deps, form, dealId, 1);
    if (!checked.ok) {
      return sendPage(c, <NewDealPage ctx={ctxOf(c)} form={form} error={checked.errors} />, 400);
    }
    return actAndReturn(
      deps,
      c,
      { kind: REGISTER_KIND, body: checked.value },
      { path: `/deals/${encodeURIComponent(dealId)}`, done: 'registered' },
    );
  });

  app.get('/deals/:id', async (c) => {
    const deal = await find(c.var.viewer.partner.id, c.req.param('id'));
    if (!deal) return notFound(c);
    return sendPage(
      c,
      <DealPage
        ctx={ctxOf(c)}
        deal={deal}
        done={c.req.query('done')}
        refused={c.req.query('error')}
      />,
    );
  });

  app.post('/deals/:id/amend', formBody(), csrfCheck(), async (c) => {
    const deal = await find(c.var.viewer.partner.id, c.req.param('id'));
    if (!deal) return notFound(c);
    const path = `/deals/${encodeURIComponent(deal.dealId)}`;
    if (!isPending(deal.status)) return backTo(c, path, { error: 'deal_closed' });
    const form = c.var.form;
    const checked = checkDealForm(deps, form, deal.dealId, deal.version + 1);
    if (!checked.ok) {
      return sendPage(
        c,
        <DealPage ctx={ctxOf(c)} deal={deal} form={form} error={checked.errors} />,
        400,
      );
    }
    const body = checked.value;
    return actAndReturn(deps, c, { kind: REGISTER_KIND, body }, { path, done: 'amended' });
  });

  app.post('/deals/:id/withdraw', formBody(), csrfCheck(), async (c) => {
    const deal = await find(c.var.viewer.partner.id, c.req.param('id'));
    if (!deal) return notFound(c);
    const path = `/deals/${encodeURIComponent(deal.dealId)}`;
    if (deal.status === 'withdrawn') return backTo(c, path, { error: 'withdrawn' });
    return withdrawAndReturn(
      deps,
      c,
      {
        recordKind: DEAL_RECORD_KIND,
        recordId: deal.dealId,
        path,
        defaultReason: DEFAULT_WITHDRAW_REASON,
      },
      (errors) =>
        sendPage(c, <DealPage ctx={ctxOf(c)} deal={deal} form={c.var.form} error={errors} />, 400),
    );
  });

  return app;
}
