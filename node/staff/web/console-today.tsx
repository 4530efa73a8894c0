/**
 * Today: the person's work queue. Each section asks the admin API's own list for the records
 * waiting on someone, and is shown only to the roles that may act on them.
 */
import { Hono, type Context } from 'hono';
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { callAdminApi } from './console-api.ts';
import { areaOf, mayAct, type AreaKey } from '../console-areas.ts';
import type { ConsoleEnv } from './console-env.ts';
import { mayCall, type OperationMethod } from './console-operations.ts';
import { ConsoleLayout, Refusal, refusalWords, sendPage, siteOf } from './console-layout.tsx';
import { areaHref, requireArea } from './console-page-kit.tsx';

const TEXT = {
  title: 'console.nav.today',
  intro: 'console.today.intro',
  nothing: 'console.today.nothing',
  open: 'console.today.open',
  notBuilt: 'console.today.notBuilt',
} as const satisfies Record<string, MessageKey>;

/** Counted up to this many; more shows as "100+". */
const COUNT_LIMIT = 100;

interface Section {
  id: string;
  label: MessageKey;
  area: AreaKey;
  /** The admin API's list and the key of its rows. */
  api: string;
  rows: string;
  /** The console's list, filtered the same way. */
  link?: { rest?: string; query: Record<string, string> };
  /** Shown to the roles of this operation instead of the area's `act` (work narrower than its area). */
  operation?: readonly [OperationMethod, string];
  /** Shown only when it counts something (news about the person, not a queue of the role's). */
  onlyWhenAny?: true;
}

const SECTIONS: readonly Section[] = [
  {
    // Every person's own: what partners refused of the messages their changes sent.
    id: 'my-refusals',
    label: 'console.today.myRefusals',
    area: 'today',
    api: '/refusals?mine=true',
    rows: 'refusals',
    link: { rest: '/refused', query: {} },
    operation: ['GET', '/refusals'],
    onlyWhenAny: true,
  },
  {
    id: 'leads-routing',
    label: 'console.today.leadsRouting',
    area: 'leads',
    api: '/leads?status=new',
    rows: 'leads',
    link: { query: { status: 'new' } },
  },
  {
    id: 'offers-open',
    label: 'console.today.offersOpen',
    area: 'leads',
    api: '/leads?status=offered',
    rows: 'leads',
    link: { query: { status: 'offered' } },
  },
  {
    id: 'deals-decide',
    label: 'console.today.dealsDecide',
    area: 'deals',
    api: '/deals?role=vendor&status=submitted',
    rows: 'deals',
    link: { query: { status: 'submitted' } },
  },
  {
    id: 'service-overdue',
    label: 'console.today.serviceOverdue',
    area: 'service',
    api: '/service/requests?overdue=true',
    rows: 'requests',
    link: { query: { overdue: 'true' } },
  },
  {
    id: 'orders-answer',
    label: 'console.today.ordersAnswer',
    area: 'orders',
    api: '/orders?direction=incoming&status=acknowledged',
    rows: 'orders',
    link: { query: { direction: 'incoming', status: 'acknowledged' } },
  },
  {
    id: 'claims-decide',
    label: 'console.today.claimsDecide',
    area: 'funds',
    api: '/funds/claims?owner=partner&status=submitted',
    rows: 'claims',
    link: { rest: '/claims', query: { owner: 'partner', status: 'submitted' } },
    operation: ['POST', '/funds/claims/{id}/decision'],
  },
  {
    id: 'proposals-open',
    label: 'console.today.proposalsOpen',
    area: 'inventory',
    api: '/inventory/proposals?role=partner&status=open',
    rows: 'proposals',
    link: { query: { role: 'partner', status: 'open' } },
  },
  {
    id: 'dead-letters',
    label: 'console.today.deadLetters',
    area: 'messages',
    api: '/dead-letters',
    rows: 'messages',
    link: { rest: '/dead-letters', query: {} },
    operation: ['POST', '/dead-letters/retry'],
  },
];

type Counted =
  | { section: Section; count: number; more: boolean }
  | { section: Section; code: string; message: string };

async function countOf(c: Context<ConsoleEnv>, section: Section): Promise<Counted> {
  const sep = section.api.includes('?') ? '&' : '?';
  const res = await callAdminApi<Record<string, unknown>>(
    c,
    'GET',
    `${section.api}${sep}limit=${COUNT_LIMIT}`,
  );
  if (!res.ok) return { section, ...res.error };
  const rows = res.data[section.rows];
  const count = Array.isArray(rows) ? rows.length : 0;
  // Lists without a cursor (leads page by offset) are full when they hold the limit.
  const more = res.data.nextCursor != null || (!('nextCursor' in res.data) && count >= COUNT_LIMIT);
  return { section, count, more };
}

export function createTodayRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/today', requireArea('today'), async (c) => {
    const viewer = c.var.staffViewer;
    const mine = SECTIONS.filter((s) =>
      s.operation ? mayCall(viewer.user, ...s.operation) : mayAct(viewer.user, s.area),
    );
    const counted = (await Promise.all(mine.map((s) => countOf(c, s)))).filter(
      (item) => !item.section.onlyWhenAny || !('count' in item) || item.count > 0,
    );
    return sendPage(
      c,
      <ConsoleLayout site={siteOf(c)} title={t(TEXT.title)} viewer={viewer} area="today">
        <h1>{t(TEXT.title)}</h1>
        {counted.length === 0 ? <p>{t(TEXT.nothing)}</p> : <p>{t(TEXT.intro)}</p>}
        <ul class="cards">
          {counted.map((item) => (
            <li class="card" id={`today-${item.section.id}`}>
              <h2>{t(item.section.label)}</h2>
              {'code' in item ? (
                <Refusal code={item.code} message={refusalWords(item.code, item.message)} />
              ) : (
                <p>
                  <span class="count" data-count={item.count}>
                    {useTranslator().count(item.count)}
                    {item.more ? '+' : ''}
                  </span>{' '}
                  {item.section.link && areaOf(item.section.area).built ? (
                    <a
                      href={areaHref(
                        c,
                        item.section.area,
                        item.section.link.rest,
                        item.section.link.query,
                      )}
                    >
                      {t(TEXT.open)}
                    </a>
                  ) : (
                    <span class="muted">{t(TEXT.notBuilt)}</span>
                  )}
                </p>
              )}
            </li>
          ))}
        </ul>
      </ConsoleLayout>,
    );
  });
  return app;
}
