/** Shared bits of the catalog and price list routes: the `{ref}` of a list, its owner, partners. */
import { findList } from '../../catalog/find-list.ts';
import type { ListKindSpec } from '../../catalog/list-kinds.ts';
import type { CatalogList } from '../../store/catalog-store.ts';
import type { Store } from '../../store/store.ts';
import { invalidField } from '../fields.ts';

/** The list named in the path (number or wire id), narrowed by `?owner=` (self or a partner). */
export async function listOf(
  store: Store,
  spec: ListKindSpec,
  where: { ref: string; owner?: string | undefined },
): Promise<CatalogList> {
  const { ref, owner } = where;
  return store.read((tx) => findList(tx, spec, owner === undefined ? { ref } : { ref, owner }));
}

/** The list finder of one kind: `{ref}` from the path, `?owner=` from the query. */
export const listFinder =
  (store: Store, spec: ListKindSpec) =>
  (param: { ref: string }, query: { owner?: string | undefined }) =>
    listOf(store, spec, { ref: param.ref, owner: query.owner });

/** A page cursor of lines in key order: the last line's SKU and quantity key. */
export function lineCursor(last: { sku: string; qtyKey: string } | null | undefined) {
  return last ? Buffer.from(JSON.stringify([last.sku, last.qtyKey])).toString('base64url') : null;
}

export function cursorOf(after: string): { sku: string; qtyKey: string } {
  try {
    const [sku, qtyKey] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    if (typeof sku === 'string' && typeof qtyKey === 'string') return { sku, qtyKey };
  } catch {
    // fall through
  }
  throw invalidField('after', 'after must be a nextCursor from a previous page');
}
