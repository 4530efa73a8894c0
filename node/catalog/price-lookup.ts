/**
 * The price of a SKU for a quantity at a moment: the version of the list in effect then (the
 * applied one with the highest version number whose validity covers it), and within it the line
 * of that SKU with the greatest minQty not above the quantity (quantity breaks; absent minQty
 * counts as 0). `unitPrice` is the standard price when the line has one, else the list price;
 * `amount` is unitPrice × qty, exactly (decimal strings, never floating point).
 */
import { AppError } from '../errors.ts';
import { Decimal } from '../records/decimal-string.ts';
import type { CatalogList, StoredLine } from '../store/catalog-store.ts';
import type { Store } from '../store/store.ts';

// A type alias (not an interface) so that it is a WireLine: a flat record of strings.
export type PriceLine = {
  sku: string;
  listPrice: string;
  standardPrice?: string;
  limitPrice?: string;
  minQty?: string;
};

export interface PriceQuote {
  sku: string;
  qty: string;
  at: string;
  version: number;
  currency: string | null;
  validFrom: string | null;
  validTo: string | null;
  minQty: string;
  listPrice: string;
  standardPrice: string | null;
  limitPrice: string | null;
  unitPrice: string;
  amount: string;
}

const noPrice = (message: string) => new AppError(404, 'no_price', message);

/** The line of a quantity: the greatest minQty not above qty, among lines of one SKU. */
export function pickBreak(lines: readonly StoredLine[], qty: string): PriceLine | null {
  let best: { line: PriceLine; min: InstanceType<typeof Decimal> } | null = null;
  for (const stored of lines) {
    const line = JSON.parse(stored.line) as PriceLine;
    const min = new Decimal(line.minQty ?? '0');
    if (min.greaterThan(qty)) continue;
    if (!best || min.greaterThan(best.min)) best = { line, min };
  }
  return best?.line ?? null;
}

export async function lookupPrice(
  store: Store,
  list: CatalogList,
  query: { sku: string; qty: string; at: Date },
): Promise<PriceQuote> {
  if (list.withdrawnAt !== null) {
    throw new AppError(409, 'withdrawn', 'the owner stopped sharing this price list');
  }
  const { version, lines } = await store.read(async (tx) => {
    const version = await tx.catalog.versionInEffect(list.id, query.at.getTime());
    return {
      version,
      lines: version ? await tx.catalog.linesForSku(version.id, query.sku) : [],
    };
  });
  if (!version)
    throw noPrice(`no version of the price list is in effect at ${query.at.toISOString()}`);
  if (lines.length === 0) throw noPrice(`${query.sku} is not in version ${version.version}`);
  const line = pickBreak(lines, query.qty);
  if (!line) throw noPrice(`${query.sku} has no price for a quantity of ${query.qty}`);
  const unitPrice = line.standardPrice ?? line.listPrice;
  return {
    sku: query.sku,
    qty: query.qty,
    at: query.at.toISOString(),
    version: version.version,
    currency: version.currency,
    validFrom: version.validFrom,
    validTo: version.validTo,
    minQty: line.minQty ?? '0',
    listPrice: line.listPrice,
    standardPrice: line.standardPrice ?? null,
    limitPrice: line.limitPrice ?? null,
    unitPrice,
    amount: new Decimal(unitPrice).times(query.qty).toFixed(),
  };
}
