/** Price lists and product catalogs the vendor shares with the signed-in partner. */
import type { FC } from 'hono/jsx';
import type { CatalogList, CatalogVersion, StoredLine } from '../../store/catalog-store.ts';
import { href, Layout, type PageCtx } from './layout.tsx';
import { formatDate } from './format.ts';

export interface SharedList {
  list: CatalogList;
  version: CatalogVersion;
}

/** How each kind of list reads on the pages. */
export interface ListPages {
  section: 'prices' | 'products' | 'accounting';
  path: string;
  title: string;
  noun: string;
}

export const PRICE_PAGES: ListPages = {
  section: 'prices',
  path: '/price-lists',
  title: 'Price lists',
  noun: 'price list',
};
/** Payment terms, tax categories, currencies, units and account codes to use with the vendor. */
export const ACCOUNTING_PAGES: ListPages = {
  section: 'accounting',
  path: '/accounting',
  title: 'Accounting data',
  noun: 'accounting data set',
};
export const PRODUCT_PAGES: ListPages = {
  section: 'products',
  path: '/products',
  title: 'Products',
  noun: 'product catalog',
};

const validity = (v: CatalogVersion) =>
  v.validFrom
    ? `valid from ${formatDate(v.validFrom)}${v.validTo ? ` to ${formatDate(v.validTo)}` : ''}`
    : '';

export const SharedListsPage: FC<{ ctx: PageCtx; pages: ListPages; lists: SharedList[] }> = ({
  ctx,
  pages,
  lists,
}) => (
  <Layout ctx={ctx} title={pages.title}>
    <h1>{pages.title}</h1>
    {lists.length === 0 ? (
      <p>The vendor has not shared a {pages.noun} with you yet.</p>
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
                Version {version.version} · {version.lineCount} lines
                {list.currency && ` · ${list.currency}`} {validity(version)}
              </p>
              <p>
                <a href={href(ctx, `${page}/export.csv`)}>Download as CSV</a>
              </p>
            </li>
          );
        })}
      </ul>
    )}
  </Layout>
);

type Columns = ReadonlyArray<readonly [key: string, label: string]>;

export const PRICE_COLUMNS: Columns = [
  ['sku', 'SKU'],
  ['minQty', 'From quantity'],
  ['listPrice', 'List price'],
  ['standardPrice', 'Your price'],
  ['limitPrice', 'Lowest price'],
];
export const PRODUCT_COLUMNS: Columns = [
  ['sku', 'SKU'],
  ['name', 'Name'],
  ['uom', 'Unit'],
  ['brand', 'Brand'],
  ['category', 'Category'],
  ['gtin', 'GTIN'],
];

export const ACCOUNTING_COLUMNS: Columns = [
  ['type', 'Type'],
  ['code', 'Code'],
  ['name', 'Name'],
  ['rate', 'Rate'],
  ['days', 'Days'],
  ['use', 'For'],
];

export const SharedListPage: FC<{
  ctx: PageCtx;
  pages: ListPages;
  shared: SharedList;
  lines: StoredLine[];
  columns: Columns;
}> = ({ ctx, pages, shared: { list, version }, lines, columns }) => {
  const page = `${pages.path}/${encodeURIComponent(list.listId)}`;
  return (
    <Layout ctx={ctx} title={list.name}>
      <p>
        <a href={href(ctx, pages.path)}>All {pages.title.toLowerCase()}</a>
      </p>
      <h1>{list.name}</h1>
      <p>
        Version {version.version}
        {list.currency && ` · prices in ${list.currency}`} {validity(version)}
      </p>
      <p>
        <a href={href(ctx, `${page}/export.csv`)}>Download all {version.lineCount} lines as CSV</a>
      </p>
      {lines.length < version.lineCount && (
        <p class="muted">The first {lines.length} lines are shown here; the CSV has them all.</p>
      )}
      <div class="scroll" role="region" aria-label={`${list.name} lines`} tabindex={0}>
        <table>
          <caption class="muted">
            {list.name}, version {version.version}
          </caption>
          <thead>
            <tr>
              {columns.map(([, label]) => (
                <th scope="col">{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((stored) => {
              const line = JSON.parse(stored.line) as Record<string, string | undefined>;
              return (
                <tr>
                  {columns.map(([key]) => (
                    <td>{line[key] ?? ''}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  );
};
