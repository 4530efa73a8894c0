/**
 * The deal domain's settings, kept in the node's database (deal_settings) so the operator changes
 * them through the admin API or CLI without a restart.
 */
import type { DealSettings } from '../store/deal-store.ts';
import type { StoreTx } from '../store/store.ts';

export const DAY_MS = 24 * 3600_000;

/** Siebel's and most vendors' usual protection window for an approved registration. */
export const DEFAULT_DEAL_SETTINGS: Readonly<DealSettings> = Object.freeze({ protectionDays: 90 });

/** Bounds of a protection window in days: at least one day, at most ten years. */
export const PROTECTION_DAYS = { min: 1, max: 3650 } as const;

export async function readDealSettings(tx: StoreTx): Promise<DealSettings> {
  return { ...DEFAULT_DEAL_SETTINGS, ...(await tx.deals.settings()) };
}

/** The end of a protection window of `days` days starting at `now`. */
export function protectionEnd(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}
