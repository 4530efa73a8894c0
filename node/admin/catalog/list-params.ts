/** Shared bits of the catalog and price list routes: the `:ref` of a list, its owner, partners. */
import type { Context } from 'hono';
import { findList } from '../../catalog/find-list.ts';
import type { ListKindSpec } from '../../catalog/list-kinds.ts';
import { notFound } from '../../errors.ts';
import type { CatalogList } from '../../store/catalog-store.ts';
import type { Store } from '../../store/store.ts';
import type { Partner } from '../../store/types.ts';
import { invalidField, queryValue } from '../fields.ts';

/** The list named in the path (number or wire id), narrowed by `?owner=` (self or a partner). */
export async function listOf(store: Store, spec: ListKindSpec, c: Context): Promise<CatalogList> {
  const ref = c.req.param('ref') ?? '';
  if (ref === '' || ref.length > 200) throw notFound(spec.label);
  const owner = queryValue(c, 'owner');
  return store.read((tx) => findList(tx, spec, owner === undefined ? { ref } : { ref, owner }));
}

export async function partnersById(store: Store): Promise<Map<number, Partner>> {
  return store.read(async (tx) => new Map((await tx.partners.list()).map((p) => [p.id, p])));
}

export function queryBoolean(c: Context, name: string): boolean | undefined {
  const value = queryValue(c, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw invalidField(name, `${name} must be true or false`);
  }
  return value === 'true';
}

export function queryPositiveInt(c: Context, name: string): number | undefined {
  const raw = queryValue(c, name);
  if (raw === undefined) return undefined;
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw invalidField(name, `${name} must be a positive integer`);
  }
  return value;
}
