/**
 * Money and quantities travel and are stored as decimal strings; arithmetic on them goes through
 * decimal.js, never through JavaScript numbers.
 */
import { Decimal as BaseDecimal } from 'decimal.js';

/** decimal.js rounds to 20 significant digits by default; money sums must never round. */
export const Decimal = BaseDecimal.clone({ precision: 100 });

/** Sums decimal strings exactly; "0" for none. */
export function sumDecimals(values: readonly string[]): string {
  return values.reduce((sum, v) => sum.plus(v), new Decimal(0)).toFixed();
}

/** Compares two decimal strings: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  return new Decimal(a).comparedTo(b);
}
