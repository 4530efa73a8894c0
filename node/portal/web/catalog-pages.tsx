/** Price lists and product catalogs the vendor shares with the signed-in partner. */
import type { FC } from 'hono/jsx';
import type { CatalogList, CatalogVersion, StoredLine } from '../../store/catalog-store.ts';
import { href, Layout, type PageCtx } from './layout.tsx';
import { NextListPage } from './list-pager.tsx';
import { t, useTranslator, type MessageKey } from '../../i18n/index.ts';
import { decimal, formatDate } from './format.ts';

export interface SharedList {
  list: CatalogList;
  version: CatalogVersion;
}

/** How each kind of list reads on the pages. */
export interface ListPages {
  section: 'prices' | 'products' | 'accounting';
  path: string;
  title: MessageKey;
  /** `price` or `product`: which words the pages use (catalog.* messages select on it). */
  noun: 'price' | 'product' | 'accounting';
}

export const PRICE_PAGES: ListPages = {
  section: 'prices',
  path: '/price-lists',
  title: 'nav.prices',
  noun: 'price',
};
/** Payment terms, tax categories, currencies, units and account codes to use with the vendor. */
export const ACCOUNTING_PAGES: ListPages = {
  section: 'accounting',
  path: '/accounting',
  title: 'nav.accounting',
  noun: 'accounting',
};
export const PRODUCT_PAGES: ListPages = {
  section: 'products',
  path: '/products',
  title: 'nav.products',
  noun: 'product',
};

const validity = (v: CatalogVersion) =>
  v.validFrom
    ? t('catalog.validity', {
        from: formatDate(v.validFrom),
        hasTo: v.validTo ? 'yes' : 'no',
        to: v.validTo ? formatDate(v.validTo) : '',
      })
    : '';

/** Price and quantity columns hold exact decimals: written with the language's signs. */
const DECIMAL_COLUMNS = new Set(['minQty', 'listPrice', 'standardPrice', 'limitPrice', 'rate']);

/** Columns holding a stable code that people read in words (`code.<group>.<value>`). */
const WORD_COLUMNS: Record<string, string> = { type: 'accountingType', use: 'accountingUse' };

/** One cell as people read it; the CSV export keeps the values as they are. */
function cell(key: string, value: string | undefined): string {
  if (!value) return '';
  if (DECIMAL_COLUMNS.has(key)) return decimal(value);
  const group = WORD_COLUMNS[key];
  return group ? useTranslator().code(group, value) : value;
}

export const SharedListsPage: FC<{ ctx: PageCtx; pages: ListPages; lists: SharedList[] }> = ({
  ctx,
  pages,
  lists,
}) => (
  <Layout ctx={ctx} title={t(pages.title)}>
    <h1>{t(pages.title)}</h1>
    {lists.length === 0 ? (
      <p>{t('catalog.none', { noun: pages.noun })}</p>
    ) : (
      <ul class="cards">
        {lists.map(({ list, version }) => {
          const page = `${pages.path}/${encodeURIComponent(list.listId)}`;
          return (
            <li class="card">
              <h3>
                <a href={href(ctx, page)}>{list.name}</a>
              </h3>
              <p>
                {t('catalog.versionLines', { version: version.version, lines: version.lineCount })}
                {list.currency && ` · ${list.currency}`} {validity(version)}
              </p>
              <p>
                <a href={href(ctx, `${page}/export.csv`)}>{t('catalog.downloadCsv')}</a>
              </p>
            </li>
          );
        })}
      </ul>
    )}
  </Layout>
);

type Columns = ReadonlyArray<readonly [key: string, label: MessageKey]>;

export const PRICE_COLUMNS: Columns = [
  ['sku', 'catalog.col.sku'],
  ['minQty', 'catalog.col.minQty'],
  ['listPrice', 'catalog.col.listPrice'],
  ['standardPrice', 'catalog.col.standardPrice'],
  ['limitPrice', 'catalog.col.limitPrice'],
];
export const PRODUCT_COLUMNS: Columns = [
  ['sku', 'catalog.col.sku'],
  ['name', 'catalog.col.name'],
  ['uom', 'catalog.col.uom'],
  ['brand', 'catalog.col.brand'],
  ['category', 'field.category'],
  ['gtin', 'catalog.col.gtin'],
];

export const ACCOUNTING_COLUMNS: Columns = [
  ['type', 'catalog.col.type'],
  ['code', 'catalog.col.code'],
  ['name', 'catalog.col.name'],
  ['rate', 'catalog.col.rate'],
  ['days', 'catalog.col.days'],
  ['use', 'catalog.col.use'],
];

export const SharedListPage: FC<{
  ctx: PageCtx;
  pages: ListPages;
  shared: SharedList;
  lines: StoredLine[];
  columns: Columns;
  /** Whether these are the list's first lines (no cursor). */
  firstPage: boolean;
  /** The cursor of the next page of lines; null on the last. */
  next: string | null;
}> = ({ ctx, pages, shared: { list, version }, lines, columns, firstPage, next }) => {
  const page = `${pages.path}/${encodeURIComponent(list.listId)}`;
  return (
    <Layout ctx={ctx} title={list.name}>
      <p>
        <a href={href(ctx, pages.path)}>{t('catalog.all', { noun: pages.noun })}</a>
      </p>
      <h1>{list.name}</h1>
      <p>
        {t('catalog.version', { version: version.version })}
        {list.currency && ` · ${t('catalog.pricesIn', { currency: list.currency })}`}{' '}
        {validity(version)}
      </p>
      <p>
        <a href={href(ctx, `${page}/export.csv`)}>
          {t('catalog.downloadAll', { lines: version.lineCount })}
        </a>
      </p>
      {firstPage && lines.length < version.lineCount && (
        <p class="muted">{t('catalog.firstLines', { lines: lines.length })}</p>
      )}
      {!firstPage && (
        <p>
          <a href={href(ctx, page)}>{t('catalog.firstPage')}</a>
        </p>
      )}
      <div
        class="scroll"
        role="region"
        aria-label={t('catalog.linesOf', { name: list.name })}
        tabindex={0}
      >
        <table>
          <caption class="muted">
            {t('catalog.caption', { name: list.name, version: version.version })}
          </caption>
          <thead>
            <tr>
              {columns.map(([, label]) => (
                <th scope="col">{t(label)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((stored) => {
              const line = JSON.parse(stored.line) as Record<string, string | undefined>;
              return (
                <tr>
                  {columns.map(([key]) => (
                    <td>{cell(key, line[key])}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <NextListPage ctx={ctx} path={page} cursor={next} />
    </Layout>
  );
};
