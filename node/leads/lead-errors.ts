/** The leads domain's admin errors: stable codes, one place. */
import { AppError, conflict, notFound } from '../errors.ts';
import { OFFER_REFUSALS, type OfferRefusal } from './offer-flow.ts';

/** Codes this domain adds to the admin API (all 409 but `not_found`). */
export const LEAD_CONFLICT_CODES = [
  'lead_exists',
  'lead_closed',
  'lead_taken',
  'already_offered',
  'offered_before',
  'partner_declined',
  'no_live_offer',
  'offer_expired',
  'not_accepted',
  'already_accepted',
  'ambiguous_lead',
] as const;

export const leadNotFound = (id: string) => notFound(`lead ${id}`);

export function refusalError(refusal: OfferRefusal, partnerLabel: string): AppError {
  const message = `${partnerLabel}: ${OFFER_REFUSALS[refusal]}`;
  // cannot_answer is about the partner named in the input, not the lead's state.
  if (refusal === 'cannot_answer') {
    return new AppError(400, 'invalid_field', message, { field: 'partners' });
  }
  return conflict(refusal, message);
}
