/**
 * Partners: the directory (type, relationship, connection, status) with a filter and keyset
 * pages, and a partner's page. Read through the admin API's /partners, which answers the whole
 * directory at once; the console pages it by id until the API takes a cursor itself.
 */
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { Time } from '../../i18n/time-element.tsx';
import { Hono } from 'hono';
import { portalUidOf } from '../../portal/portal-ids.ts';
import { NextPage, SelectField, Status, TextField } from '../../portal/web/components.tsx';
import type { PartnerScorecard } from '../../scorecard/partner-scorecard.ts';
import { callAdminApi } from './console-api.ts';
import { PartnerScorecardSection } from './console-partner-scorecard.tsx';
import type { ConsoleEnv } from './console-env.ts';
import { KEYSET_PAGE_SIZE, pageSizeOf } from './console-keyset-list.tsx';
import { ConsoleLayout, sendPage, siteOf } from './console-layout.tsx';
import { areaHref, refusalPage, requireArea } from './console-page-kit.tsx';
import {
  byNumber,
  byText,
  sortChoiceOf,
  sortedPage,
  SortSelect,
  type SortKey,
} from './console-sort.tsx';

const TEXT = {
  title: 'console.partners.title',
  filter: 'console.partners.filter',
  name: 'console.partners.name',
  status: 'console.partners.status',
  any: 'console.partners.any',
  apply: 'console.partners.apply',
  none: 'console.partners.none',
  type: 'console.partners.type',
  relationship: 'console.partners.relationship',
  connection: 'console.partners.connection',
  portal: 'console.partners.portal',
  node: 'console.partners.node',
  nodeId: 'console.partners.nodeId',
  connectedAt: 'console.partners.connectedAt',
  outbox: 'console.partners.outbox',
  deals: 'console.partners.deals',
  leads: 'console.partners.leads',
  next: 'console.partners.next',
} as const satisfies Record<string, MessageKey>;

const STATUSES = ['active', 'suspended', 'removed'] as const;

/** Oldest first by default (the order partners joined), as the list always was. */
const PARTNER_SORTS: ReadonlyArray<SortKey<PartnerRow>> = [
  { key: 'id', label: 'console.sort.joined', compare: byNumber((p) => p.id) },
  { key: 'name', label: 'console.sort.name', compare: byText((p) => p.name ?? p.nodeId) },
  { key: 'status', label: 'console.field.status', compare: byText((p) => p.status) },
  { key: 'connected', label: 'console.sort.connected', compare: byText((p) => p.connectedAt) },
];

interface PartnerRow {
  id: number;
  nodeId: string;
  name: string | null;
  partnerType: string | null;
  relationship: string | null;
  status: string;
  connectedAt: string | null;
  outbox: { pending?: number; dead?: number };
}

export function createPartnerPages(nodeId: string): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/partners', requireArea('partners'));
  app.use('/partners/*', requireArea('partners'));
  const connection = (p: PartnerRow) =>
    portalUidOf(nodeId, p.nodeId) === null ? t(TEXT.node) : t(TEXT.portal);

  app.get('/partners', async (c) => {
    const res = await callAdminApi<{ partners: PartnerRow[] }>(c, 'GET', '/partners');
    if (!res.ok) return refusalPage(c, res.status, res.error, 'partners');
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const status = STATUSES.find((s) => s === c.req.query('status'));
    const after = Number(c.req.query('after') ?? 0) || undefined;
    const choice = sortChoiceOf(c, PARTNER_SORTS);
    const matching = res.data.partners
      .filter((p) => (status ? p.status === status : true))
      .filter((p) => (q ? (p.name ?? '').toLowerCase().includes(q.toLowerCase()) : true));
    const limit = pageSizeOf(c);
    const tr = useTranslator();
    const { shown, nextAfter } = sortedPage(matching, (p) => p.id, choice, after, limit);
    const next =
      nextAfter !== null
        ? areaHref(c, 'partners', '', {
            q,
            status,
            ...(choice.value !== 'id' && { sort: choice.value }),
            after: nextAfter,
            ...(limit !== KEYSET_PAGE_SIZE && { limit }),
          })
        : null;
    return sendPage(
      c,
      <ConsoleLayout
        site={siteOf(c)}
        title={t(TEXT.title)}
        viewer={c.var.staffViewer}
        area="partners"
      >
        <h1>{t(TEXT.title)}</h1>
        <form method="get" action={areaHref(c, 'partners')} role="search">
          <TextField name="q" label={t(TEXT.name)} value={q} type="search" maxlength={200} />
          <SelectField
            name="status"
            label={t(TEXT.status)}
            value={status ?? ''}
            options={[
              ['', t(TEXT.any)],
              ...STATUSES.map((s) => [s, tr.code('status', s)] as const),
            ]}
          />
          <SortSelect keys={PARTNER_SORTS} choice={choice} />
          <button type="submit" class="secondary">
            {t(TEXT.apply)}
          </button>
        </form>
        {shown.length === 0 && <p>{t(TEXT.none)}</p>}
        <ul class="cards" id="partners">
          {shown.map((p) => (
            <li class="card" data-partner={p.id}>
              <h2>
                <a href={areaHref(c, 'partners', `/${p.id}`)}>{p.name ?? p.nodeId}</a>
              </h2>
              <p>
                <Status value={p.status} /> {tr.code('partnerType', p.partnerType)} ·{' '}
                {tr.code('relationship', p.relationship)} · {connection(p)}
              </p>
            </li>
          ))}
        </ul>
        <NextPage href={next} label={t(TEXT.next)} />
      </ConsoleLayout>,
    );
  });

  app.get('/partners/:id{[1-9][0-9]{0,15}}', async (c) => {
    const id = c.req.param('id');
    const [res, card] = await Promise.all([
      callAdminApi<PartnerRow>(c, 'GET', `/partners/${id}`),
      callAdminApi<PartnerScorecard>(c, 'GET', `/partners/${id}/scorecard`),
    ]);
    if (!res.ok) return refusalPage(c, res.status, res.error, 'partners');
    if (!card.ok) return refusalPage(c, card.status, card.error, 'partners');
    const p = res.data;
    const tr = useTranslator();
    return sendPage(
      c,
      <ConsoleLayout
        site={siteOf(c)}
        title={p.name ?? p.nodeId}
        viewer={c.var.staffViewer}
        area="partners"
      >
        <h1>{p.name ?? p.nodeId}</h1>
        <dl class="facts">
          <dt>{t(TEXT.status)}</dt>
          <dd>
            <Status value={p.status} />
          </dd>
          <dt>{t(TEXT.type)}</dt>
          <dd>{tr.code('partnerType', p.partnerType)}</dd>
          <dt>{t(TEXT.relationship)}</dt>
          <dd>{tr.code('relationship', p.relationship)}</dd>
          <dt>{t(TEXT.connection)}</dt>
          <dd>{connection(p)}</dd>
          <dt>{t(TEXT.nodeId)}</dt>
          <dd>
            <code>{p.nodeId}</code>
          </dd>
          <dt>{t(TEXT.connectedAt)}</dt>
          <dd>
            <Time at={p.connectedAt} />
          </dd>
          <dt>{t(TEXT.outbox)}</dt>
          <dd>
            {tr.count(p.outbox.pending ?? 0)} / {tr.count(p.outbox.dead ?? 0)}
          </dd>
        </dl>
        <ul>
          <li>
            <a href={areaHref(c, 'deals', '', { partner: p.id })}>{t(TEXT.deals)}</a>
          </li>
          <li>
            <a href={areaHref(c, 'leads', '', { partner: p.id })}>{t(TEXT.leads)}</a>
          </li>
        </ul>
        <PartnerScorecardSection card={card.data} />
      </ConsoleLayout>,
    );
  });
  return app;
}
