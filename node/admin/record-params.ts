/**
 * What the record routes (service, warranty, funds, expenses, orders, receivables, lists) resolve
 * the same way from a declared operation's parameters: the partner filter, the `{id}` reference,
 * partner names.
 */
import type { Store } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { partnerForField } from './partner-ref.ts';

/** Who made a record: this node (`self`) or the partner. */
export const RECORD_OWNERS = ['self', 'partner'] as const;

export { partnersById, partnersNamed } from '../partners/partners-by-id.ts';

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
