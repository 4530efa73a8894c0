/** Query parameters and body fields the leads admin routes share. */
import type { Context } from 'hono';
import type { Store } from '../../store/store.ts';
import type { Partner } from '../../store/types.ts';
import { invalidField, queryValue } from '../fields.ts';
import { partnerForField } from '../partner-ref.ts';
import { MAX_OFFER_HOURS, DEFAULT_OFFER_HOURS } from '../../leads/offer-flow.ts';
import { MAX_LEAD_PAGE } from '../../leads/lead-queries.ts';

export const DEFAULT_LEAD_PAGE = 50;
export const DEFAULT_BLACK_HOLE_DAYS = 14;

function queryInt(c: Context, name: string, min: number, max: number): number | undefined {
  const raw = queryValue(c, name);
  if (raw === undefined) return undefined;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    throw invalidField(name, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function leadPage(c: Context): { limit: number; offset: number } {
  return {
    limit: queryInt(c, 'limit', 1, MAX_LEAD_PAGE) ?? DEFAULT_LEAD_PAGE,
    offset: queryInt(c, 'offset', 0, 1_000_000) ?? 0,
  };
}

export function blackHoleDays(c: Context): number {
  return queryInt(c, 'days', 1, 3650) ?? DEFAULT_BLACK_HOLE_DAYS;
}

export function queryEnum<T extends string>(
  c: Context,
  name: string,
  values: readonly T[],
): T | undefined {
  const raw = queryValue(c, name);
  if (raw === undefined) return undefined;
  if (!(values as readonly string[]).includes(raw)) {
    throw invalidField(name, `${name} must be one of ${values.join(', ')}`);
  }
  return raw as T;
}

export async function queryPartner(store: Store, c: Context, name: string) {
  const ref = queryValue(c, name);
  return ref === undefined ? undefined : (await partnerForField(store, ref, name)).id;
}

/** `partners`: one to 50 partner references, each resolved (an unknown one is a 400). */
export async function partnersField(store: Store, value: unknown): Promise<Partner[]> {
  if (!Array.isArray(value) || value.length < 1 || value.length > 50) {
    throw invalidField('partners', 'partners must be a list of 1 to 50 partner ids or node ids');
  }
  const partners = new Map<number, Partner>();
  for (const ref of value) {
    const partner = await partnerForField(store, ref, 'partners');
    partners.set(partner.id, partner);
  }
  return [...partners.values()];
}

/** `offerHours` (default 72) or an explicit `offerExpiresAt`, in the future, at most 90 days out. */
export function offerExpiryField(body: Record<string, unknown>, now: Date): Date {
  if (body.offerHours !== undefined && body.offerExpiresAt !== undefined) {
    throw invalidField('offerExpiresAt', 'give offerHours or offerExpiresAt, not both');
  }
  if (body.offerExpiresAt !== undefined) {
    const raw = body.offerExpiresAt;
    const at = typeof raw === 'string' && raw.length <= 40 ? new Date(raw) : new Date(NaN);
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
  if (
    !Number.isSafeInteger(hours) ||
    (hours as number) < 1 ||
    (hours as number) > MAX_OFFER_HOURS
  ) {
    throw invalidField('offerHours', `offerHours must be an integer from 1 to ${MAX_OFFER_HOURS}`);
  }
  return new Date(now.getTime() + (hours as number) * 3_600_000);
}
