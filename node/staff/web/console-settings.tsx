/**
 * Settings, for owners and admins: the node's profile and state (the API's GET /node and
 * /status), the staff and their roles, and the audit trail (GET /audit, filtered by person,
 * record and operation, paged by `before`). Staff accounts are changed with the CLI
 * (`partner-sync staff …`); the page says so rather than offering a second way. Whether a second
 * factor is mandatory is changed here too (the API's PATCH /staff/settings, audited there).
 */
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppDeps } from '../../app.ts';
import { t, useTranslator } from '../../i18n/index.ts';
import { Time } from '../../i18n/time-element.tsx';
import { NavList, NextPage, TextField } from '../../portal/web/components.tsx';
import { callAdminApi } from './console-api.ts';
import type { ConsoleEnv } from './console-env.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { mayCall } from './console-operations.ts';
import {
  apiQuery,
  areaHref,
  refusalPage,
  requireArea,
  requireOperation,
} from './console-page-kit.tsx';
import { byText, sortChoiceOf, SortSelect, type SortKey } from './console-sort.tsx';

interface NodeInfo {
  nodeId: string;
  name: string;
  kinds: string[];
  signingKid: string;
}

interface NodeStatus {
  partners: Record<string, number>;
  outbox: Record<string, number>;
  nextDeliveryAt: string | null;
}

interface AuditEntry {
  seq: number;
  at: string;
  email: string | null;
  actorKind: string;
  operation: string;
  record: string | null;
  outcome: string;
}

/** The admin operation behind the sign-in form. */
const CHANGE_STAFF_SETTINGS = ['PATCH', '/staff/settings'] as const;

interface StaffRow {
  email: string;
  name: string;
  roles: string[];
  removedAt: Date | null;
  lastSignInAt?: Date | null;
}

const STAFF_SORTS: ReadonlyArray<SortKey<StaffRow>> = [
  { key: 'name', label: 'console.sort.name', compare: byText((s) => s.name) },
  { key: 'email', label: 'console.settings.email', compare: byText((s) => s.email) },
];

function SettingsNav(props: { c: Context<ConsoleEnv>; current: string }) {
  const items = [
    ['', t('console.settings.node')],
    ['/staff', t('console.settings.staff')],
    ['/audit', t('console.settings.audit')],
  ] as const;
  return (
    <NavList
      label={t('console.settings.pages')}
      items={items.map(([rest, label]) => ({
        href: areaHref(props.c, 'settings', rest),
        label,
        current: rest === props.current,
      }))}
    />
  );
}

/** A count per state (`active: 2 · suspended: 1`), in the reader's numbers. */
const counts = (byState: Record<string, number>) => {
  const tr = useTranslator();
  const parts = Object.entries(byState).map(([k, n]) => `${tr.code('status', k)}: ${tr.count(n)}`);
  return parts.length === 0 ? '—' : parts.join(' · ');
};

export function createSettingsPages(deps: AppDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/settings', requireArea('settings'));
  app.use('/settings/*', requireArea('settings'));

  const frame = (c: Context<ConsoleEnv>, title: string, current: string, body: Child) =>
    sendPage(
      c,
      <ConsoleLayout site={siteOf(c)} title={title} viewer={c.var.staffViewer} area="settings">
        <h1>{title}</h1>
        <SettingsNav c={c} current={current} />
        {body}
      </ConsoleLayout>,
    );

  app.get('/settings', async (c) => {
    const [node, status] = await Promise.all([
      callAdminApi<NodeInfo>(c, 'GET', '/node'),
      callAdminApi<NodeStatus>(c, 'GET', '/status'),
    ]);
    if (!node.ok) return refusalPage(c, node.status, node.error, 'settings');
    if (!status.ok) return refusalPage(c, status.status, status.error, 'settings');
    const tr = useTranslator();
    return frame(
      c,
      t('console.settings.title'),
      '',
      <>
        <h2>{t('console.settings.node')}</h2>
        <dl class="facts" id="node-profile">
          <dt>{t('console.settings.name')}</dt>
          <dd>{node.data.name}</dd>
          <dt>{t('console.settings.nodeId')}</dt>
          <dd>
            <code>{node.data.nodeId}</code>
          </dd>
          <dt>{t('console.settings.signingKey')}</dt>
          <dd>
            <code>{node.data.signingKid}</code>
          </dd>
          <dt>{t('console.settings.kinds')}</dt>
          <dd>{tr.count(node.data.kinds.length)}</dd>
          <dt>{t('console.settings.partners')}</dt>
          <dd>{counts(status.data.partners)}</dd>
          <dt>{t('console.settings.outbox')}</dt>
          <dd>{counts(status.data.outbox)}</dd>
          <dt>{t('console.settings.nextDelivery')}</dt>
          <dd>
            <Time at={status.data.nextDeliveryAt} />
          </dd>
        </dl>
        <p class="hint">{t('console.settings.changeWithCli', { command: 'partner-sync' })}</p>
      </>,
    );
  });

  app.get('/settings/staff', async (c) => {
    const settings = await callAdminApi<{ requireTotp: boolean }>(c, 'GET', '/staff/settings');
    if (!settings.ok) return refusalPage(c, settings.status, settings.error, 'settings');
    const users = (await deps.store.read((tx) => tx.staff.listUsers())) as StaffRow[];
    const choice = sortChoiceOf(c, STAFF_SORTS);
    const sign = choice.descending ? -1 : 1;
    const shown = users
      .filter((u) => u.removedAt === null)
      .sort((a, b) => sign * choice.key.compare(a, b));
    const tr = useTranslator();
    return frame(
      c,
      t('console.settings.staff'),
      '/staff',
      <>
        <form method="get" action={areaHref(c, 'settings', '/staff')}>
          <SortSelect keys={STAFF_SORTS} choice={choice} />
          <button type="submit" class="secondary">
            {t('console.list.apply')}
          </button>
        </form>
        <ul class="cards" id="staff">
          {shown.map((u) => (
            <li class="card" data-staff={u.email}>
              <h2>{u.name}</h2>
              <p>{u.email}</p>
              <p>
                {t('console.settings.roles', {
                  roles: u.roles.map((r) => tr.code('role', r)).join(', '),
                })}
              </p>
            </li>
          ))}
        </ul>
        <p class="hint">{t('console.settings.staffWithCli', { command: 'partner-sync staff' })}</p>
        <h2 id="sign-in">{t('console.settings.signIn')}</h2>
        {c.req.query('done') === 'saved' && (
          <div class="notice done" role="status">
            <p>{t('console.settings.signInSaved')}</p>
          </div>
        )}
        <p id="totp-policy" data-require-totp={String(settings.data.requireTotp)}>
          {settings.data.requireTotp
            ? t('console.settings.totpRequired')
            : t('console.settings.totpOptional')}
        </p>
        {mayCall(c.var.staffViewer.user, ...CHANGE_STAFF_SETTINGS) && (
          <form method="post" action={areaHref(c, 'settings', '/staff/sign-in')}>
            <Csrf viewer={c.var.staffViewer} />
            <p>
              <label>
                <input
                  type="checkbox"
                  name="requireTotp"
                  value="on"
                  checked={settings.data.requireTotp}
                />{' '}
                {t('console.settings.requireTotp')}
              </label>
            </p>
            <button type="submit">{t('console.settings.saveSignIn')}</button>
          </form>
        )}
      </>,
    );
  });

  // An unticked box sends nothing: its absence turns the requirement off.
  app.post(
    '/settings/staff/sign-in',
    consoleFormBody(),
    csrfCheck(),
    requireOperation('settings', ...CHANGE_STAFF_SETTINGS),
    async (c) => {
      const requireTotp = c.var.form.requireTotp === 'on';
      const res = await callAdminApi(c, ...CHANGE_STAFF_SETTINGS, { requireTotp });
      if (!res.ok) return refusalPage(c, res.status, res.error, 'settings');
      return c.redirect(areaHref(c, 'settings', '/staff', { done: 'saved' }) + '#sign-in', 303);
    },
  );

  app.get('/settings/audit', async (c) => {
    const filter = {
      person: (c.req.query('person') ?? '').trim().slice(0, 300),
      record: (c.req.query('record') ?? '').trim().slice(0, 300),
      operation: (c.req.query('operation') ?? '').trim().slice(0, 300),
    };
    const before = /^\d{1,16}$/.test(c.req.query('before') ?? '')
      ? c.req.query('before')
      : undefined;
    const res = await callAdminApi<{ entries: AuditEntry[]; next: number | null }>(
      c,
      'GET',
      `/audit${apiQuery({ ...filter, before, limit: 50 })}`,
    );
    if (!res.ok) return refusalPage(c, res.status, res.error, 'settings');
    const tr = useTranslator();
    return frame(
      c,
      t('console.settings.audit'),
      '/audit',
      <>
        <form method="get" action={areaHref(c, 'settings', '/audit')} role="search">
          <TextField
            name="person"
            label={t('console.settings.person')}
            value={filter.person}
            maxlength={300}
          />
          <TextField
            name="record"
            label={t('console.settings.record')}
            hint={t('console.settings.recordHint', { example: 'deals/3' })}
            value={filter.record}
            maxlength={300}
          />
          <TextField
            name="operation"
            label={t('console.settings.operation')}
            value={filter.operation}
            maxlength={300}
          />
          <button type="submit" class="secondary">
            {t('console.list.apply')}
          </button>
        </form>
        {res.data.entries.length === 0 && <p>{t('console.settings.noAudit')}</p>}
        <ul class="cards" id="audit">
          {res.data.entries.map((e) => (
            <li class="card" data-seq={e.seq}>
              <h2>
                <code>{e.operation}</code>
              </h2>
              <p>
                {e.record ?? '—'} · {tr.code('outcome', e.outcome)}
              </p>
              <p class="muted">
                <Time at={e.at} /> · {e.email ?? tr.code('actor', e.actorKind)}
              </p>
            </li>
          ))}
        </ul>
        <NextPage
          href={
            res.data.next == null
              ? null
              : areaHref(c, 'settings', '/audit', { ...filter, before: res.data.next })
          }
          label={t('console.list.next')}
        />
      </>,
    );
  });
  return app;
}
