/**
 * Sorting of console lists on the server, through the query (`?sort=name` ascending,
 * `?sort=-name` descending), chosen in the list's GET form: it works without script and a sorted
 * list is a link like any other. Lists the console holds whole (partners, price lists, balances)
 * are sorted here and paged by the last row's id in that order, so the next page goes on where
 * the last one ended.
 */
import type { Context } from 'hono';
import { t, type MessageKey } from '../../i18n/index.ts';
import { SelectField } from '../../portal/web/components.tsx';

export interface SortKey<Row> {
  key: string;
  label: MessageKey;
  compare(a: Row, b: Row): number;
}

export interface SortChoice<Row> {
  /** As written in the query: the key, with `-` for descending. */
  value: string;
  key: SortKey<Row>;
  descending: boolean;
}

/** The list's sort from `?sort=`, else `fallback` (the first key ascending); unknown values are ignored. */
export function sortChoiceOf<Row>(
  c: Context,
  keys: ReadonlyArray<SortKey<Row>>,
  fallback = keys[0]!.key,
): SortChoice<Row> {
  const parse = (raw: string): SortChoice<Row> | null => {
    const key = keys.find((k) => k.key === raw.replace(/^-/, ''));
    return key ? { value: raw, key, descending: raw.startsWith('-') } : null;
  };
  return parse((c.req.query('sort') ?? '').slice(0, 50)) ?? parse(fallback)!;
}

/** Text compared as people read it (case and accents aside), empty values last. */
export function byText<Row>(of: (row: Row) => string | null | undefined) {
  return (a: Row, b: Row) => {
    const x = of(a) ?? '';
    const y = of(b) ?? '';
    if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
    return x.localeCompare(y, undefined, { sensitivity: 'base', numeric: true });
  };
}

export function byNumber<Row>(of: (row: Row) => number | string | null | undefined) {
  return (a: Row, b: Row) => Number(of(a) ?? 0) - Number(of(b) ?? 0);
}

/**
 * One page of rows sorted by `choice` (ties by id), starting after the row `after` names. The
 * cursor is the last row's id: stable across pages while rows are added or removed elsewhere.
 */
export function sortedPage<Row>(
  rows: readonly Row[],
  idOf: (row: Row) => number,
  choice: SortChoice<Row>,
  after: number | undefined,
  limit: number,
): { shown: Row[]; nextAfter: number | null } {
  const sign = choice.descending ? -1 : 1;
  const sorted = [...rows].sort(
    (a, b) => sign * choice.key.compare(a, b) || sign * (idOf(a) - idOf(b)),
  );
  const start = after === undefined ? 0 : sorted.findIndex((r) => idOf(r) === after) + 1;
  const rest = sorted.slice(start);
  const shown = rest.slice(0, limit);
  return { shown, nextAfter: rest.length > limit ? idOf(shown.at(-1)!) : null };
}

/** The list form's sort select: each key ascending and descending. */
export function SortSelect<Row>(props: {
  keys: ReadonlyArray<SortKey<Row>>;
  choice: SortChoice<Row>;
}) {
  return (
    <SelectField
      name="sort"
      label={t('console.sort.label')}
      value={props.choice.value}
      required
      options={props.keys.flatMap((k) => [
        [k.key, t('console.sort.ascending', { field: t(k.label) })] as const,
        [`-${k.key}`, t('console.sort.descending', { field: t(k.label) })] as const,
      ])}
    />
  );
}
