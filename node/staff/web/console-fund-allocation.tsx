/**
 * Allocating marketing funds to a partner: the API's POST /funds/allocations (the channel
 * manager's), offered to the roles that operation allows. A refusal comes back with the API's
 * field and code, everything typed kept.
 */
import { Hono, type Context } from 'hono';
import { t } from '../../i18n/index.ts';
import {
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
  type FormErrors,
} from '../../portal/web/components.tsx';
import type { FormValues } from '../../portal/web/portal-env.ts';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import type { ConsoleEnv } from './console-env.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { areaHref, refusalPage, requireArea, requireOperation } from './console-page-kit.tsx';

export const ALLOCATE = ['POST', '/funds/allocations'] as const;

const TEXT_FIELDS = [
  ['amount', 'console.funds.amount', 'decimal', true],
  ['currency', 'console.funds.currency', 'text', true],
  ['validFrom', 'console.funds.validFrom', 'date', false],
  ['validTo', 'console.funds.validTo', 'date', true],
  ['claimDeadline', 'console.funds.claimDeadline', 'date', true],
] as const;

/** The allocation as the API reads it: activities split at commas, empty fields left out. */
function allocationBody(form: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const partner = (form.partner ?? '').trim();
  if (partner !== '') body.partner = /^\d{1,16}$/.test(partner) ? Number(partner) : partner;
  for (const [name] of TEXT_FIELDS) {
    const v = (form[name] ?? '').trim();
    if (v !== '') body[name] = v;
  }
  const activities = (form.activities ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (activities.length > 0) body.activities = activities;
  const note = (form.note ?? '').trim();
  if (note !== '') body.note = note;
  return body;
}

/** `activities[2]` is the one activities field of the form. */
const formField = (field: string | undefined) => field?.replace(/\[\d+\]$/, '');

async function newAllocationPage(
  c: Context<ConsoleEnv>,
  opts: { errors?: FormErrors; form?: FormValues; status?: number } = {},
): Promise<Response> {
  const partners = await callAdminApi<{
    partners: Array<{ id: number; name: string | null; status: string }>;
  }>(c, 'GET', '/partners');
  if (!partners.ok) return refusalPage(c, partners.status, partners.error, 'funds');
  const form = opts.form ?? {};
  const title = t('console.funds.allocate');
  return sendPage(
    c,
    <ConsoleLayout site={siteOf(c)} title={title} viewer={c.var.staffViewer} area="funds">
      <h1>{title}</h1>
      <ErrorSummary error={opts.errors} />
      <form method="post" action={areaHref(c, 'funds', '/allocations')} novalidate>
        <Csrf viewer={c.var.staffViewer} />
        <SelectField
          name="partner"
          label={t('console.field.partner')}
          value={form.partner ?? ''}
          required
          error={opts.errors}
          options={[
            ['', t('console.funds.choose')],
            ...partners.data.partners
              .filter((p) => p.status === 'active')
              .map((p) => [String(p.id), p.name ?? `#${p.id}`] as const),
          ]}
        />
        {TEXT_FIELDS.map(([name, label, kind, required]) => (
          <TextField
            name={name}
            label={t(label)}
            value={form[name]}
            required={required}
            maxlength={40}
            error={opts.errors}
            {...(kind === 'date' && {
              hint: t('console.funds.dateHint', { example: '2027-06-30' }),
            })}
            {...(kind === 'decimal' && { inputmode: 'decimal' })}
          />
        ))}
        <TextField
          name="activities"
          label={t('console.funds.activities')}
          hint={t('console.funds.activitiesHint', { example: 'trade_show, online_ads' })}
          value={form.activities}
          required
          maxlength={500}
          error={opts.errors}
        />
        <TextArea
          name="note"
          label={t('console.funds.note')}
          value={form.note}
          maxlength={500}
          rows={3}
          error={opts.errors}
        />
        <button type="submit">{t('console.funds.allocateButton')}</button>
      </form>
    </ConsoleLayout>,
    opts.status ?? 200,
  );
}

export function createAllocationPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/funds/allocations/*', requireArea('funds'));
  app.use('/funds/allocations', requireArea('funds'));
  app.get('/funds/allocations/new', requireOperation('funds', ...ALLOCATE), (c) =>
    newAllocationPage(c),
  );
  app.post(
    '/funds/allocations',
    consoleFormBody(),
    csrfCheck(),
    requireOperation('funds', ...ALLOCATE),
    async (c) => {
      const form = c.var.form;
      const res = await callAdminApi(c, 'POST', ALLOCATE[1], allocationBody(form));
      if (!res.ok) {
        if (res.status === 403) return refusalPage(c, res.status, res.error, 'funds');
        const field = formField(res.error.field);
        return newAllocationPage(c, {
          errors: refusalAsFormError({ ...res.error, ...(field && { field }) }, 'partner'),
          form,
          status: res.status,
        });
      }
      return c.redirect(areaHref(c, 'funds', '', { done: 'allocated' }), 303);
    },
  );
  return app;
}
