/**
 * Funds: marketing fund allocations, expense claims with their decision and payment, and the
 * balances per partner. Deciding a claim and recording its payment are the API's POST
 * /funds/claims/:id/decision (finance's), offered only to the roles that operation allows; its
 * validation answers, and a refused form comes back with the person's input.
 */
import { Hono, type Context } from 'hono';
import { t, useTranslator } from '../../i18n/index.ts';
import { EXPENSE_STATUSES } from '../../store/fund-store.ts';
import {
  ErrorSummary,
  NavList,
  NextPage,
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
import { KEYSET_PAGE_SIZE, keysetListPage, pageSizeOf } from './console-keyset-list.tsx';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { mayCall } from './console-operations.ts';
import { ALLOCATE } from './console-fund-allocation.tsx';
import { areaHref, refusalPage, requireArea, requireOperation } from './console-page-kit.tsx';
import { byText, sortChoiceOf, sortedPage, SortSelect, type SortKey } from './console-sort.tsx';

interface PartnerRef {
  id: number;
  name: string | null;
  nodeId: string | null;
}

interface Allocation {
  id: number;
  allocationId: string;
  partner: PartnerRef;
  owner: string;
  amount: string;
  currency: string;
  validTo: string | null;
  withdrawn: boolean;
  balance: { available: string };
}

interface Claim {
  id: number;
  claimId: string;
  partner: PartnerRef;
  owner: string;
  allocationId: string;
  invoiceNumber: string;
  activity: string;
  total: string;
  currency: string;
  status: string;
  approvedAmount: string | null;
  paidAmount: string | null;
  paymentReference: string | null;
  reason: string | null;
  filedAt: string | null;
}

interface PartnerBalances {
  partner: PartnerRef;
  owner: string;
  balances: Array<{ currency: string; allocated: string; claimed: string; available: string }>;
}

const DECIDE = ['POST', '/funds/claims/{id}/decision'] as const;
/** A claim filed with us waits for a decision; an approved one for its payment. */
const DECIDABLE = ['submitted', 'approved', 'partial'];
const DECISIONS = ['approved', 'partial', 'rejected', 'paid'] as const;
const OWNERS = ['self', 'partner'] as const;
const ID = '{[1-9][0-9]{0,15}}';

const partnerName = (p: PartnerRef) => p.name ?? p.nodeId ?? `#${p.id}`;

function FundsNav(props: { c: Context<ConsoleEnv>; current: string }) {
  const items = [
    ['', t('console.funds.allocations')],
    ['/claims', t('console.funds.claims')],
    ['/balances', t('console.funds.balances')],
  ] as const;
  return (
    <NavList
      label={t('console.funds.pages')}
      items={items.map(([rest, label]) => ({
        href: areaHref(props.c, 'funds', rest),
        label,
        current: rest === props.current,
      }))}
    />
  );
}

/** The decision's body as the API reads it: empty fields are left out. */
function decisionBody(form: FormValues): Record<string, string> {
  const body: Record<string, string> = {};
  for (const name of ['status', 'approvedAmount', 'reason', 'paymentReference']) {
    const v = (form[name] ?? '').trim();
    if (v !== '') body[name] = v;
  }
  return body;
}

async function claimPage(
  c: Context<ConsoleEnv>,
  id: string,
  opts: { errors?: FormErrors; form?: FormValues; status?: number } = {},
): Promise<Response> {
  const res = await callAdminApi<Claim>(c, 'GET', `/funds/claims/${id}`);
  if (!res.ok) return refusalPage(c, res.status, res.error, 'funds');
  const claim = res.data;
  const viewer = c.var.staffViewer;
  const tr = useTranslator();
  const form = opts.form ?? {};
  const mayDecide =
    claim.owner === 'partner' &&
    DECIDABLE.includes(claim.status) &&
    mayCall(viewer.user, ...DECIDE);
  const done = c.req.query('done') === 'decided';
  return sendPage(
    c,
    <ConsoleLayout
      site={siteOf(c)}
      title={t('console.funds.claimTitle', { claim: claim.claimId })}
      viewer={viewer}
      area="funds"
    >
      <h1>{t('console.funds.claimTitle', { claim: claim.claimId })}</h1>
      <FundsNav c={c} current="/claims" />
      {done && (
        <div class="notice done" role="status">
          <p>{t('console.funds.decided')}</p>
        </div>
      )}
      <ErrorSummary error={opts.errors} />
      <dl class="facts" id="claim">
        <dt>{t('console.field.status')}</dt>
        <dd>
          <Status value={claim.status} />
        </dd>
        <dt>{t('console.field.partner')}</dt>
        <dd>{partnerName(claim.partner)}</dd>
        <dt>{t('console.funds.allocation')}</dt>
        <dd>{claim.allocationId}</dd>
        <dt>{t('console.funds.activity')}</dt>
        <dd>{claim.activity}</dd>
        <dt>{t('console.funds.invoice')}</dt>
        <dd>{claim.invoiceNumber}</dd>
        <dt>{t('console.funds.claimed')}</dt>
        <dd>{tr.money(claim.total, claim.currency)}</dd>
        <dt>{t('console.funds.approved')}</dt>
        <dd>{tr.money(claim.approvedAmount, claim.currency)}</dd>
        <dt>{t('console.funds.paid')}</dt>
        <dd>
          {tr.money(claim.paidAmount, claim.currency)}
          {claim.paymentReference && ` · ${claim.paymentReference}`}
        </dd>
        {claim.reason && (
          <>
            <dt>{t('console.funds.reason')}</dt>
            <dd>{claim.reason}</dd>
          </>
        )}
      </dl>
      {mayDecide && (
        <form
          method="post"
          action={areaHref(c, 'funds', `/claims/${claim.id}/decision`)}
          novalidate
        >
          <Csrf viewer={viewer} />
          <h2>{t('console.funds.decide')}</h2>
          <SelectField
            name="status"
            label={t('console.funds.decision')}
            value={form.status ?? ''}
            required
            error={opts.errors}
            options={[
              ['', t('console.funds.choose')],
              ...DECISIONS.map((d) => [d, tr.code('status', d)] as const),
            ]}
          />
          <TextField
            name="approvedAmount"
            label={t('console.funds.approvedAmount')}
            hint={t('console.funds.approvedAmountHint', { currency: claim.currency })}
            value={form.approvedAmount}
            inputmode="decimal"
            maxlength={40}
            error={opts.errors}
          />
          <TextArea
            name="reason"
            label={t('console.funds.reason')}
            value={form.reason}
            maxlength={500}
            rows={3}
            error={opts.errors}
          />
          <TextField
            name="paymentReference"
            label={t('console.funds.paymentReference')}
            hint={t('console.funds.paymentReferenceHint')}
            value={form.paymentReference}
            maxlength={200}
            error={opts.errors}
          />
          <button type="submit">{t('console.funds.send')}</button>
        </form>
      )}
    </ConsoleLayout>,
    opts.status ?? 200,
  );
}

/** A partner's balances, numbered in the API's order (a partner may have ours and theirs). */
type BalanceRow = PartnerBalances & { row: number };

const BALANCE_SORTS: ReadonlyArray<SortKey<BalanceRow>> = [
  {
    key: 'partner',
    label: 'console.field.partner',
    compare: byText((b) => partnerName(b.partner)),
  },
  {
    key: 'available',
    label: 'console.funds.available',
    compare: (a, b) =>
      Number(a.balances[0]?.available ?? 0) - Number(b.balances[0]?.available ?? 0),
  },
];

export function createFundsPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/funds', requireArea('funds'));
  app.use('/funds/*', requireArea('funds'));

  app.get('/funds', (c) => {
    const tr = useTranslator();
    return keysetListPage<Allocation>(c, {
      area: 'funds',
      title: t('console.funds.title'),
      api: '/funds/allocations',
      rows: 'allocations',
      filters: [{ name: 'owner', label: t('console.funds.owner'), values: OWNERS, group: 'owner' }],
      none: t('console.funds.noAllocations'),
      intro: (
        <>
          <FundsNav c={c} current="" />
          {c.req.query('done') === 'allocated' && (
            <div class="notice done" role="status">
              <p>{t('console.funds.allocated')}</p>
            </div>
          )}
          {mayCall(c.var.staffViewer.user, ...ALLOCATE) && (
            <p>
              <a href={areaHref(c, 'funds', '/allocations/new')}>{t('console.funds.allocate')}</a>
            </p>
          )}
        </>
      ),
      card: (a) => (
        <li class="card" data-allocation={a.id}>
          <h2>{a.allocationId}</h2>
          <p>
            {partnerName(a.partner)} · {tr.money(a.amount, a.currency)}
          </p>
          <p class="muted">
            {t('console.funds.availableAmount', {
              money: tr.money(a.balance.available, a.currency),
            })}
            {a.withdrawn && <> · {t('console.funds.withdrawn')}</>}
          </p>
        </li>
      ),
    });
  });

  app.get('/funds/claims', (c) => {
    const tr = useTranslator();
    return keysetListPage<Claim>(c, {
      area: 'funds',
      rest: '/claims',
      title: t('console.funds.claims'),
      api: '/funds/claims',
      rows: 'claims',
      filters: [
        { name: 'status', label: t('console.field.status'), values: EXPENSE_STATUSES },
        { name: 'owner', label: t('console.funds.owner'), values: OWNERS, group: 'owner' },
      ],
      none: t('console.funds.noClaims'),
      intro: <FundsNav c={c} current="/claims" />,
      card: (cl) => (
        <li class="card" data-claim={cl.id}>
          <h2>
            <a href={areaHref(c, 'funds', `/claims/${cl.id}`)}>{cl.claimId}</a>
          </h2>
          <p>
            <Status value={cl.status} /> {partnerName(cl.partner)} ·{' '}
            {tr.money(cl.total, cl.currency)}
          </p>
        </li>
      ),
    });
  });

  app.get(`/funds/claims/:id${ID}`, (c) => claimPage(c, c.req.param('id')));

  app.post(
    `/funds/claims/:id${ID}/decision`,
    consoleFormBody(),
    csrfCheck(),
    requireOperation('funds', ...DECIDE),
    async (c) => {
      const id = c.req.param('id');
      const form = c.var.form;
      const res = await callAdminApi(c, 'POST', `/funds/claims/${id}/decision`, decisionBody(form));
      if (!res.ok) {
        if (res.status === 403 || res.status === 404) {
          return refusalPage(c, res.status, res.error, 'funds');
        }
        return claimPage(c, id, {
          errors: refusalAsFormError(res.error, 'status'),
          form,
          status: res.status,
        });
      }
      return c.redirect(areaHref(c, 'funds', `/claims/${id}`, { done: 'decided' }), 303);
    },
  );

  app.get('/funds/balances', async (c) => {
    const res = await callAdminApi<{ balances: PartnerBalances[] }>(c, 'GET', '/funds/balances');
    if (!res.ok) return refusalPage(c, res.status, res.error, 'funds');
    const choice = sortChoiceOf(c, BALANCE_SORTS);
    const rows = res.data.balances.map((b, i) => ({ ...b, row: i }));
    const after = Number(c.req.query('after') ?? '') || undefined;
    const limit = pageSizeOf(c);
    const { shown, nextAfter } = sortedPage(rows, (b) => b.row + 1, choice, after, limit);
    const tr = useTranslator();
    return sendPage(
      c,
      <ConsoleLayout
        site={siteOf(c)}
        title={t('console.funds.balances')}
        viewer={c.var.staffViewer}
        area="funds"
      >
        <h1>{t('console.funds.balances')}</h1>
        <FundsNav c={c} current="/balances" />
        <form method="get" action={areaHref(c, 'funds', '/balances')}>
          <SortSelect keys={BALANCE_SORTS} choice={choice} />
          <button type="submit" class="secondary">
            {t('console.list.apply')}
          </button>
        </form>
        {shown.length === 0 && <p>{t('console.funds.noAllocations')}</p>}
        <ul class="cards" id="balances">
          {shown.map((b) => (
            <li class="card" data-partner={b.partner.id}>
              <h2>{partnerName(b.partner)}</h2>
              {b.balances.map((x) => (
                <p>
                  {t('console.funds.balanceLine', {
                    allocated: tr.money(x.allocated, x.currency),
                    claimed: tr.money(x.claimed, x.currency),
                    available: tr.money(x.available, x.currency),
                  })}
                </p>
              ))}
            </li>
          ))}
        </ul>
        <NextPage
          href={
            nextAfter === null
              ? null
              : areaHref(c, 'funds', '/balances', {
                  sort: choice.value,
                  after: nextAfter,
                  ...(limit !== KEYSET_PAGE_SIZE && { limit }),
                })
          }
          label={t('console.list.next')}
        />
      </ConsoleLayout>,
    );
  });
  return app;
}
