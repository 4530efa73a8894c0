/**
 * How a record listing prints: the views with --json, a sentence when there is nothing, else a
 * table. Each command keeps its own columns; this holds the order of those three answers.
 */
import type { Partner } from '../store/types.ts';
import type { Cell, Output } from './output.ts';

export interface RecordListing<R> {
  rows: readonly R[];
  /** What --json prints for one row. */
  view: (row: R) => unknown;
  /** The line printed when there are no rows, such as "No orders.". */
  empty: string;
  headers: string[];
  cells: (row: R) => Cell[];
}

/** Prints the listing; returns the command's exit code. */
export function printRecordListing<R>(out: Output, listing: RecordListing<R>): number {
  if (out.json) {
    out.data(listing.rows.map(listing.view));
    return 0;
  }
  if (listing.rows.length === 0) {
    out.line(listing.empty);
    return 0;
  }
  out.table(listing.headers, listing.rows.map(listing.cells));
  return 0;
}

/** Every partner by its number, to name the partner on each row. */
export { partnersByIdIn as partnersById } from '../partners/partners-by-id.ts';

/** The partner's name on a row, or its number when it has none. */
export function partnerCell(names: ReadonlyMap<number, Partner>, partnerId: number): string {
  return names.get(partnerId)?.name ?? String(partnerId);
}

/** Who made the record, as the BY column says it. */
export const ownerCell = (owner: 'self' | 'partner'): string =>
  owner === 'self' ? 'us' : 'partner';
