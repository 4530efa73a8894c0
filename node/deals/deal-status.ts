/** What each registration status allows, and the status a registration shows at a given time. */
import type { Deal, DealStatus } from '../store/deal-store.ts';

export const DEAL_STATUSES: readonly DealStatus[] = [
  'submitted',
  'returned',
  'approved',
  'rejected',
  'conflict',
  'expired',
  'withdrawn',
];

/**
 * Not yet decided for good: the partner may amend, the vendor may decide. `returned` counts: the
 * vendor asked for more, and the partner's claim stands while it answers.
 */
export const PENDING_STATUSES: readonly DealStatus[] = ['submitted', 'returned'];

export function isPending(status: DealStatus): boolean {
  return PENDING_STATUSES.includes(status);
}

/**
 * The status as of `now`: an approval whose protection window has ended shows `expired` even
 * before the expiry job has marked it, so both sides agree at any moment.
 */
export function effectiveStatus(deal: Pick<Deal, 'status' | 'protectedUntil'>, now: Date) {
  return deal.status === 'approved' &&
    deal.protectedUntil !== null &&
    deal.protectedUntil.getTime() <= now.getTime()
    ? 'expired'
    : deal.status;
}
