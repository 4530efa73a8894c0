/** Shared bits of the funds routes: the `:id` reference, filters, partner names. */
import type { Context } from 'hono';
import { notFound } from '../../errors.ts';
import type { RecordRef } from '../../funds/find-record.ts';
import type { Store } from '../../store/store.ts';
import type { Partner } from '../../store/types.ts';
import { invalidField, queryValue } from '../fields.ts';
import { partnerForField } from '../partner-ref.ts';

/**
 * A record named in the path: this node's number for it, or its wire id; `?partner=` narrows a
 * wire id that two partners happen to share.
 */
export async function recordRef(store: Store, c: Context, what: string): Promise<RecordRef> {
  const ref = c.req.param('id') ?? '';
  if (ref === '' || ref.length > 200) throw notFound(`${what} ${ref}`);
  const partner = await optionalPartner(store, c);
  return partner ? { ref, partner } : { ref };
}

export async function optionalPartner(store: Store, c: Context): Promise<Partner | undefined> {
  const ref = queryValue(c, 'partner');
  return ref === undefined ? undefined : partnerForField(store, ref, 'partner');
}

export function queryEnum<T extends string>(
  c: Context,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = queryValue(c, name);
  if (value !== undefined && !(values as readonly string[]).includes(value)) {
    throw invalidField(name, `${name} must be one of ${values.join(', ')}`);
  }
  return value as T | undefined;
}

export async function partnersById(store: Store): Promise<Map<number, Partner>> {
  return store.read(async (tx) => new Map((await tx.partners.list()).map((p) => [p.id, p])));
}
