/**
 * Lines of a version as both sides see them. A line's key is (sku, minQty) for price lists
 * (quantity breaks: several lines per SKU with different minQty, absent minQty counting as 0)
 * and sku for products. The content hash is "sha-256=" + base64url(SHA-256(JCS(lines))) over
 * every line of the version sorted by sku (byte order; SKUs are printable ASCII), then by the
 * decimal value of minQty; `qtyKey` encodes that value so that text order is numeric order.
 */
import { createHash } from 'node:crypto';
import type { StoredLine } from '../store/catalog-store.ts';

/** Integer digits a decimal may have (defs.schema.json bounds a decimal to 40 characters). */
const INT_DIGITS = 40;

/**
 * The sortable form of a non-negative decimal string: the integer part left-padded to 40 digits,
 * then the fraction without trailing zeros. "10" → "0…010", "0.50" → "0…0.5".
 */
const ZERO_KEY = '0'.repeat(INT_DIGITS);

export function qtyKeyOf(minQty: string | undefined): string {
  // Most lines have no quantity break: one shared string, not a new one per line.
  if (minQty === undefined) return ZERO_KEY;
  const [int = '0', frac = ''] = minQty.split('.');
  const digits = int.replace(/^0+/, '');
  const fraction = frac.replace(/0+$/, '');
  return digits.padStart(INT_DIGITS, '0') + (fraction === '' ? '' : `.${fraction}`);
}

/**
 * RFC 8785 (JCS) for a flat object of strings, the shape of every line and product: keys sorted
 * by code unit, strings serialized as JSON.stringify does (JCS uses the same escapes). A replacer
 * array makes JSON.stringify write exactly those keys in that order, natively (this runs once per
 * line of every version stored or received).
 */
export function canonicalFlat(value: Readonly<Record<string, string>>): string {
  // Lines mostly come with their keys in order already (a received line was written canonical by
  // its sender; the CSV import builds them so): then the plain, much faster serialisation is it.
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! >= keys[i]!) return JSON.stringify(value, keys.sort());
  }
  return JSON.stringify(value);
}

/** Key of a line for duplicate checks: sku and qtyKey joined by a character no SKU has. */
export const lineKey = (line: Pick<StoredLine, 'sku' | 'qtyKey'>): string =>
  `${line.sku}\n${line.qtyKey}`;

/** The content hash of lines already in key order. */
export function hashSortedLines(lines: Iterable<Pick<StoredLine, 'line'>>): string {
  const hash = createHash('sha256');
  // Fed a few hundred lines at a time: one call into the hash per line cost more than hashing.
  let chunk = '[';
  let count = 0;
  for (const l of lines) {
    chunk += count === 0 ? l.line : `,${l.line}`;
    if (++count % 256 === 0) {
      hash.update(chunk, 'utf8');
      chunk = '';
    }
  }
  hash.update(`${chunk}]`, 'utf8');
  return `sha-256=${hash.digest('base64url')}`;
}

/** Orders stored lines by key, as the hash and the store do. */
export function compareLines(a: StoredLine, b: StoredLine): number {
  return compareKeys(a.sku, a.qtyKey, b.sku, b.qtyKey);
}

/** Orders keys (sku, qtyKey) as compareLines orders the lines that have them. */
export function compareKeys(skuA: string, qtyA: string, skuB: string, qtyB: string): number {
  if (skuA !== skuB) return skuA < skuB ? -1 : 1;
  if (qtyA !== qtyB) return qtyA < qtyB ? -1 : 1;
  return 0;
}
