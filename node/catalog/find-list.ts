/**
 * Naming a list in the admin API and the CLI: this node's number for it, or its wire id. Wire ids
 * are scoped by owner, so one id may name this node's list and partners' lists; `owner` (self,
 * or a partner's number or node id) then says which.
 */
import { AppError, notFound } from '../errors.ts';
import type { StoreTx } from '../store/store.ts';
import type { CatalogList } from '../store/catalog-store.ts';
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { ListKindSpec } from './list-kinds.ts';

export interface ListRef {
  ref: string;
  /** self, or a partner's id or node id. */
  owner?: string;
}

export async function findList(
  tx: StoreTx,
  spec: ListKindSpec,
  target: ListRef,
): Promise<CatalogList> {
  const ownerId = target.owner === undefined ? undefined : await ownerIdOf(tx, target.owner);
  if (/^\d{1,15}$/.test(target.ref)) {
    const byRow = await tx.catalog.getList(Number(target.ref));
    if (
      byRow &&
      byRow.kind === spec.kind &&
      (ownerId === undefined || byRow.ownerPartnerId === ownerId)
    ) {
      return byRow;
    }
  }
  const lists = (await tx.catalog.listsById(spec.kind, target.ref)).filter(
    (l) => ownerId === undefined || l.ownerPartnerId === ownerId,
  );
  if (lists.length === 0) throw notFound(spec.label);
  if (lists.length > 1) {
    throw new AppError(
      400,
      'invalid_field',
      `several ${spec.label}s have the id ${target.ref}; say whose with owner (self or a partner)`,
      { field: 'owner' },
    );
  }
  return lists[0]!;
}

async function ownerIdOf(tx: StoreTx, owner: string): Promise<number> {
  if (owner === 'self') return SELF_OWNER;
  const partner = /^\d+$/.test(owner)
    ? await tx.partners.getById(Number(owner))
    : await tx.partners.getByNodeId(owner);
  if (!partner) throw new AppError(400, 'invalid_field', `no partner ${owner}`, { field: 'owner' });
  return partner.id;
}
