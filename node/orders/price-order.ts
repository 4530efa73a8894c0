/**
 * Pricing an order against a price list: the one function every place that builds an order.place
 * uses (the buyer's API, the portal's order form and its replenishment orders), so they all price
 * the way the seller checks (line-check.ts): the version in effect at the order date, and in it
 * the line of each SKU for the quantity (quantity breaks), the standard price when it has one.
 * Every failing line is reported, so a form can show them all at once.
 */
import type { CatalogList, CatalogVersion } from '../store/catalog-store.ts';
import type { OrderLine } from '../store/order-store.ts';
import type { StoreTx } from '../store/store.ts';
import { priceFor } from './line-check.ts';

export interface LineToPrice {
  sku: string;
  qty: string;
  /** A price the buyer gives is kept as is; the seller checks it. */
  unitPrice?: string;
  /** Accounting codes, carried to the order line as given. */
  uom?: string;
  taxCategory?: string;
}

export interface UnpricedLine {
  /** The line's index in the input. */
  index: number;
  sku: string;
  qty: string;
  code: 'unknown_sku' | 'no_price_for_qty';
}

export type PriceOrderResult =
  | { ok: true; version: CatalogVersion; currency: string; lines: OrderLine[] }
  | { ok: false; code: 'no_version_in_effect' }
  | { ok: false; code: 'no_currency' }
  | { ok: false; code: 'lines'; version: CatalogVersion; lines: UnpricedLine[] };

/** The lines numbered from 1 and priced from the version of `list` in effect at `at`. */
export async function priceOrder(
  tx: StoreTx,
  list: CatalogList,
  at: Date,
  input: readonly LineToPrice[],
): Promise<PriceOrderResult> {
  const version = await tx.catalog.versionInEffect(list.id, at.getTime());
  if (!version) return { ok: false, code: 'no_version_in_effect' };
  const currency = version.currency ?? list.currency;
  if (currency === null) return { ok: false, code: 'no_currency' };
  const lines: OrderLine[] = [];
  const unpriced: UnpricedLine[] = [];
  for (const [index, line] of input.entries()) {
    const stored = await tx.catalog.linesForSku(version.id, line.sku);
    const unitPrice = stored.length === 0 ? null : (line.unitPrice ?? priceFor(stored, line.qty));
    if (unitPrice === null) {
      const code = stored.length === 0 ? 'unknown_sku' : 'no_price_for_qty';
      unpriced.push({ index, sku: line.sku, qty: line.qty, code });
      continue;
    }
    lines.push({
      line: index + 1,
      sku: line.sku,
      qty: line.qty,
      unitPrice,
      ...(line.uom !== undefined && { uom: line.uom }),
      ...(line.taxCategory !== undefined && { taxCategory: line.taxCategory }),
    });
  }
  if (unpriced.length > 0) return { ok: false, code: 'lines', version, lines: unpriced };
  return { ok: true, version, currency, lines };
}
