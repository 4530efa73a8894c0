/**
 * A console list read from an admin API list that pages by cursor (`after`, `nextCursor`): the
 * filters as a GET form (no script), one card per row, and the link to the next page, which
 * keeps the filters. Only known filter values reach the API.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { t, useTranslator } from '../../i18n/index.ts';
import { NextPage, SelectField } from '../../portal/web/components.tsx';
import { callAdminApi } from './console-api.ts';
import type { AreaKey } from '../console-areas.ts';
import type { ConsoleEnv } from './console-env.ts';
import { ConsoleLayout, sendPage, siteOf } from './console-layout.tsx';
import { apiQuery, areaHref, refusalPage } from './console-page-kit.tsx';

export const KEYSET_PAGE_SIZE = 25;

/** Rows per page: `?limit=` from 1 to 100, else the default. */
export function pageSizeOf(c: Context): number {
  const raw = c.req.query('limit') ?? '';
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : 0;
  return n >= 1 && n <= 100 ? n : KEYSET_PAGE_SIZE;
}

export interface KeysetListSpec<Row> {
  area: AreaKey;
  title: string;
  /** The admin API's list, and the key of its rows in the answer. */
  api: string;
  rows: string;
  /** Fixed query parameters of the API call (for example `direction=incoming`). */
  fixed?: Record<string, string>;
  /** Each filter's values are stable codes, shown in words from `code.<group>.<value>`. */
  filters: ReadonlyArray<{
    name: string;
    label: string;
    values: readonly string[];
    group?: string;
  }>;
  none: string;
  card(row: Row): Child;
  /** Shown under the heading (an area's own navigation, an explanation). */
  intro?: Child;
  /** The console page's own path below the area, when the area has several lists. */
  rest?: string;
}

export async function keysetListPage<Row>(
  c: Context<ConsoleEnv>,
  spec: KeysetListSpec<Row>,
): Promise<Response> {
  const chosen: Record<string, string | undefined> = {};
  for (const f of spec.filters) chosen[f.name] = f.values.find((v) => v === c.req.query(f.name));
  const partner = /^[1-9]\d{0,15}$/.test(c.req.query('partner') ?? '')
    ? c.req.query('partner')
    : undefined;
  const after = /^\d{1,16}$/.test(c.req.query('after') ?? '') ? c.req.query('after') : undefined;
  const limit = pageSizeOf(c);
  const res = await callAdminApi<Record<string, unknown>>(
    c,
    'GET',
    `${spec.api}${apiQuery({ ...spec.fixed, ...chosen, partner, after, limit })}`,
  );
  if (!res.ok) return refusalPage(c, res.status, res.error, spec.area);
  const rows = (res.data[spec.rows] ?? []) as Row[];
  const tr = useTranslator();
  const nextCursor = res.data.nextCursor as number | null | undefined;
  return sendPage(
    c,
    <ConsoleLayout site={siteOf(c)} title={spec.title} viewer={c.var.staffViewer} area={spec.area}>
      <h1>{spec.title}</h1>
      {spec.intro}
      <form method="get" action={areaHref(c, spec.area, spec.rest)} role="search">
        {spec.filters.map((f) => (
          <SelectField
            name={f.name}
            label={f.label}
            value={chosen[f.name] ?? ''}
            options={[
              ['', t('console.filter.any')],
              ...f.values.map((v) => [v, tr.code(f.group ?? 'status', v)] as const),
            ]}
          />
        ))}
        {partner && <input type="hidden" name="partner" value={partner} />}
        {limit !== KEYSET_PAGE_SIZE && <input type="hidden" name="limit" value={String(limit)} />}
        <button type="submit" class="secondary">
          {t('console.filter.apply')}
        </button>
      </form>
      {rows.length === 0 && <p>{spec.none}</p>}
      <ul class="cards" id={spec.area}>
        {rows.map((row) => spec.card(row))}
      </ul>
      <NextPage
        href={
          nextCursor == null
            ? null
            : areaHref(c, spec.area, spec.rest, {
                ...chosen,
                partner,
                after: nextCursor,
                ...(limit !== KEYSET_PAGE_SIZE && { limit }),
              })
        }
        label={t('console.nextPage')}
      />
    </ConsoleLayout>,
  );
}
