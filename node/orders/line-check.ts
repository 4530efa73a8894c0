/**
 * The seller's check of an order's lines against the version of its price list the order names:
 * each SKU must be in the version, the quantity must be more than zero and have a price (a
 * quantity break at or below it), and the unit price must equal that price (as numbers: "42.0"
 * and "42.00" are equal). Line numbers must be unique. Pure: the caller reads the version's lines.
 */
import { pickBreak } from '../catalog/price-lookup.ts';
import { compareDecimals, Decimal } from '../records/decimal-string.ts';
import type { StoredLine } from '../store/catalog-store.ts';
import type { OrderLine, ResponseLine } from '../store/order-store.ts';

/** Stable codes of a failing line, carried in RE's lines. */
export const LINE_CODES = [
  'unknown_sku',
  'no_price_for_qty',
  'price_mismatch',
  'duplicate_line',
  'zero_qty',
] as const;
export type LineCode = (typeof LINE_CODES)[number];

/** The price the version gives a quantity: standardPrice when the line has one, else listPrice. */
export function priceFor(stored: readonly StoredLine[], qty: string): string | null {
  const line = pickBreak(stored, qty);
  return line ? (line.standardPrice ?? line.listPrice) : null;
}

/** The failing lines, each with its code and a reason naming it; empty when all lines pass. */
export function checkLines(
  lines: readonly OrderLine[],
  versionLines: ReadonlyMap<string, readonly StoredLine[]>,
): ResponseLine[] {
  const failures: ResponseLine[] = [];
  const seen = new Set<number>();
  const fail = (line: OrderLine, code: LineCode, reason: string) =>
    failures.push({ ...line, code, reason: `line ${line.line} (${line.sku}): ${reason}` });
  for (const line of lines) {
    if (seen.has(line.line)) {
      fail(line, 'duplicate_line', 'the line number is used twice');
      continue;
    }
    seen.add(line.line);
    if (new Decimal(line.qty).isZero()) {
      fail(line, 'zero_qty', 'the quantity is 0');
      continue;
    }
    const stored = versionLines.get(line.sku) ?? [];
    if (stored.length === 0) {
      fail(line, 'unknown_sku', 'the SKU is not in the price list version');
      continue;
    }
    const price = priceFor(stored, line.qty);
    if (price === null) {
      fail(line, 'no_price_for_qty', `no price for a quantity of ${line.qty}`);
      continue;
    }
    if (compareDecimals(price, line.unitPrice) !== 0) {
      fail(line, 'price_mismatch', `the price for ${line.qty} is ${price}, not ${line.unitPrice}`);
    }
  }
  return failures;
}

/** The reason text of an RE for failing lines: each failing line named, cut to the wire's 500. */
export function failureReason(failures: readonly ResponseLine[]): string {
  const text = failures.map((f) => f.reason ?? `line ${f.line}`).join('; ');
  return text.length <= 500 ? text : `${text.slice(0, 497)}...`;
}
