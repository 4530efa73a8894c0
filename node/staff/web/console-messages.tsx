/**
 * Messages: the outbox (our messages to partners with their delivery state), the dead letters
 * with retry, and delivery per partner (waiting and dead). Retrying is the API's POST
 * /dead-letters/retry, checked against its declared RetryRequest schema before it is called, and
 * offered only to the roles that operation allows.
 */
import { Hono, type Context } from 'hono';
import { rich, t, useTranslator } from '../../i18n/index.ts';
import { Time } from '../../i18n/time-element.tsx';
import { OUTBOUND_STATUSES, RetryRequest } from '../../partners/partner-schemas.ts';
import {
  ErrorSummary,
  NavList,
  NextPage,
  Status,
  type FormErrors,
} from '../../portal/web/components.tsx';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import type { ConsoleEnv } from './console-env.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { keysetListPage } from './console-keyset-list.tsx';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { mayCall } from './console-operations.ts';
import {
  apiQuery,
  areaHref,
  refusalPage,
  requireArea,
  requireOperation,
} from './console-page-kit.tsx';
import {
  byNumber,
  byText,
  sortChoiceOf,
  sortedPage,
  SortSelect,
  type SortKey,
} from './console-sort.tsx';
import { zodFormErrors } from './console-zod-errors.ts';

interface OutboundRow {
  seq: number;
  messageId: string;
  partnerId: number;
  toNodeId: string;
  kind: string;
  status: string;
  attempts: number;
  createdAt: string;
  lastErrorCode: string | null;
  deadAt: string | null;
}

interface PartnerRow {
  id: number;
  nodeId: string;
  name: string | null;
  outbox: { pending?: number; in_flight?: number; delivered?: number; dead?: number };
}

const RETRY = ['POST', '/dead-letters/retry'] as const;
/** Dead letters shown at once, each with its box (the form reader takes 100 fields). */
const DEAD_PAGE = 50;

/** The area's own navigation: outbox, dead letters, delivery per partner. */
function MessagesNav(props: { c: Context<ConsoleEnv>; current: string }) {
  const items = [
    ['', t('console.messages.outbox')],
    ['/dead-letters', t('console.messages.deadLetters')],
    ['/partners', t('console.messages.byPartner')],
  ] as const;
  return (
    <NavList
      label={t('console.messages.pages')}
      items={items.map(([rest, label]) => ({
        href: areaHref(props.c, 'messages', rest),
        label,
        current: rest === props.current,
      }))}
    />
  );
}

function MessageCard(props: { m: OutboundRow; children?: unknown }) {
  const m = props.m;
  return (
    <li class="card" data-message={m.messageId}>
      {props.children}
      <h2>{m.kind}</h2>
      <p>
        <Status value={m.status} /> {t('console.messages.to', { node: m.toNodeId })}
      </p>
      <p class="muted">
        {rich('console.messages.queued', { time: <Time at={m.createdAt} /> })} ·{' '}
        {t('console.messages.attempts', { count: m.attempts })}
        {m.lastErrorCode && <> · {t('console.messages.lastError', { code: m.lastErrorCode })}</>}
      </p>
    </li>
  );
}

async function deadLettersPage(
  c: Context<ConsoleEnv>,
  opts: { errors?: FormErrors; status?: number } = {},
): Promise<Response> {
  const after = /^\d{1,16}$/.test(c.req.query('after') ?? '') ? c.req.query('after') : undefined;
  const res = await callAdminApi<{ messages: OutboundRow[]; nextCursor: number | null }>(
    c,
    'GET',
    `/dead-letters${apiQuery({ after, limit: DEAD_PAGE })}`,
  );
  if (!res.ok) return refusalPage(c, res.status, res.error, 'messages');
  const viewer = c.var.staffViewer;
  const mayRetry = mayCall(viewer.user, ...RETRY);
  const rows = res.data.messages;
  const done = c.req.query('done');
  const retried = Number(c.req.query('retried') ?? 0);
  const list = (
    <ul class="cards" id="dead-letters">
      {rows.map((m, i) => (
        <MessageCard m={m}>
          {mayRetry && (
            <p>
              <input type="checkbox" id={`f-ids.${i}`} name={`ids.${i}`} value={m.messageId} />{' '}
              <label for={`f-ids.${i}`}>{t('console.messages.choose', { kind: m.kind })}</label>
            </p>
          )}
        </MessageCard>
      ))}
    </ul>
  );
  return sendPage(
    c,
    <ConsoleLayout
      site={siteOf(c)}
      title={t('console.messages.deadLetters')}
      viewer={viewer}
      area="messages"
    >
      <h1>{t('console.messages.deadLetters')}</h1>
      <MessagesNav c={c} current="/dead-letters" />
      {done === 'retried' && (
        <div class="notice done" role="status">
          <p>
            {t('console.messages.retried', { count: Number.isSafeInteger(retried) ? retried : 0 })}
          </p>
        </div>
      )}
      <ErrorSummary error={opts.errors} />
      <p>{t('console.messages.deadIntro')}</p>
      {rows.length === 0 && <p>{t('console.messages.noDead')}</p>}
      {mayRetry && rows.length > 0 ? (
        <form method="post" action={areaHref(c, 'messages', '/dead-letters/retry')}>
          <Csrf viewer={viewer} />
          {list}
          <button type="submit">{t('console.messages.retry')}</button>
        </form>
      ) : (
        list
      )}
      <NextPage
        href={
          res.data.nextCursor == null
            ? null
            : areaHref(c, 'messages', '/dead-letters', { after: res.data.nextCursor })
        }
        label={t('console.list.next')}
      />
    </ConsoleLayout>,
    opts.status ?? 200,
  );
}

const PARTNER_SORTS: ReadonlyArray<SortKey<PartnerRow>> = [
  { key: 'name', label: 'console.sort.name', compare: byText((p) => p.name ?? p.nodeId) },
  { key: 'waiting', label: 'console.messages.waiting', compare: byNumber((p) => waiting(p)) },
  { key: 'dead', label: 'console.messages.dead', compare: byNumber((p) => p.outbox.dead ?? 0) },
];

const waiting = (p: PartnerRow) => (p.outbox.pending ?? 0) + (p.outbox.in_flight ?? 0);

export function createMessagePages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/messages', requireArea('messages'));
  app.use('/messages/*', requireArea('messages'));

  app.get('/messages', (c) =>
    keysetListPage<OutboundRow>(c, {
      area: 'messages',
      title: t('console.messages.title'),
      api: '/messages/out',
      rows: 'messages',
      filters: [{ name: 'status', label: t('console.field.status'), values: OUTBOUND_STATUSES }],
      none: t('console.messages.none'),
      intro: <MessagesNav c={c} current="" />,
      card: (m) => <MessageCard m={m} />,
    }),
  );

  app.get('/messages/dead-letters', (c) => deadLettersPage(c));

  app.post(
    '/messages/dead-letters/retry',
    consoleFormBody(),
    csrfCheck(),
    requireOperation('messages', ...RETRY),
    async (c) => {
      const ids = Object.entries(c.var.form)
        .filter(([k]) => /^ids\.\d{1,3}$/.test(k))
        .map(([, v]) => v);
      const body = { ...(ids.length > 0 && { ids }) };
      // The declared schema first; an empty choice is the person's to fix, not the API's.
      const parsed = RetryRequest.safeParse(body);
      if (!parsed.success || ids.length === 0) {
        const errors = parsed.success
          ? [{ field: 'ids.0', message: t('console.messages.chooseOne') }]
          : zodFormErrors(parsed.error, 'ids.0');
        return deadLettersPage(c, { errors, status: 400 });
      }
      const res = await callAdminApi<{ retried: number }>(c, 'POST', RETRY[1], parsed.data);
      if (!res.ok) {
        if (res.status === 403) return refusalPage(c, res.status, res.error, 'messages');
        return deadLettersPage(c, {
          errors: refusalAsFormError(res.error, 'ids.0'),
          status: res.status,
        });
      }
      return c.redirect(
        areaHref(c, 'messages', '/dead-letters', { done: 'retried', retried: res.data.retried }),
        303,
      );
    },
  );

  app.get('/messages/partners', async (c) => {
    const res = await callAdminApi<{ partners: PartnerRow[] }>(c, 'GET', '/partners');
    if (!res.ok) return refusalPage(c, res.status, res.error, 'messages');
    const choice = sortChoiceOf(c, PARTNER_SORTS, '-waiting');
    const after = Number(c.req.query('after') ?? '') || undefined;
    const { shown, nextAfter } = sortedPage(res.data.partners, (p) => p.id, choice, after, 25);
    const tr = useTranslator();
    return sendPage(
      c,
      <ConsoleLayout
        site={siteOf(c)}
        title={t('console.messages.byPartner')}
        viewer={c.var.staffViewer}
        area="messages"
      >
        <h1>{t('console.messages.byPartner')}</h1>
        <MessagesNav c={c} current="/partners" />
        <form method="get" action={areaHref(c, 'messages', '/partners')}>
          <SortSelect keys={PARTNER_SORTS} choice={choice} />
          <button type="submit" class="secondary">
            {t('console.list.apply')}
          </button>
        </form>
        <ul class="cards" id="delivery">
          {shown.map((p) => (
            <li class="card" data-partner={p.id}>
              <h2>{p.name ?? p.nodeId}</h2>
              <p>
                {t('console.messages.partnerCounts', {
                  waiting: tr.count(waiting(p)),
                  dead: tr.count(p.outbox.dead ?? 0),
                  delivered: tr.count(p.outbox.delivered ?? 0),
                })}
              </p>
            </li>
          ))}
        </ul>
        <NextPage
          href={
            nextAfter === null
              ? null
              : areaHref(c, 'messages', '/partners', { sort: choice.value, after: nextAfter })
          }
          label={t('console.list.next')}
        />
      </ConsoleLayout>,
    );
  });
  return app;
}
