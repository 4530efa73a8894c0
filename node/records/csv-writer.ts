/**
 * The one CSV writer of every export (price lists, product catalogs; the admin API, the CLI and
 * the portal): RFC 4180, UTF-8, CRLF line ends, a header row, written by csv-stringify.
 *
 * Formula injection (issue 14, finding 6). A spreadsheet runs a cell that starts with `=`, `+`,
 * `-` or `@` as a formula, and tab or CR at the start can smuggle one past a check; a partner
 * chooses SKUs, names and descriptions, so an export could carry `=HYPERLINK(...)` to whoever
 * opens it. As OWASP recommends (CSV Injection), such a cell is written with a leading
 * apostrophe: `'=HYPERLINK(...)`, shown as text. Our importers undo exactly that: a cell that
 * starts with an apostrophe followed by one of those characters loses the apostrophe
 * (`restoreCell`), so an export imports back unchanged; an apostrophe before anything else is
 * kept, as it is data.
 */
import { stringify } from 'csv-stringify/sync';

/** Characters a spreadsheet may read as the start of a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALIZED = /^'[=+\-@\t\r]/;
/** Records per chunk: one csv-stringify call per chunk keeps a million-line export quick. */
const CHUNK_RECORDS = 1000;

/** The cell as written: with a leading apostrophe when it could start a formula. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The cell as imported: an apostrophe this writer added is removed, any other kept. */
export function restoreCell(value: string): string {
  // Most cells do not start with an apostrophe: one character code is cheaper than the pattern.
  return value.charCodeAt(0) === 0x27 && NEUTRALIZED.test(value) ? value.slice(1) : value;
}

export type CsvRecord = Readonly<Record<string, string | undefined>>;

function toCsv(rows: string[][]): string {
  // Quote a field with a line break too (csv-stringify quotes only the record delimiter).
  return stringify(rows, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/**
 * The header row, then each record's cells in `columns` order (absent cells empty), as CSV text
 * in chunks of up to 1000 records.
 */
export function* csvChunks(
  columns: readonly string[],
  records: Iterable<CsvRecord>,
): Generator<string> {
  yield toCsv([[...columns]]);
  let batch: string[][] = [];
  for (const record of records) {
    batch.push(columns.map((c) => neutralizeCell(record[c] ?? '')));
    if (batch.length === CHUNK_RECORDS) {
      yield toCsv(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield toCsv(batch);
}
