/** What both engines' scorecard repos share: exact money sums per currency and the window's months. */
import { sumExact } from '../../records/decimal-string.ts';
import type { MoneySum } from '../scorecard-store.ts';

/** Money rows summed per currency, currencies in alphabetical order. */
export function sumsByCurrency(
  rows: Array<{ currency: string | null; amount: string | null }>,
): MoneySum[] {
  const by = new Map<string, string[]>();
  for (const r of rows) {
    if (r.currency === null || r.amount === null) continue;
    by.set(r.currency, [...(by.get(r.currency) ?? []), r.amount]);
  }
  return [...by.keys()].sort().map((currency) => ({
    currency,
    amount: sumExact(by.get(currency)!),
  }));
}

/** The months from `since` up to `until`, each YYYY-MM. */
export function monthsBetween(since: number, until: number): string[] {
  const out: string[] = [];
  const d = new Date(since);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  for (;;) {
    const start = Date.UTC(y, m, 1);
    if (start >= until) break;
    out.push(`${y}-${String(m + 1).padStart(2, '0')}`);
    m += 1;
    if (m === 12) [y, m] = [y + 1, 0];
  }
  return out;
}
