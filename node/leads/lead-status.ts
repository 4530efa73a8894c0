/** Where an owned lead stands, derived from its offers rather than stored beside them. */
import type { LeadOffer, OwnedLead, OwnedLeadStatus, ReceivedStatus } from '../store/lead-store.ts';

export type { OwnedLeadStatus };

export const OWNED_LEAD_STATUSES: readonly OwnedLeadStatus[] = [
  'new',
  'offered',
  'accepted',
  'won',
  'lost',
  'unassigned',
  'withdrawn',
];

/** Live offers: the partner may still accept it, or works it now. */
export const isLive = (o: Pick<LeadOffer, 'status'>): boolean =>
  o.status === 'open' || o.status === 'accepted';

/** The same rules in SQL: node/store/rows/owned-lead-status-sql.ts (keep the two alike). */
export function ownedLeadStatus(
  lead: Pick<OwnedLead, 'withdrawnAt'>,
  offers: readonly LeadOffer[],
): OwnedLeadStatus {
  if (lead.withdrawnAt) return 'withdrawn';
  if (offers.some((o) => o.progress.stage === 'won')) return 'won';
  const accepted = offers.filter((o) => o.status === 'accepted');
  if (accepted.some((o) => o.progress.stage !== 'lost')) return 'accepted';
  if (offers.some((o) => o.status === 'open')) return 'offered';
  if (accepted.length > 0) return 'lost';
  return offers.length === 0 ? 'new' : 'unassigned';
}

/** An accepted exclusive offer gives the lead to one partner: no further offers. */
export function takenBy(offers: readonly LeadOffer[]): LeadOffer | undefined {
  return offers.find((o) => o.status === 'accepted' && o.exclusive);
}

export const RECEIVED_STATUSES: readonly ReceivedStatus[] = [
  'offered',
  'accepted',
  'declined',
  'recalled',
  'withdrawn',
];
