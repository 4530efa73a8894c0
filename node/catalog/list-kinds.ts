/**
 * What differs between the two kinds of centrally maintained data: their message kind, the
 * names of their fields on the wire, how a line is keyed, and the record kind record.withdraw
 * uses. Everything else (versions, parts, deltas, hashes, sharing) is the same code.
 */
import type { MessageKind } from '../../protocol/index.ts';
import type { ListKind, StoredLine } from '../store/catalog-store.ts';
import { accountingKey } from './accounting-entries.ts';
import { canonicalFlat, qtyKeyOf } from './lines.ts';

/** A price list line or a product as on the wire: a flat object of strings. */
export type WireLine = Readonly<Record<string, string>> & { sku: string };

export interface ListKindSpec {
  kind: ListKind;
  /** pricelist.push | catalog.push */
  messageKind: MessageKind;
  /** priceListId | catalogId */
  idField: string;
  /** lines | products */
  linesField: string;
  /** record.withdraw's recordKind. */
  recordKind: string;
  /** How people call one: "price list", "catalog". */
  label: string;
  /** Price lists carry currency and validity. */
  priced: boolean;
  toStored(line: WireLine): StoredLine;
}

export const PRICE_LIST: ListKindSpec = {
  kind: 'pricelist',
  messageKind: 'pricelist.push',
  idField: 'priceListId',
  linesField: 'lines',
  recordKind: 'price_list',
  label: 'price list',
  priced: true,
  toStored: (line) => ({ sku: line.sku, qtyKey: qtyKeyOf(line.minQty), line: canonicalFlat(line) }),
};

export const CATALOG: ListKindSpec = {
  kind: 'catalog',
  messageKind: 'catalog.push',
  idField: 'catalogId',
  linesField: 'products',
  recordKind: 'product',
  label: 'catalog',
  priced: false,
  toStored: (line) => ({ sku: line.sku, qtyKey: '', line: canonicalFlat(line) }),
};

/**
 * Accounting data (payment terms, tax categories, currencies, units, account codes): an entry is
 * keyed by its type and code, so the line key (and a delta's `removed`) is "type:code".
 */
export const ACCOUNTING: ListKindSpec = {
  kind: 'accounting',
  messageKind: 'accounting.push',
  idField: 'accountingId',
  linesField: 'entries',
  recordKind: 'accounting_data',
  label: 'accounting data set',
  priced: false,
  toStored: (line) => ({ sku: accountingKey(line), qtyKey: '', line: canonicalFlat(line) }),
};

export const SPECS: Readonly<Record<ListKind, ListKindSpec>> = {
  pricelist: PRICE_LIST,
  catalog: CATALOG,
  accounting: ACCOUNTING,
};
