/**
 * Inventory: replenishment proposals with the reason of each line (a supplier's proposals to us
 * are decided here: accept, change quantities, or reject, through the API's POST
 * /inventory/proposals/:id/decision), stock reports, and the auto-accept rules. Actions are
 * offered only to the roles of the operation they call.
 */
import { Hono, type Context } from 'hono';
import { rich, t, useTranslator } from '../../i18n/index.ts';
import { Day, Time } from '../../i18n/time-element.tsx';
import { PROPOSAL_ROLES, PROPOSAL_STATUSES } from '../../admin/inventory/routes.ts';
import { reasonFor } from '../../inventory/explain-reason.ts';
import {
  ErrorSummary,
  NavList,
  SelectField,
  Status,
  TextArea,
  TextField,
  type FormErrors,
} from '../../portal/web/components.tsx';
import type { FormValues } from '../../portal/web/portal-env.ts';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import type { ConsoleEnv } from './console-env.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { keysetListPage } from './console-keyset-list.tsx';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { mayCall } from './console-operations.ts';
import { areaHref, refusalPage, requireArea, requireOperation } from './console-page-kit.tsx';

interface PartnerRef {
  id: number;
  name: string | null;
  nodeId: string | null;
}

interface Proposal {
  id: number;
  role: string;
  proposalId: string;
  partner: PartnerRef;
  location: string;
  validUntil: string;
  expired: boolean;
  status: string;
  lines: Array<{ sku: string; qty: string; reason: string }>;
  /** The computation behind our own proposals (role supplier): each line's reason in words. */
  details: unknown;
  decision: { reason: string | null; autoAccepted: boolean } | null;
}

interface Report {
  id: number;
  reportId: string;
  role: string;
  partner: PartnerRef;
  location: string;
  periodStart: string;
  periodEnd: string;
  lineCount: number;
}

interface AutoAcceptRule {
  supplier: PartnerRef;
  enabled: boolean;
  maxLines: number | null;
  maxLineQty: string | null;
  maxTotalQty: string | null;
}

const DECIDE = ['POST', '/inventory/proposals/{id}/decision'] as const;
const DECISIONS = ['accepted', 'modified', 'rejected'] as const;
const ID = '{[1-9][0-9]{0,15}}';

const partnerName = (p: PartnerRef) => p.name ?? p.nodeId ?? `#${p.id}`;

function InventoryNav(props: { c: Context<ConsoleEnv>; current: string }) {
  const items = [
    ['', t('console.inventory.proposals')],
    ['/reports', t('console.inventory.reports')],
    ['/auto-accept', t('console.inventory.autoAccept')],
  ] as const;
  return (
    <NavList
      label={t('console.inventory.pages')}
      items={items.map(([rest, label]) => ({
        href: areaHref(props.c, 'inventory', rest),
        label,
        current: rest === props.current,
      }))}
    />
  );
}

/** The API names a line's field `lines[2].qty`; the form's input is `lines.2.qty`. */
const formField = (field: string | undefined) => field?.replace(/\[(\d+)\]/g, '.$1');

function decisionBody(p: Proposal, form: FormValues): Record<string, unknown> {
  const status = form.status ?? '';
  const reason = (form.reason ?? '').trim();
  return {
    status,
    ...(reason !== '' && { reason }),
    ...(status === 'modified' && {
      lines: p.lines.map((l, i) => ({ sku: l.sku, qty: (form[`lines.${i}.qty`] ?? '').trim() })),
    }),
  };
}

async function proposalPage(
  c: Context<ConsoleEnv>,
  id: string,
  opts: { errors?: FormErrors; form?: FormValues; status?: number } = {},
): Promise<Response> {
  const res = await callAdminApi<Proposal>(c, 'GET', `/inventory/proposals/${id}`);
  if (!res.ok) return refusalPage(c, res.status, res.error, 'inventory');
  const p = res.data;
  const viewer = c.var.staffViewer;
  const tr = useTranslator();
  const form = opts.form ?? {};
  // A supplier's proposal to us, still open, is ours to decide.
  const mayDecide = p.role === 'partner' && p.status === 'open' && mayCall(viewer.user, ...DECIDE);
  const title = t('console.inventory.proposalTitle', { proposal: p.proposalId });
  return sendPage(
    c,
    <ConsoleLayout site={siteOf(c)} title={title} viewer={viewer} area="inventory">
      <h1>{title}</h1>
      <InventoryNav c={c} current="" />
      {c.req.query('done') === 'decided' && (
        <div class="notice done" role="status">
          <p>{t('console.inventory.decided')}</p>
        </div>
      )}
      <ErrorSummary error={opts.errors} />
      <dl class="facts" id="proposal">
        <dt>{t('console.field.status')}</dt>
        <dd>
          <Status value={p.status} />
          {p.expired && ` · ${t('console.inventory.expired')}`}
        </dd>
        <dt>{t('console.field.partner')}</dt>
        <dd>{partnerName(p.partner)}</dd>
        <dt>{t('console.inventory.location')}</dt>
        <dd>{p.location}</dd>
        <dt>{t('console.inventory.validUntil')}</dt>
        <dd>
          <Time at={p.validUntil} />
        </dd>
        {p.decision?.reason && (
          <>
            <dt>{t('console.inventory.reason')}</dt>
            <dd>{p.decision.reason}</dd>
          </>
        )}
      </dl>
      <h2>{t('console.inventory.lines')}</h2>
      <ul class="cards" id="proposal-lines">
        {p.lines.map((l) => (
          <li class="card" data-sku={l.sku}>
            <h3>{l.sku}</h3>
            <p>{t('console.inventory.lineQty', { qty: tr.decimal(l.qty) })}</p>
            <p class="muted">
              {t('console.inventory.lineReason', { reason: reasonFor(tr, p.details, l) })}
            </p>
          </li>
        ))}
      </ul>
      {mayDecide && (
        <form
          method="post"
          action={areaHref(c, 'inventory', `/proposals/${p.id}/decision`)}
          novalidate
        >
          <Csrf viewer={viewer} />
          <h2>{t('console.inventory.decide')}</h2>
          <SelectField
            name="status"
            label={t('console.inventory.decision')}
            value={form.status ?? ''}
            required
            error={opts.errors}
            options={[
              ['', t('console.funds.choose')],
              ...DECISIONS.map((d) => [d, tr.code('status', d)] as const),
            ]}
          />
          {p.lines.map((l, i) => (
            <TextField
              name={`lines.${i}.qty`}
              label={t('console.inventory.qtyOf', { sku: l.sku })}
              hint={t('console.inventory.qtyHint')}
              value={form[`lines.${i}.qty`] ?? l.qty}
              inputmode="decimal"
              maxlength={40}
              error={opts.errors}
            />
          ))}
          <TextArea
            name="reason"
            label={t('console.inventory.reason')}
            value={form.reason}
            maxlength={500}
            rows={3}
            error={opts.errors}
          />
          <button type="submit">{t('console.inventory.send')}</button>
        </form>
      )}
    </ConsoleLayout>,
    opts.status ?? 200,
  );
}

export function createInventoryPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/inventory', requireArea('inventory'));
  app.use('/inventory/*', requireArea('inventory'));

  app.get('/inventory', (c) => {
    return keysetListPage<Proposal>(c, {
      area: 'inventory',
      title: t('console.inventory.title'),
      api: '/inventory/proposals',
      rows: 'proposals',
      filters: [
        {
          name: 'role',
          label: t('console.inventory.role'),
          values: PROPOSAL_ROLES,
          group: 'inventoryRole',
        },
        { name: 'status', label: t('console.field.status'), values: PROPOSAL_STATUSES },
      ],
      none: t('console.inventory.noProposals'),
      intro: <InventoryNav c={c} current="" />,
      card: (p) => (
        <li class="card" data-proposal={p.id}>
          <h2>
            <a href={areaHref(c, 'inventory', `/proposals/${p.id}`)}>{p.proposalId}</a>
          </h2>
          <p>
            <Status value={p.status} /> {partnerName(p.partner)} · {p.location}
          </p>
          <p class="muted">
            {t('console.inventory.lineCount', { count: p.lines.length })} ·{' '}
            {rich('console.inventory.validUntilTime', { time: <Time at={p.validUntil} /> })}
          </p>
        </li>
      ),
    });
  });

  app.get(`/inventory/proposals/:id${ID}`, (c) => proposalPage(c, c.req.param('id')));

  app.post(
    `/inventory/proposals/:id${ID}/decision`,
    consoleFormBody(),
    csrfCheck(),
    requireOperation('inventory', ...DECIDE),
    async (c) => {
      const id = c.req.param('id');
      const form = c.var.form;
      const current = await callAdminApi<Proposal>(c, 'GET', `/inventory/proposals/${id}`);
      if (!current.ok) return refusalPage(c, current.status, current.error, 'inventory');
      const res = await callAdminApi(
        c,
        'POST',
        `/inventory/proposals/${id}/decision`,
        decisionBody(current.data, form),
      );
      if (!res.ok) {
        if (res.status === 403 || res.status === 404) {
          return refusalPage(c, res.status, res.error, 'inventory');
        }
        const field = formField(res.error.field);
        return proposalPage(c, id, {
          errors: refusalAsFormError({ ...res.error, ...(field && { field }) }, 'status'),
          form,
          status: res.status,
        });
      }
      return c.redirect(areaHref(c, 'inventory', `/proposals/${id}`, { done: 'decided' }), 303);
    },
  );

  app.get('/inventory/reports', (c) => {
    return keysetListPage<Report>(c, {
      area: 'inventory',
      rest: '/reports',
      title: t('console.inventory.reports'),
      api: '/inventory/reports',
      rows: 'reports',
      filters: [],
      none: t('console.inventory.noReports'),
      intro: <InventoryNav c={c} current="/reports" />,
      card: (r) => (
        <li class="card" data-report={r.id}>
          <h2>{r.reportId}</h2>
          <p>
            {partnerName(r.partner)} · {r.location}
          </p>
          <p class="muted">
            <Day day={r.periodStart} /> – <Day day={r.periodEnd} /> ·{' '}
            {t('console.inventory.lineCount', { count: r.lineCount })}
          </p>
        </li>
      ),
    });
  });

  app.get('/inventory/auto-accept', async (c) => {
    const res = await callAdminApi<{ rules: AutoAcceptRule[] }>(c, 'GET', '/inventory/auto-accept');
    if (!res.ok) return refusalPage(c, res.status, res.error, 'inventory');
    const tr = useTranslator();
    return sendPage(
      c,
      <ConsoleLayout
        site={siteOf(c)}
        title={t('console.inventory.autoAccept')}
        viewer={c.var.staffViewer}
        area="inventory"
      >
        <h1>{t('console.inventory.autoAccept')}</h1>
        <InventoryNav c={c} current="/auto-accept" />
        <p>{t('console.inventory.autoAcceptIntro')}</p>
        {res.data.rules.length === 0 && <p>{t('console.inventory.noRules')}</p>}
        <ul class="cards" id="auto-accept">
          {res.data.rules.map((r) => (
            <li class="card" data-partner={r.supplier.id}>
              <h2>{partnerName(r.supplier)}</h2>
              <p>{r.enabled ? t('console.inventory.ruleOn') : t('console.inventory.ruleOff')}</p>
              <p class="muted">
                {t('console.inventory.ruleLimits', {
                  lines: r.maxLines ?? '—',
                  lineQty: r.maxLineQty ? tr.decimal(r.maxLineQty) : '—',
                  totalQty: r.maxTotalQty ? tr.decimal(r.maxTotalQty) : '—',
                })}
              </p>
            </li>
          ))}
        </ul>
      </ConsoleLayout>,
    );
  });
  return app;
}
