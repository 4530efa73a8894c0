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

/** Digits after the point: "12.50" has 2. Decimal strings here never use exponents. */
export function scaleOf(value: string): number {
  const point = value.indexOf('.');
  return point < 0 ? 0 : value.length - point - 1;
}

/**
 * Money arithmetic that keeps the scale, as SQL NUMERIC does: 12 × 42.00 is "504.00" (the scales
 * add), 504.00 + 19.9 is "523.90" (the greater scale). Exact, never rounded, and the same string
 * on both nodes, so that a total reads as the currency amount a person expects.
 */
export function multiplyExact(a: string, b: string): string {
  return new Decimal(a).times(b).toFixed(scaleOf(a) + scaleOf(b));
}

/** Sums keeping the greatest scale of the values; "0" for none. */
export function sumExact(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map(scaleOf));
  return values.reduce((sum, v) => sum.plus(v), new Decimal(0)).toFixed(scale);
}

/** Subtracts keeping the greater scale of the two. */
export function subtractExact(a: string, b: string): string {
  return new Decimal(a).minus(b).toFixed(Math.max(scaleOf(a), scaleOf(b)));
}

/**
 * How money and quantities are written on the wire (the schemas' decimal): no sign, no exponent,
 * no leading zeros, at most 40 characters. "12.50" and "0" are; "-1", "1e3", "01" and "" are not.
 */
export const DECIMAL_PATTERN = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
export const MAX_DECIMAL_LENGTH = 40;

/** Whether `value` is a decimal string as the wire writes one (see {@link DECIMAL_PATTERN}). */
export function isDecimalString(value: unknown): boolean {
  return (
    typeof value === 'string' && value.length <= MAX_DECIMAL_LENGTH && DECIMAL_PATTERN.test(value)
  );
}
