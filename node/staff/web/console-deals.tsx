/**
 * Deals: the queue of registrations (filter by status and partner, keyset pages from the API's
 * cursor) and a registration's page with its conflicts beside it and, for those who may act, the
 * decision form. The decision is the API's POST /deals/:id/decision, called in-process.
 */
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { Day, Time } from '../../i18n/time-element.tsx';
import { Hono, type Context } from 'hono';
import { DEAL_STATUSES } from '../../deals/deal-status.ts';
import { DECISION_STATUSES } from '../../deals/deal-input.ts';
import {
  ErrorSummary,
  SelectField,
  Status,
  TextArea,
  type FormErrors,
} from '../../portal/web/components.tsx';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import { mayAct } from '../console-areas.ts';
import type { ConsoleEnv } from './console-env.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { keysetListPage } from './console-keyset-list.tsx';
import { areaHref, refusalPage, requireAct, requireArea } from './console-page-kit.tsx';
import { PartnerRefusal, type PartnerRefusalView } from './console-partner-refusal.tsx';

const TEXT = {
  title: 'console.deals.title',
  status: 'console.deals.status',
  partner: 'console.deals.partner',
  none: 'console.deals.none',
  customer: 'console.deals.customer',
  products: 'console.deals.products',
  value: 'console.deals.value',
  close: 'console.deals.close',
  registeredAt: 'console.deals.registeredAt',
  reason: 'console.deals.reason',
  protectedUntil: 'console.deals.protectedUntil',
  conflictsTitle: 'console.deals.conflictsTitle',
  laterOf: 'console.deals.laterOf',
  thisOne: 'console.deals.thisOne',
  decideTitle: 'console.deals.decideTitle',
  decision: 'console.deals.decision',
  reasonHint: 'console.deals.reasonHint',
  decide: 'console.deals.decide',
  decided: 'console.deals.decided',
} as const satisfies Record<string, MessageKey>;

const DECISION_LABELS: Record<(typeof DECISION_STATUSES)[number], MessageKey> = {
  approved: 'console.deals.decision.approved',
  rejected: 'console.deals.decision.rejected',
  returned: 'console.deals.decision.returned',
  conflict: 'console.deals.decision.conflict',
};

interface PartnerOf {
  id: number;
  name: string | null;
  nodeId: string | null;
}
interface Conflict {
  type: 'deal' | 'lead';
  id?: number;
  dealId?: string;
  leadId?: string;
  partner: PartnerOf;
  products?: string[];
}
interface LaterConflict {
  id: number;
  dealId: string;
  partner: PartnerOf;
  products: string[];
}
interface DealRow {
  refusal?: PartnerRefusalView | null;
  id: number;
  role: 'partner' | 'vendor';
  dealId: string;
  partner: PartnerOf;
  status: string;
  endCustomer: { name: string; country: string; domain?: string | null };
  products: string[];
  estimatedValue: string;
  currency: string;
  expectedCloseDate: string;
  registeredAt: string;
  reason: string | null;
  protectedUntil: string | null;
  conflicts: Conflict[] | null;
  /** Registrations that arrived later and were decided `conflict` because of this one. */
  laterConflicts: LaterConflict[] | null;
}

const isPending = (status: string) => status === 'submitted' || status === 'returned';
const partnerName = (p: PartnerOf) => p.name ?? p.nodeId ?? `#${p.id}`;

const DealFacts = ({ deal }: { deal: DealRow }) => {
  const tr = useTranslator();
  return (
    <dl class="facts">
      <dt>{t(TEXT.status)}</dt>
      <dd>
        <Status value={deal.status} />
      </dd>
      <dt>{t(TEXT.partner)}</dt>
      <dd>{partnerName(deal.partner)}</dd>
      <dt>{t(TEXT.customer)}</dt>
      <dd>
        {deal.endCustomer.name} ({deal.endCustomer.country}
        {deal.endCustomer.domain ? `, ${deal.endCustomer.domain}` : ''})
      </dd>
      <dt>{t(TEXT.products)}</dt>
      <dd>{deal.products.join(tr.t('format.listSeparator'))}</dd>
      <dt>{t(TEXT.value)}</dt>
      <dd>{tr.money(deal.estimatedValue, deal.currency)}</dd>
      <dt>{t(TEXT.close)}</dt>
      <dd>
        <Day day={deal.expectedCloseDate} />
      </dd>
      <dt>{t(TEXT.registeredAt)}</dt>
      <dd>
        <Time at={deal.registeredAt} />
      </dd>
      {deal.protectedUntil && (
        <>
          <dt>{t(TEXT.protectedUntil)}</dt>
          <dd>
            <Time at={deal.protectedUntil} />
          </dd>
        </>
      )}
      {deal.reason && (
        <>
          <dt>{t(TEXT.reason)}</dt>
          <dd>{deal.reason}</dd>
        </>
      )}
    </dl>
  );
};

export function createDealPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/deals', requireArea('deals'));
  app.use('/deals/*', requireArea('deals'));

  app.get('/deals', (c) =>
    keysetListPage<DealRow>(c, {
      area: 'deals',
      title: t(TEXT.title),
      api: '/deals',
      rows: 'deals',
      fixed: { role: 'vendor' },
      filters: [{ name: 'status', label: t(TEXT.status), values: DEAL_STATUSES }],
      none: t(TEXT.none),
      card: (d) => (
        <li class="card" data-deal={d.id}>
          <h2>
            <a href={areaHref(c, 'deals', `/${d.id}`)}>{d.endCustomer.name}</a>
          </h2>
          <p>
            <Status value={d.status} /> {partnerName(d.partner)} ·{' '}
            {useTranslator().money(d.estimatedValue, d.currency)}
            {(d.conflicts?.length ?? 0) + (d.laterConflicts?.length ?? 0) > 0
              ? ` · ${t(TEXT.conflictsTitle)}`
              : ''}
          </p>
        </li>
      ),
    }),
  );

  const dealPage = async (
    c: Context<ConsoleEnv>,
    id: string,
    opts: { errors?: FormErrors; form?: Record<string, string>; status?: number } = {},
  ) => {
    const res = await callAdminApi<DealRow>(c, 'GET', `/deals/${id}`);
    if (!res.ok) return refusalPage(c, res.status, res.error, 'deals');
    const deal = res.data;
    // The other registrations of a conflict, from the API too, to show them side by side.
    const others = await Promise.all(
      (deal.conflicts ?? []).map(async (conflict) => {
        if (conflict.type !== 'deal' || conflict.id === undefined) return { conflict, deal: null };
        const other = await callAdminApi<DealRow>(c, 'GET', `/deals/${conflict.id}`);
        return { conflict, deal: other.ok ? other.data : null };
      }),
    );
    // Those that arrived later and clashed with this one, read the same way.
    const later = await Promise.all(
      (deal.laterConflicts ?? []).map(async (conflict) => {
        const other = await callAdminApi<DealRow>(c, 'GET', `/deals/${conflict.id}`);
        return { conflict, deal: other.ok ? other.data : null };
      }),
    );
    const viewer = c.var.staffViewer;
    const canDecide = mayAct(viewer.user, 'deals') && isPending(deal.status);
    return sendPage(
      c,
      <ConsoleLayout site={siteOf(c)} title={deal.endCustomer.name} viewer={viewer} area="deals">
        <ErrorSummary error={opts.errors} />
        {c.req.query('done') === 'decided' && (
          <div class="notice done" role="status">
            <p>{t(TEXT.decided)}</p>
          </div>
        )}
        <h1>{deal.endCustomer.name}</h1>
        <PartnerRefusal refusal={deal.refusal} />
        <ul class="cards compare">
          <li class="card" id="deal-this">
            <h2>{t(TEXT.thisOne)}</h2>
            <DealFacts deal={deal} />
          </li>
          {others.map(({ conflict, deal: other }) => (
            <li class="card conflict" data-conflict={conflict.type}>
              <h2>
                {t('console.deals.otherOf', {
                  type: conflict.type,
                  partner: partnerName(conflict.partner),
                })}
              </h2>
              {other ? (
                <>
                  <DealFacts deal={other} />
                  <p>
                    <a href={areaHref(c, 'deals', `/${other.id}`)}>{other.dealId}</a>
                  </p>
                </>
              ) : (
                <p>
                  {conflict.leadId ?? conflict.dealId}
                  {conflict.products
                    ? ` · ${conflict.products.join(t('format.listSeparator'))}`
                    : ''}
                </p>
              )}
            </li>
          ))}
          {later.map(({ conflict, deal: other }) => (
            <li class="card conflict" data-conflict="later" data-deal={conflict.id}>
              <h2>{t(TEXT.laterOf, { partner: partnerName(conflict.partner) })}</h2>
              {other && <DealFacts deal={other} />}
              <p>
                <a href={areaHref(c, 'deals', `/${conflict.id}`)}>{conflict.dealId}</a>
                {` · ${conflict.products.join(t('format.listSeparator'))}`}
              </p>
            </li>
          ))}
        </ul>
        {canDecide && (
          <form method="post" action={areaHref(c, 'deals', `/${deal.id}/decision`)} novalidate>
            <h2>{t(TEXT.decideTitle)}</h2>
            <Csrf viewer={viewer} />
            <SelectField
              name="status"
              label={t(TEXT.decision)}
              value={opts.form?.status ?? ''}
              required
              options={DECISION_STATUSES.map((s) => [s, t(DECISION_LABELS[s])] as const)}
              error={opts.errors}
            />
            <TextArea
              name="reason"
              label={t(TEXT.reason)}
              hint={t(TEXT.reasonHint)}
              value={opts.form?.reason ?? ''}
              maxlength={500}
              error={opts.errors}
            />
            <button type="submit">{t(TEXT.decide)}</button>
          </form>
        )}
      </ConsoleLayout>,
      opts.status ?? 200,
    );
  };

  app.get('/deals/:id{[1-9][0-9]{0,15}}', (c) => dealPage(c, c.req.param('id')));

  app.post(
    '/deals/:id{[1-9][0-9]{0,15}}/decision',
    consoleFormBody(),
    csrfCheck(),
    requireAct('deals'),
    async (c) => {
      const id = c.req.param('id');
      const form = c.var.form;
      const reason = (form.reason ?? '').trim();
      const res = await callAdminApi(c, 'POST', `/deals/${id}/decision`, {
        status: form.status ?? '',
        ...(reason !== '' && { reason }),
      });
      if (!res.ok) {
        if (res.status === 404 || res.status === 403) {
          return refusalPage(c, res.status, res.error, 'deals');
        }
        return dealPage(c, id, {
          errors: refusalAsFormError(res.error, 'status', {
            status: t(TEXT.decision),
            reason: t(TEXT.reason),
          }),
          form,
          status: res.status,
        });
      }
      return c.redirect(areaHref(c, 'deals', `/${id}`, { done: 'decided' }), 303);
    },
  );
  return app;
}
