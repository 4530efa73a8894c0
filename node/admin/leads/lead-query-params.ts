/** Partners named in the leads operations' queries and bodies, and an offer's expiry. */
import type { Store } from '../../store/store.ts';
import type { Partner } from '../../store/types.ts';
import { invalidField } from '../fields.ts';
import { partnerForField } from '../partner-ref.ts';
import { MAX_OFFER_HOURS, DEFAULT_OFFER_HOURS } from '../../leads/offer-flow.ts';

export { DEFAULT_BLACK_HOLE_DAYS, DEFAULT_LEAD_PAGE } from './lead-operations.ts';

/** A partner filter (`?partner=`, `?owner=`) as a partner id; an unknown one is a 400. */
export async function queryPartner(store: Store, ref: string | undefined, name: string) {
  return ref === undefined ? undefined : (await partnerForField(store, ref, name)).id;
}

/** `partners`: partner references, each resolved (an unknown one is a 400), once each. */
export async function partnersField(
  store: Store,
  value: ReadonlyArray<string | number>,
): Promise<Partner[]> {
  const partners = new Map<number, Partner>();
  for (const ref of value) {
    const partner = await partnerForField(store, ref, 'partners');
    partners.set(partner.id, partner);
  }
  return [...partners.values()];
}

/** `offerHours` (default 72) or an explicit `offerExpiresAt`, in the future, at most 90 days out. */
export function offerExpiryField(
  body: { offerHours?: number | undefined; offerExpiresAt?: string | undefined },
  now: Date,
): Date {
  if (body.offerHours !== undefined && body.offerExpiresAt !== undefined) {
    throw invalidField('offerExpiresAt', 'give offerHours or offerExpiresAt, not both');
  }
  if (body.offerExpiresAt !== undefined) {
    const raw = body.offerExpiresAt;
    const at = raw.length <= 40 ? new Date(raw) : new Date(NaN);
    const max = now.getTime() + MAX_OFFER_HOURS * 3_600_000;
    if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime() || at.getTime() > max) {
      throw invalidField(
        'offerExpiresAt',
        `offerExpiresAt must be a date-time in the next ${MAX_OFFER_HOURS} hours`,
      );
    }
    return at;
  }
  const hours = body.offerHours ?? DEFAULT_OFFER_HOURS;
  if (!Number.isSafeInteger(hours) || hours < 1 || hours > MAX_OFFER_HOURS) {
    throw invalidField('offerHours', `offerHours must be an integer from 1 to ${MAX_OFFER_HOURS}`);
  }
  return new Date(now.getTime() + hours * 3_600_000);
}
