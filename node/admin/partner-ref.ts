/**
 * Partners named in a query or a body (`?partner=`, `to`, `partner`): a numeric id or a node id.
 * An unknown one is a 400 naming the field; in a path it is a 404 (see `findPartner`).
 */
import { getPartnerByRef } from '../partners/partner-ref.ts';
import type { Store } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { invalidField, partnerRefOf } from './fields.ts';

export { getPartnerByRef };

export async function partnerForField(
  store: Store,
  value: unknown,
  field: string,
): Promise<Partner> {
  const ref = partnerRefOf(value, field);
  const partner = await store.read((tx) => getPartnerByRef(tx, ref));
  if (!partner) throw invalidField(field, `no partner ${ref}`);
  return partner;
}
