/**
 * Partner performance on the leads we offered, as pure functions over offer facts: counts,
 * median time to accept, won deals summed per currency, and the "black hole" report of accepted
 * leads nobody reports on.
 */
import { Decimal } from '../records/decimal-string.ts';

/**
 * Sums of many amounts of up to 40 characters each: decimal.js rounds to 20 significant digits
 * by default, which would cut cents off large totals, so sums get room for every digit.
 */
const Exact = Decimal.clone({ precision: 100 });
import type { LeadStage, OfferFact } from '../store/lead-store.ts';

/** ISO 4217's code for "no currency": a won amount on a lead that named none. */
export const NO_CURRENCY = 'XXX';

const DAY_MS = 86_400_000;

export interface PartnerTracking {
  partnerId: number;
  offersReceived: number;
  open: number;
  accepted: number;
  declined: number;
  expired: number;
  /** Median time from offer to acceptance; null when nothing was accepted. */
  medianTimeToAcceptMs: number | null;
  won: number;
  lost: number;
  /** Sum of won amounts per currency, as decimal strings. */
  wonAmount: Record<string, string>;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function trackingByPartner(facts: readonly OfferFact[]): PartnerTracking[] {
  const byPartner = new Map<number, OfferFact[]>();
  for (const fact of facts) {
    const list = byPartner.get(fact.partnerId) ?? [];
    list.push(fact);
    byPartner.set(fact.partnerId, list);
  }
  return [...byPartner.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partnerId, offers]) => partnerTracking(partnerId, offers));
}

function partnerTracking(partnerId: number, offers: readonly OfferFact[]): PartnerTracking {
  const accepted = offers.filter((o) => o.acceptedAt !== null);
  const won = offers.filter((o) => o.progress.stage === 'won');
  const sums = new Map<string, { sum: InstanceType<typeof Exact>; places: number }>();
  for (const o of won) {
    if (o.progress.amount === null) continue;
    const currency = o.progress.amountCurrency ?? o.leadCurrency ?? NO_CURRENCY;
    const amount = new Exact(o.progress.amount);
    const prior = sums.get(currency) ?? { sum: new Exact(0), places: 0 };
    // Keep the scale the amounts were given in: 100.50 + 20.25 is "120.75", 1.50 is "1.50".
    sums.set(currency, {
      sum: prior.sum.plus(amount),
      places: Math.max(prior.places, (o.progress.amount.split('.')[1] ?? '').length),
    });
  }
  return {
    partnerId,
    offersReceived: offers.length,
    open: offers.filter((o) => o.status === 'open').length,
    accepted: accepted.length,
    declined: offers.filter((o) => o.status === 'declined').length,
    expired: offers.filter((o) => o.status === 'expired').length,
    medianTimeToAcceptMs: median(
      accepted.map((o) => o.acceptedAt!.getTime() - o.offeredAt.getTime()),
    ),
    won: won.length,
    lost: offers.filter((o) => o.progress.stage === 'lost').length,
    wonAmount: Object.fromEntries(
      [...sums.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, { sum, places }]) => [currency, sum.toFixed(places)]),
    ),
  };
}

export interface BlackHole {
  leadId: string;
  partnerId: number;
  acceptedAt: Date;
  /** When the partner last reported progress; null when it never did. */
  lastProgressAt: Date | null;
  stage: LeadStage | null;
  /** Whole days since acceptance or the last progress, whichever is later. */
  silentDays: number;
}

const CLOSED_STAGES: ReadonlySet<LeadStage | null> = new Set(['won', 'lost']);

/**
 * Accepted leads still being worked (not won, lost or withdrawn) that heard nothing from the
 * partner for at least `days` days. Silence counts from when we last heard: the acceptance or
 * the last progress received (not the partner's own `lastActivityAt`, which it may set freely).
 * Longest silence first.
 */
export function blackHoles(facts: readonly OfferFact[], now: Date, days: number): BlackHole[] {
  const threshold = days * DAY_MS;
  const holes: BlackHole[] = [];
  for (const o of facts) {
    if (o.status !== 'accepted' || o.leadWithdrawn || o.acceptedAt === null) continue;
    if (CLOSED_STAGES.has(o.progress.stage)) continue;
    const last = Math.max(o.acceptedAt.getTime(), o.progressAt?.getTime() ?? 0);
    const silence = now.getTime() - last;
    if (silence < threshold) continue;
    holes.push({
      leadId: o.leadId,
      partnerId: o.partnerId,
      acceptedAt: o.acceptedAt,
      lastProgressAt: o.progressAt,
      stage: o.progress.stage,
      silentDays: Math.floor(silence / DAY_MS),
    });
  }
  return holes.sort((a, b) => b.silentDays - a.silentDays || a.leadId.localeCompare(b.leadId));
}
