/**
 * A portal list a page at a time, newest first, by keyset (`after`: where the previous page
 * ended, so a record added meanwhile neither repeats nor hides one), with an optional status
 * filter as a GET form that needs no script. The pieces every list page of the portal shares;
 * the filter runs in the store's query, so each page is full whatever stands before it.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { t } from '../../i18n/index.ts';
import { NextPage, SelectField } from './components.tsx';
import { href, type PageCtx } from './layout.tsx';

export const PORTAL_PAGE_SIZE = 50;

/**
 * A row-id cursor (`?after=`, or the named parameter of one list of a page that has several);
 * anything else starts from the first page.
 */
export function afterIdOf(c: Context, param = 'after'): number | undefined {
  const raw = c.req.query(param) ?? '';
  return /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
}

/** An opaque cursor (`?after=`, base64url); anything else starts from the first page. */
export function afterTokenOf(c: Context): string | undefined {
  const raw = c.req.query('after') ?? '';
  return /^[A-Za-z0-9_-]{1,400}$/.test(raw) ? raw : undefined;
}

/** The chosen value of the `status` filter, when it is one of `values`; else any. */
export function statusOf<T extends string>(c: Context, values: readonly T[]): T | undefined {
  const raw = c.req.query('status');
  return values.find((v) => v === raw);
}

/** Newest first, `limit` shown: the rows of the page and the id the next one starts after. */
export function cutPage<T extends { id: number }>(rows: readonly T[], limit: number) {
  const shown = rows.slice(0, limit);
  return { shown, nextCursor: rows.length > limit ? shown.at(-1)!.id : null };
}

/** The status filter of a list: a GET form back to the list's own path. */
export const StatusFilter: FC<{
  ctx: PageCtx;
  path: string;
  value: string | undefined;
  values: readonly string[];
}> = ({ ctx, path, value, values }) => (
  <form method="get" action={href(ctx, path)} role="search" class="filter">
    <SelectField
      name="status"
      label={t('list.status')}
      value={value ?? ''}
      options={[['', t('list.any')], ...values.map((v) => [v, ctx.tr.code('status', v)] as const)]}
    />
    <button type="submit" class="secondary">
      {t('list.apply')}
    </button>
  </form>
);

/**
 * The link to the page after `cursor` (none on the last page), keeping the filter. `param`: the
 * cursor's parameter, for one list of a page that has several (the others start again).
 */
export const NextListPage: FC<{
  ctx: PageCtx;
  path: string;
  status?: string | undefined;
  cursor: string | number | null;
  param?: string;
}> = ({ ctx, path, status, cursor, param = 'after' }) => {
  if (cursor === null) return null;
  const query = new URLSearchParams({ ...(status && { status }), [param]: String(cursor) });
  return <NextPage href={href(ctx, `${path}?${query}`)} label={t('list.next')} />;
};
