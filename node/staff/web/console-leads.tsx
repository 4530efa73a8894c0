/**
 * Leads: the owner's leads by status and partner (pages by the API's cursor; the status is
 * filtered in the API's query, so a page of new leads is full however many others are newer), and the form to create one, which is the API's POST /leads called in-process. A
 * refusal comes back with the API's code and field, linked from the summary at the top.
 */
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { Hono, type Context } from 'hono';
import { OWNED_LEAD_STATUSES } from '../../leads/lead-status.ts';
import {
  ErrorSummary,
  NextPage,
  SelectField,
  Status,
  TextField,
  type FormErrors,
} from '../../portal/web/components.tsx';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import { mayAct } from '../console-areas.ts';
import type { ConsoleEnv } from './console-env.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { apiQuery, areaHref, refusalPage, requireAct, requireArea } from './console-page-kit.tsx';

const TEXT = {
  title: 'console.leads.title',
  status: 'console.leads.status',
  any: 'console.leads.any',
  apply: 'console.leads.apply',
  none: 'console.leads.none',
  next: 'console.leads.next',
  createTitle: 'console.leads.createTitle',
  company: 'console.leads.company',
  contactName: 'console.leads.contactName',
  contactEmail: 'console.leads.contactEmail',
  region: 'console.leads.region',
  interest: 'console.leads.interest',
  interestHint: 'console.leads.interestHint',
  source: 'console.leads.source',
  value: 'console.leads.value',
  currency: 'console.leads.currency',
  currencyHint: 'console.leads.currencyHint',
  domain: 'console.leads.domain',
  routeOnCreate: 'console.leads.routeOnCreate',
  create: 'console.leads.create',
  created: 'console.leads.created',
  route: 'console.leads.route',
  routed: 'console.leads.routed',
} as const satisfies Record<string, MessageKey>;

/** Leads the routing rules may (still) place. */
const ROUTABLE = ['new', 'unassigned'];

const PAGE_SIZE = 25;

interface LeadRow {
  lead: { id: string; company: string; region: string; interest: string[] };
  status: string;
  offers: unknown[];
}

/** The form's fields, named as the API names them so a refusal's field links to its input. */
const FIELDS = [
  ['company', TEXT.company, true],
  ['contact.name', TEXT.contactName, true],
  ['contact.email', TEXT.contactEmail, false],
  ['region', TEXT.region, true],
  ['interest', TEXT.interest, true],
  ['source', TEXT.source, true],
  ['estimatedValue', TEXT.value, false],
  ['currency', TEXT.currency, false],
  ['domain', TEXT.domain, false],
] as const;

function leadBody(form: Record<string, string>): Record<string, unknown> {
  const value = (name: string) => {
    const v = (form[name] ?? '').trim();
    return v === '' ? undefined : v;
  };
  const email = value('contact.email');
  return {
    company: value('company') ?? '',
    contact: { name: value('contact.name') ?? '', ...(email && { email }) },
    region: value('region') ?? '',
    interest: (form.interest ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    source: value('source') ?? '',
    ...(value('estimatedValue') && { estimatedValue: value('estimatedValue') }),
    ...(value('currency') && { currency: value('currency') }),
    ...(value('domain') && { domain: value('domain') }),
    ...(form.route === 'yes' && { route: true }),
  };
}

export function createLeadPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/leads', requireArea('leads'));
  app.use('/leads/*', requireArea('leads'));

  const leadsPage = async (
    c: Context<ConsoleEnv>,
    opts: { errors?: FormErrors; form?: Record<string, string>; status?: number } = {},
  ) => {
    const status = OWNED_LEAD_STATUSES.find((s) => s === c.req.query('status'));
    const partner = /^[1-9]\d{0,15}$/.test(c.req.query('partner') ?? '')
      ? c.req.query('partner')
      : undefined;
    // The API's cursor, opaque here; anything else starts from the first page.
    const after = /^[A-Za-z0-9_-]{1,400}$/.test(c.req.query('after') ?? '')
      ? c.req.query('after')
      : undefined;
    const res = await callAdminApi<{ leads: LeadRow[]; nextCursor: string | null }>(
      c,
      'GET',
      `/leads${apiQuery({ status, partner, after, limit: PAGE_SIZE })}`,
    );
    if (!res.ok) return refusalPage(c, res.status, res.error, 'leads');
    const shown = res.data.leads;
    const next =
      res.data.nextCursor === null
        ? null
        : areaHref(c, 'leads', '', { status, partner, after: res.data.nextCursor });
    const viewer = c.var.staffViewer;
    const tr = useTranslator();
    return sendPage(
      c,
      <ConsoleLayout site={siteOf(c)} title={t(TEXT.title)} viewer={viewer} area="leads">
        <ErrorSummary error={opts.errors} />
        {(c.req.query('done') === 'created' || c.req.query('done') === 'routed') && (
          <div class="notice done" role="status">
            <p>{c.req.query('done') === 'created' ? t(TEXT.created) : t(TEXT.routed)}</p>
          </div>
        )}
        <h1>{t(TEXT.title)}</h1>
        <form method="get" action={areaHref(c, 'leads')} role="search">
          <SelectField
            name="status"
            label={t(TEXT.status)}
            value={status ?? ''}
            options={[
              ['', t(TEXT.any)],
              ...OWNED_LEAD_STATUSES.map((s) => [s, tr.code('status', s)] as const),
            ]}
          />
          {partner && <input type="hidden" name="partner" value={partner} />}
          <button type="submit" class="secondary">
            {t(TEXT.apply)}
          </button>
        </form>
        {shown.length === 0 && <p>{t(TEXT.none)}</p>}
        <ul class="cards" id="leads">
          {shown.map((l) => (
            <li class="card" data-lead={l.lead.id}>
              <h2>{l.lead.company}</h2>
              <p>
                <Status value={l.status} /> {l.lead.region} ·{' '}
                {l.lead.interest.join(t('format.listSeparator'))} ·{' '}
                {t('console.leads.offerCount', { count: l.offers.length })}
              </p>
              {mayAct(viewer.user, 'leads') && ROUTABLE.includes(l.status) && (
                <form
                  method="post"
                  action={areaHref(c, 'leads', `/${encodeURIComponent(l.lead.id)}/route`)}
                >
                  <Csrf viewer={viewer} />
                  <button type="submit" class="secondary" id={`f-route-${l.lead.id}`}>
                    {t(TEXT.route)}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
        <NextPage href={next} label={t(TEXT.next)} />
        {mayAct(viewer.user, 'leads') && (
          <form method="post" action={areaHref(c, 'leads')} novalidate id="create-lead">
            <h2>{t(TEXT.createTitle)}</h2>
            <Csrf viewer={viewer} />
            {FIELDS.map(([name, label, required]) => (
              <TextField
                name={name}
                label={t(label)}
                value={opts.form?.[name]}
                required={required}
                maxlength={name === 'interest' ? 2000 : 200}
                {...(name === 'interest' && { hint: t(TEXT.interestHint) })}
                {...(name === 'currency' && { hint: t(TEXT.currencyHint) })}
                error={opts.errors}
              />
            ))}
            <div class="field">
              <label>
                <input
                  type="checkbox"
                  name="route"
                  value="yes"
                  checked={opts.form?.route === 'yes'}
                />{' '}
                {t(TEXT.routeOnCreate)}
              </label>
            </div>
            <button type="submit">{t(TEXT.create)}</button>
          </form>
        )}
      </ConsoleLayout>,
      opts.status ?? 200,
    );
  };

  app.get('/leads', (c) => leadsPage(c));
  app.post('/leads', consoleFormBody(), csrfCheck(), requireAct('leads'), async (c) => {
    const form = c.var.form;
    const res = await callAdminApi(c, 'POST', '/leads', leadBody(form));
    if (!res.ok) {
      if (res.status === 403) return refusalPage(c, res.status, res.error, 'leads');
      return leadsPage(c, {
        errors: refusalAsFormError(
          res.error,
          'company',
          Object.fromEntries(FIELDS.map(([name, label]) => [name, t(label)])),
        ),
        form,
        status: res.status,
      });
    }
    return c.redirect(areaHref(c, 'leads', '', { done: 'created' }), 303);
  });
  app.post('/leads/:id/route', consoleFormBody(), csrfCheck(), requireAct('leads'), async (c) => {
    const id = c.req.param('id');
    const res = await callAdminApi(c, 'POST', `/leads/${encodeURIComponent(id)}/route`);
    if (!res.ok) {
      if (res.status === 403) return refusalPage(c, res.status, res.error, 'leads');
      return leadsPage(c, {
        errors: refusalAsFormError({ ...res.error, field: `route-${id}` }, 'company'),
        status: res.status,
      });
    }
    return c.redirect(areaHref(c, 'leads', '', { done: 'routed' }), 303);
  });
  return app;
}
