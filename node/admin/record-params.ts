/**
 * What the record routes (service, warranty, funds, expenses, orders, receivables) read from a
 * request the same way: the `:id` reference, enum and boolean filters, partner names.
 */
import type { Context } from 'hono';
import { notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { invalidField, queryValue } from './fields.ts';
import { partnerForField } from './partner-ref.ts';

/** Who made a record: this node (`self`) or the partner. */
export const RECORD_OWNERS = ['self', 'partner'] as const;

/**
 * A record named in the path: this node's number for it, or the opener's wire id; `?partner=`
 * narrows a wire id that two partners happen to share.
 */
export async function recordRef(
  store: Store,
  c: Context,
  what: string,
): Promise<{ ref: string; partner?: Partner }> {
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

export function queryBoolean(c: Context, name: string): boolean | undefined {
  const value = queryValue(c, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false')
    throw invalidField(name, `${name} must be true or false`);
  return value === 'true';
}

export async function partnersById(store: Store): Promise<Map<number, Partner>> {
  return store.read(async (tx) => new Map((await tx.partners.list()).map((p) => [p.id, p])));
}

/** The partner a declared operation's query names (`?partner=`), resolved; unknown is a 400. */
export async function queryPartner(
  store: Store,
  ref: string | undefined,
): Promise<Partner | undefined> {
  return ref === undefined ? undefined : partnerForField(store, ref, 'partner');
}

/** A declared operation's `{id}` with its `?partner=`: a record's number or its wire id. */
export async function queryRecordRef(
  store: Store,
  ref: string,
  query: { partner?: string | undefined },
): Promise<{ ref: string; partner?: Partner }> {
  const partner = await queryPartner(store, query.partner);
  return partner ? { ref, partner } : { ref };
}
