/**
 * A partner's scorecard: the figures of the last twelve calendar months (UTC, this month
 * included) turned into what a channel manager reads: rates, averages and sums, the months for
 * the charts, and the relationship's latest events. Rates are null when nothing was there to
 * rate, never a misleading 0.
 */
import type { Store } from '../store/store.ts';
import type { MonthFigures, MoneySum, TimelineEvent } from '../store/scorecard-store.ts';

export const SCORECARD_MONTHS = 12;
export const TIMELINE_LENGTH = 20;

export interface PartnerScorecard {
  partner: number;
  since: string;
  until: string;
  leads: {
    offered: number;
    accepted: number;
    declined: number;
    expired: number;
    open: number;
    acceptanceRate: number | null;
    averageHoursToAccept: number | null;
    won: number;
    lost: number;
    winRate: number | null;
    pipeline: MoneySum[];
    wonValue: MoneySum[];
  };
  deals: { registered: number; byStatus: Record<string, number> };
  service: {
    requests: number;
    withDue: number;
    withinDue: number;
    slaCompliance: number | null;
    open: number;
  };
  warrantyClaims: { filed: number; byStatus: Record<string, number> };
  expenseClaims: { filed: number; byStatus: Record<string, number> };
  orders: { count: number; totals: MoneySum[] };
  messages: {
    delivered: number;
    pending: number;
    dead: number;
    averageDeliverySeconds: number | null;
  };
  months: MonthFigures[];
  timeline: Array<Omit<TimelineEvent, 'at'> & { at: string }>;
}

/** part / whole to four places, or null when there is no whole. */
const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
const average = (sum: number, n: number, unit: number) =>
  n > 0 ? Math.round((sum / n / unit) * 10) / 10 : null;
const total = (byStatus: Record<string, number>) =>
  Object.values(byStatus).reduce((a, b) => a + b, 0);

/** The first millisecond of the month `SCORECARD_MONTHS − 1` months before `now`'s. */
export function windowStart(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (SCORECARD_MONTHS - 1), 1);
}

export async function partnerScorecard(
  store: Store,
  partnerId: number,
  now: Date,
): Promise<PartnerScorecard> {
  const since = windowStart(now);
  const until = now.getTime() + 1;
  const [f, timeline] = await store.read(async (tx) => [
    await tx.scorecards.figures(partnerId, since, until),
    await tx.scorecards.timeline(partnerId, TIMELINE_LENGTH),
  ]);
  const l = f.leads;
  return {
    partner: partnerId,
    since: new Date(since).toISOString(),
    until: now.toISOString(),
    leads: {
      offered: l.offered,
      accepted: l.accepted,
      declined: l.declined,
      expired: l.expired,
      open: l.open,
      // Of the offers answered one way or another: an open offer is not yet a refusal.
      acceptanceRate: rate(l.accepted, l.offered - l.open),
      averageHoursToAccept: average(l.acceptMillis, l.accepted, 3_600_000),
      won: l.won,
      lost: l.lost,
      winRate: rate(l.won, l.won + l.lost),
      pipeline: l.pipeline,
      wonValue: l.wonValue,
    },
    deals: { registered: total(f.deals), byStatus: f.deals },
    service: { ...f.service, slaCompliance: rate(f.service.withinDue, f.service.withDue) },
    warrantyClaims: { filed: total(f.warrantyClaims), byStatus: f.warrantyClaims },
    expenseClaims: { filed: total(f.expenseClaims), byStatus: f.expenseClaims },
    orders: f.orders,
    messages: {
      delivered: f.messages.delivered,
      pending: f.messages.pending,
      dead: f.messages.dead,
      averageDeliverySeconds: average(f.messages.deliveryMillis, f.messages.delivered, 1000),
    },
    months: f.months,
    timeline: timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
