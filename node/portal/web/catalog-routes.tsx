/**
 * Price lists, product catalogs and accounting data the vendor shares with the signed-in partner, with CSV
 * downloads. A list is shown only while it is shared with that partner (a share, not withdrawn)
 * and in the version the partner is known to hold: what its own node would have received.
 */
import { Hono, type Context } from 'hono';
import { priceCsvRows, storedLinesCsv } from '../../catalog/price-csv.ts';
import {
  SELF_OWNER,
  type CatalogShare,
  type ListKind,
  type StoredLine,
} from '../../store/catalog-store.ts';
import type { Store, StoreTx } from '../../store/store.ts';
import type { ActDeps } from '../act-as-partner.ts';
import {
  ACCOUNTING_COLUMNS,
  ACCOUNTING_PAGES,
  PRICE_COLUMNS,
  PRICE_PAGES,
  PRODUCT_COLUMNS,
  PRODUCT_PAGES,
  SharedListPage,
  SharedListsPage,
  type ListPages,
  type SharedList,
} from './catalog-pages.tsx';
import { t } from '../../i18n/index.ts';
import { errorPage } from './error-page.tsx';
import { afterTokenOf } from './list-pager.tsx';
import { pageCtx, sendPage } from './layout.tsx';
import type { PortalEnv } from './portal-env.ts';

/** Lines on one page of a list; the next page starts after the last one's (sku, quantity). */
const SHOWN_LINES = 500;

type LineKey = { sku: string; qtyKey: string };

/** The cursor of the page after `line`: its key as base64url JSON (opaque to the browser). */
function cursorOf(line: StoredLine): string {
  return Buffer.from(JSON.stringify([line.sku, line.qtyKey])).toString('base64url');
}

/** The key a cursor names; anything else starts from the first page. */
function keyOf(cursor: string | undefined): LineKey | undefined {
  if (!cursor) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      typeof key[0] === 'string' &&
      typeof key[1] === 'string'
    ) {
      return { sku: key[0], qtyKey: key[1] };
    }
  } catch {
    // Not JSON: the first page.
  }
  return undefined;
}
const PRODUCT_CSV_COLUMNS = ['sku', 'name', 'uom', 'gtin', 'brand', 'category', 'description'];

/**
 * The version a partner holds: the last one sent once every part of it was delivered, else the
 * one before (as the distributor judges it, node/catalog/distribute.ts).
 */
async function heldVersion(tx: StoreTx, share: CatalogShare): Promise<number | null> {
  if (share.pendingVersion === null || share.pendingMessageIds.length === 0) {
    return share.heldVersion;
  }
  for (const id of share.pendingMessageIds) {
    if ((await tx.outbox.get(id))?.status !== 'delivered') return share.heldVersion;
  }
  return share.pendingVersion;
}

async function sharedIn(
  tx: StoreTx,
  partnerId: number,
  list: SharedList['list'],
): Promise<SharedList | null> {
  if (list.withdrawnAt) return null;
  const share = await tx.catalog.getShare(list.id, partnerId);
  if (!share || share.withdrawnAt) return null;
  const held = await heldVersion(tx, share);
  const version = held === null ? null : await tx.catalog.getVersion(list.id, held);
  return version?.status === 'applied' ? { list, version } : null;
}

export function sharedLists(store: Store, kind: ListKind, partnerId: number) {
  return store.read(async (tx) => {
    const out: SharedList[] = [];
    for (const list of await tx.catalog.listLists({ kind, ownerPartnerId: SELF_OWNER })) {
      const shared = await sharedIn(tx, partnerId, list);
      if (shared) out.push(shared);
    }
    return out;
  });
}

function sharedList(store: Store, kind: ListKind, partnerId: number, listId: string) {
  if (listId.length > 200) return Promise.resolve(null);
  return store.read(async (tx) => {
    const list = await tx.catalog.findList(kind, SELF_OWNER, listId);
    return list ? sharedIn(tx, partnerId, list) : null;
  });
}

function productCsvRows(lines: Iterable<StoredLine>): Generator<string> {
  return storedLinesCsv(PRODUCT_CSV_COLUMNS, lines);
}

function accountingCsvRows(lines: Iterable<StoredLine>): Generator<string> {
  return storedLinesCsv(
    ACCOUNTING_COLUMNS.map(([key]) => key),
    lines,
  );
}

export function createCatalogRoutes(deps: ActDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  const kinds: Array<[ListKind, ListPages, typeof PRICE_COLUMNS, typeof priceCsvRows]> = [
    ['pricelist', PRICE_PAGES, PRICE_COLUMNS, priceCsvRows],
    ['catalog', PRODUCT_PAGES, PRODUCT_COLUMNS, productCsvRows],
    ['accounting', ACCOUNTING_PAGES, ACCOUNTING_COLUMNS, accountingCsvRows],
  ];
  for (const [kind, pages, columns, csvRows] of kinds) {
    const notFound = (c: Context<PortalEnv>) =>
      errorPage(c, 404, t('catalog.notFound', { noun: pages.noun }));

    app.get(pages.path, async (c) => {
      const lists = await sharedLists(deps.store, kind, c.var.viewer.partner.id);
      const ctx = pageCtx(c, deps.clock.now(), pages.section);
      return sendPage(c, <SharedListsPage ctx={ctx} pages={pages} lists={lists} />);
    });

    app.get(`${pages.path}/:id`, async (c) => {
      const shared = await sharedList(deps.store, kind, c.var.viewer.partner.id, c.req.param('id'));
      if (!shared) return notFound(c);
      const after = keyOf(afterTokenOf(c));
      const read = await deps.store.read((tx) =>
        tx.catalog.pageLines(shared.version.id, { limit: SHOWN_LINES + 1, after }),
      );
      const lines = read.slice(0, SHOWN_LINES);
      const next = read.length > SHOWN_LINES ? cursorOf(lines.at(-1)!) : null;
      const ctx = pageCtx(c, deps.clock.now(), pages.section);
      return sendPage(
        c,
        <SharedListPage
          ctx={ctx}
          pages={pages}
          shared={shared}
          lines={lines}
          columns={columns}
          firstPage={after === undefined}
          next={next}
        />,
      );
    });

    app.get(`${pages.path}/:id/export.csv`, async (c) => {
      const shared = await sharedList(deps.store, kind, c.var.viewer.partner.id, c.req.param('id'));
      if (!shared) return notFound(c);
      const lines = await deps.store.read((tx) => tx.catalog.readLines(shared.version.id));
      const name = `${shared.list.listId.replace(/[^\w.-]/g, '_')}-v${shared.version.version}.csv`;
      return c.body([...csvRows(lines)].join(''), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}"`,
      });
    });
  }
  return app;
}
