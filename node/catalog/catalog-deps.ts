/** What the catalog domain's operations need of the node, and the errors they share. */
import type { NodeDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { CatalogList } from '../store/catalog-store.ts';
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { ListKindSpec } from './list-kinds.ts';

export type CatalogDeps = Pick<
  NodeDeps,
  'store' | 'clock' | 'nodeId' | 'schemas' | 'notifyOutbox' | 'log'
>;

/** A change to a list this node holds as a partner's read-only copy. */
export function notOwner(spec: ListKindSpec, list: CatalogList): AppError {
  return new AppError(
    403,
    'not_owner',
    `${spec.label} ${list.listId} is a read-only copy owned by a partner; only its owner changes it`,
  );
}

export function assertOwn(spec: ListKindSpec, list: CatalogList): void {
  if (list.ownerPartnerId !== SELF_OWNER) throw notOwner(spec, list);
}
