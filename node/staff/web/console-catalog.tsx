/**
 * Catalog and price lists: ours and partners' copies (sortable), one list with its versions and
 * who holds which version, pushing a version to partners, and importing a price list from CSV
 * with the API's row report (a refused file comes back with every rejected row and the text
 * kept). Every action is the API's own operation, offered to the roles that operation allows.
 */
import { Hono, type Context } from 'hono';
import { t } from '../../i18n/index.ts';
import { Time } from '../../i18n/time-element.tsx';
import {
  ErrorSummary,
  NextPage,
  SelectField,
  Status,
  TextArea,
  TextField,
  type FormErrors,
} from '../../portal/web/components.tsx';
import type { FormValues } from '../../portal/web/portal-env.ts';
import { apiQuery } from './console-page-kit.tsx';
import { callAdminApi, refusalAsFormError } from './console-api.ts';
import type { ConsoleEnv } from './console-env.ts';
import { consoleFormBody, csrfCheck } from './console-form.ts';
import { KEYSET_PAGE_SIZE, pageSizeOf } from './console-keyset-list.tsx';
import { ConsoleLayout, Csrf, sendPage, siteOf } from './console-layout.tsx';
import { mayCall } from './console-operations.ts';
import { areaHref, refusalPage, requireArea, requireOperation } from './console-page-kit.tsx';
import {
  byNumber,
  byText,
  sortChoiceOf,
  sortedPage,
  SortSelect,
  type SortKey,
} from './console-sort.tsx';

/** The two kinds of list the console shows, by their API prefix. */
const KINDS = {
  'price-lists': { api: '/price-lists', label: 'console.catalog.priceList' },
  catalogs: { api: '/catalogs', label: 'console.catalog.catalog' },
} as const;
type Kind = keyof typeof KINDS;
const isKind = (k: string): k is Kind => Object.hasOwn(KINDS, k);

interface ListRow {
  id: number;
  listId: string;
  owner: 'self' | 'partner';
  ownerPartner: { name: string | null; nodeId: string | null } | null;
  name: string;
  currency: string | null;
  latestVersion: number | null;
  withdrawn: boolean;
  updatedAt: string;
}

type KindRow = ListRow & { kind: Kind; key: number };

interface ListDetail extends ListRow {
  versions: Array<{ version: number; status: string; lineCount: number; createdAt: string }>;
  shares: Array<{
    partner: { id: number; name: string | null; nodeId: string | null };
    heldVersion: number | null;
    pendingVersion: number | null;
  }>;
}

interface ImportReport {
  rows: number;
  imported: number;
  rejectedCount: number;
  rejected: Array<{ line: number; column: string | null; reason: string }>;
  version: number | null;
}

const OWNERS = ['self', 'partner'] as const;
const ID = '{[1-9][0-9]{0,15}}';
const KIND = '{price-lists|catalogs}';
/** The CSV pasted in the form: bounded by the form reader (64 KiB); larger files go by the API. */
const MAX_CSV_CHARS = 60_000;

/** A count from the notice's address: digits only, since anyone can write the address. */
const digits = (v: string | undefined) => (v && /^\d{1,16}$/.test(v) ? v : '0');

const SORTS: ReadonlyArray<SortKey<KindRow>> = [
  { key: 'name', label: 'console.sort.name', compare: byText((l) => l.name) },
  { key: 'updated', label: 'console.catalog.updated', compare: byText((l) => l.updatedAt) },
  { key: 'version', label: 'console.catalog.version', compare: byNumber((l) => l.latestVersion) },
];

async function listsPage(c: Context<ConsoleEnv>): Promise<Response> {
  const owner = OWNERS.find((o) => o === c.req.query('owner'));
  const [prices, catalogs] = await Promise.all(
    (Object.keys(KINDS) as Kind[]).map((kind) =>
      callAdminApi<{ lists: ListRow[] }>(c, 'GET', `${KINDS[kind].api}${apiQuery({ owner })}`),
    ),
  );
  for (const res of [prices!, catalogs!]) {
    if (!res.ok) return refusalPage(c, res.status, res.error, 'catalog');
  }
  // One list of both kinds; the cursor is a key unique across them (price lists even, catalogs odd).
  const rows: KindRow[] = [
    ...(prices!.ok ? prices!.data.lists : []).map((l) => ({
      ...l,
      kind: 'price-lists' as const,
      key: l.id * 2,
    })),
    ...(catalogs!.ok ? catalogs!.data.lists : []).map((l) => ({
      ...l,
      kind: 'catalogs' as const,
      key: l.id * 2 + 1,
    })),
  ];
  const choice = sortChoiceOf(c, SORTS);
  const after = Number(c.req.query('after') ?? '') || undefined;
  const limit = pageSizeOf(c);
  const { shown, nextAfter } = sortedPage(rows, (l) => l.key, choice, after, limit);
  return sendPage(
    c,
    <ConsoleLayout
      site={siteOf(c)}
      title={t('console.catalog.title')}
      viewer={c.var.staffViewer}
      area="catalog"
    >
      <h1>{t('console.catalog.title')}</h1>
      <form method="get" action={areaHref(c, 'catalog')} role="search">
        <SelectField
          name="owner"
          label={t('console.catalog.owner')}
          value={owner ?? ''}
          options={[
            ['', t('console.list.any')],
            ['self', t('console.catalog.ours')],
            ['partner', t('console.catalog.partners')],
          ]}
        />
        <SortSelect keys={SORTS} choice={choice} />
        <button type="submit" class="secondary">
          {t('console.list.apply')}
        </button>
      </form>
      {shown.length === 0 && <p>{t('console.catalog.none')}</p>}
      <ul class="cards" id="catalog-lists">
        {shown.map((l) => (
          <li class="card" data-list={`${l.kind}/${l.id}`}>
            <h2>
              <a href={areaHref(c, 'catalog', `/${l.kind}/${l.id}`)}>{l.name}</a>
            </h2>
            <p>
              {t(KINDS[l.kind].label)} · {l.listId}
              {l.currency && ` · ${l.currency}`}
            </p>
            <p class="muted">
              {l.owner === 'self'
                ? t('console.catalog.ours')
                : t('console.catalog.from', {
                    partner: l.ownerPartner?.name ?? l.ownerPartner?.nodeId ?? '—',
                  })}{' '}
              · {t('console.catalog.latest', { version: l.latestVersion ?? '—' })} ·{' '}
              <Time at={l.updatedAt} />
              {l.withdrawn && ` · ${t('console.catalog.withdrawn')}`}
            </p>
          </li>
        ))}
      </ul>
      <NextPage
        href={
          nextAfter === null
            ? null
            : areaHref(c, 'catalog', '', {
                owner,
                sort: choice.value,
                after: nextAfter,
                ...(limit !== KEYSET_PAGE_SIZE && { limit }),
              })
        }
        label={t('console.list.next')}
      />
    </ConsoleLayout>,
  );
}

interface ListPageOptions {
  errors?: FormErrors;
  form?: FormValues;
  report?: ImportReport;
  status?: number;
}

async function listPage(
  c: Context<ConsoleEnv>,
  kind: Kind,
  id: string,
  opts: ListPageOptions = {},
): Promise<Response> {
  const res = await callAdminApi<ListDetail>(c, 'GET', `${KINDS[kind].api}/${id}`);
  if (!res.ok) return refusalPage(c, res.status, res.error, 'catalog');
  const partners = await callAdminApi<{
    partners: Array<{ id: number; name: string | null; status: string }>;
  }>(c, 'GET', '/partners');
  const l = res.data;
  const viewer = c.var.staffViewer;
  const form = opts.form ?? {};
  const own = l.owner === 'self' && !l.withdrawn;
  const mayPush = own && mayCall(viewer.user, 'POST', `${KINDS[kind].api}/{ref}/push`);
  const mayImport =
    own && kind === 'price-lists' && mayCall(viewer.user, 'POST', '/price-lists/{ref}/import');
  const active = partners.ok ? partners.data.partners.filter((p) => p.status === 'active') : [];
  const done = c.req.query('done');
  const base = `/${kind}/${l.id}`;
  return sendPage(
    c,
    <ConsoleLayout site={siteOf(c)} title={l.name} viewer={viewer} area="catalog">
      <h1>{l.name}</h1>
      <p>
        {t(KINDS[kind].label)} · {l.listId}
        {l.currency && ` · ${l.currency}`}
      </p>
      {done === 'pushed' && (
        <div class="notice done" role="status">
          <p>{t('console.catalog.pushed')}</p>
        </div>
      )}
      {done === 'imported' && (
        <div class="notice done" role="status">
          <p>
            {t('console.catalog.imported', {
              version: digits(c.req.query('version')),
              lines: Number(digits(c.req.query('lines'))),
              rejected: Number(digits(c.req.query('rejected'))),
            })}
          </p>
        </div>
      )}
      <ErrorSummary error={opts.errors} />
      {opts.report && <RowReport report={opts.report} />}

      <h2>{t('console.catalog.versions')}</h2>
      {l.versions.length === 0 && <p>{t('console.catalog.noVersions')}</p>}
      <ul class="cards" id="versions">
        {l.versions.map((v) => (
          <li class="card" data-version={v.version}>
            <h3>{t('console.catalog.versionNumber', { version: v.version })}</h3>
            <p>
              <Status value={v.status} /> {t('console.catalog.lines', { count: v.lineCount })} ·{' '}
              <Time at={v.createdAt} />
            </p>
          </li>
        ))}
      </ul>

      {l.owner === 'self' && (
        <>
          <h2>{t('console.catalog.holders')}</h2>
          {l.shares.length === 0 && <p>{t('console.catalog.noHolders')}</p>}
          <ul class="cards" id="holders">
            {l.shares.map((s) => (
              <li class="card" data-partner={s.partner.id}>
                <h3>{s.partner.name ?? s.partner.nodeId}</h3>
                <p>
                  {t('console.catalog.holds', {
                    held: s.heldVersion ?? '—',
                    pending: s.pendingVersion ?? '—',
                  })}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}

      {mayPush && (
        <form method="post" action={areaHref(c, 'catalog', `${base}/push`)} novalidate>
          <Csrf viewer={viewer} />
          <h2>{t('console.catalog.push')}</h2>
          <SelectField
            name="to"
            label={t('console.catalog.pushTo')}
            value={form.to ?? 'all'}
            required
            error={opts.errors}
            options={[
              ['all', t('console.catalog.allPartners')],
              ...active.map((p) => [String(p.id), p.name ?? `#${p.id}`] as const),
            ]}
          />
          <TextField
            name="version"
            label={t('console.catalog.version')}
            hint={t('console.catalog.versionHint')}
            value={form.version}
            inputmode="numeric"
            maxlength={16}
            error={opts.errors}
          />
          <button type="submit">{t('console.catalog.pushButton')}</button>
        </form>
      )}

      {mayImport && (
        <form method="post" action={areaHref(c, 'catalog', `${base}/import`)} novalidate>
          <Csrf viewer={viewer} />
          <h2>{t('console.catalog.import')}</h2>
          <TextArea
            name="csv"
            label={t('console.catalog.csv')}
            hint={t('console.catalog.csvHint', { sku: 'sku', listPrice: 'listPrice' })}
            value={form.csv}
            maxlength={MAX_CSV_CHARS}
            rows={8}
            required
            error={opts.errors}
          />
          <p>
            <input
              type="checkbox"
              id="f-skipBadRows"
              name="skipBadRows"
              value="true"
              checked={form.skipBadRows === 'true'}
            />{' '}
            <label for="f-skipBadRows">{t('console.catalog.skipBadRows')}</label>
          </p>
          <button type="submit">{t('console.catalog.importButton')}</button>
        </form>
      )}
    </ConsoleLayout>,
    opts.status ?? 200,
  );
}

/** The API's row report of an import: how many rows, and each rejected one with its reason. */
function RowReport(props: { report: ImportReport }) {
  const r = props.report;
  return (
    <section id="row-report" aria-labelledby="row-report-title">
      <h2 id="row-report-title">{t('console.catalog.report')}</h2>
      <p>
        {t('console.catalog.reportCounts', {
          rows: r.rows,
          imported: r.imported,
          rejected: r.rejectedCount,
        })}
      </p>
      <ul>
        {r.rejected.map((x) => (
          <li data-line={x.line}>
            {t('console.catalog.rejectedRow', {
              line: x.line,
              column: x.column ?? '—',
              reason: x.reason,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function createCatalogPages(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.use('/catalog', requireArea('catalog'));
  app.use('/catalog/*', requireArea('catalog'));
  const kindOf = (c: Context) => c.req.param('kind') as Kind;

  app.get('/catalog', (c) => listsPage(c));
  app.get(`/catalog/:kind${KIND}/:id${ID}`, (c) => {
    const kind = c.req.param('kind');
    if (!isKind(kind)) return c.notFound();
    return listPage(c, kind, c.req.param('id'));
  });

  app.post(
    `/catalog/:kind${KIND}/:id${ID}/push`,
    consoleFormBody(),
    csrfCheck(),
    async (c, next) =>
      requireOperation('catalog', 'POST', `${KINDS[kindOf(c)].api}/{ref}/push`)(c, next),
    async (c) => {
      const kind = kindOf(c);
      const id = c.req.param('id');
      const form = c.var.form;
      const to = form.to ?? 'all';
      const version = (form.version ?? '').trim();
      const body = {
        ...(to === 'all' ? { all: true } : { partners: [to] }),
        ...(version !== '' && { version: /^\d{1,16}$/.test(version) ? Number(version) : version }),
      };
      const res = await callAdminApi(c, 'POST', `${KINDS[kind].api}/${id}/push`, body);
      if (!res.ok) {
        if (res.status === 403 || res.status === 404) {
          return refusalPage(c, res.status, res.error, 'catalog');
        }
        const field =
          res.error.field === 'partners' || res.error.field === 'all' ? 'to' : res.error.field;
        return listPage(c, kind, id, {
          errors: refusalAsFormError({ ...res.error, ...(field && { field }) }, 'to'),
          form,
          status: res.status,
        });
      }
      return c.redirect(areaHref(c, 'catalog', `/${kind}/${id}`, { done: 'pushed' }), 303);
    },
  );

  app.post(
    `/catalog/price-lists/:id${ID}/import`,
    consoleFormBody(),
    csrfCheck(),
    requireOperation('catalog', 'POST', '/price-lists/{ref}/import'),
    async (c) => {
      const id = c.req.param('id');
      const form = c.var.form;
      const csv = form.csv ?? '';
      if (csv.trim() === '') {
        return listPage(c, 'price-lists', id, {
          errors: { field: 'csv', message: t('console.catalog.csvRequired') },
          form,
          status: 400,
        });
      }
      const skip = form.skipBadRows === 'true' ? '?skipBadRows=true' : '';
      const res = await callAdminApi<ImportReport>(
        c,
        'POST',
        `/price-lists/${id}/import${skip}`,
        csv,
        'text/csv',
      );
      if (!res.ok) {
        if (res.status === 403 || res.status === 404) {
          return refusalPage(c, res.status, res.error, 'catalog');
        }
        const report = (res.data as { report?: ImportReport } | null)?.report;
        return listPage(c, 'price-lists', id, {
          errors: refusalAsFormError({ ...res.error, field: 'csv' }, 'csv'),
          form,
          ...(report && { report }),
          status: res.status,
        });
      }
      return c.redirect(
        areaHref(c, 'catalog', `/price-lists/${id}`, {
          done: 'imported',
          version: res.data.version ?? undefined,
          lines: res.data.imported,
          rejected: res.data.rejectedCount,
        }),
        303,
      );
    },
  );
  return app;
}
