/**
 * Price lists as CSV (RFC 4180, UTF-8, a header row): columns sku, minQty, listPrice,
 * standardPrice, limitPrice in any order (names compared without case, spaces or underscores);
 * sku and listPrice are required, empty optional cells are absent. Every row is checked and every
 * rejection reported with its line number, column and reason; the caller imports nothing when
 * any row is rejected unless the operator asked to skip bad rows. A file that cannot be read as
 * CSV, or whose header is wrong, is rejected as a whole. Exports go through the shared writer,
 * node/records/csv-writer.ts, whose formula neutralisation the import undoes.
 */
import { readCsvRecords } from '../records/csv-records.ts';
import { csvChunks, restoreCell, type CsvRecord } from '../records/csv-writer.ts';
import { isDecimalString } from '../records/decimal-string.ts';
import type { StoredLine } from '../store/catalog-store.ts';
import { compareKeys, lineKey, qtyKeyOf } from './lines.ts';
import type { PriceLine } from './price-lookup.ts';

export const CSV_COLUMNS = ['sku', 'minQty', 'listPrice', 'standardPrice', 'limitPrice'] as const;
type Column = (typeof CSV_COLUMNS)[number];
export const MAX_CSV_ROWS = 1_000_000;
/** Rejections listed in a report; the count is always complete. */
export const MAX_REPORTED = 1_000;
const PROGRESS_EVERY = 10_000;

const SKU = /^[!-~]([ -~]*[!-~])?$/;

export interface CsvRejection {
  line: number;
  column: Column | null;
  reason: string;
}

export interface CsvImport {
  /** Data rows read (the header not counted). */
  rows: number;
  lines: PriceLine[];
  rejected: CsvRejection[];
  rejectedCount: number;
  /** Set when the file as a whole is unusable: then `lines` is empty. */
  fileError: CsvRejection | null;
}

const normalize = (name: string) => name.replace(/[\s_-]/g, '').toLowerCase();
const BY_NAME = new Map(CSV_COLUMNS.map((c) => [normalize(c), c]));

export function parsePriceCsv(text: string, onProgress?: (rows: number) => void): CsvImport {
  const result: CsvImport = { rows: 0, lines: [], rejected: [], rejectedCount: 0, fileError: null };
  const fileError = (line: number, column: Column | null, reason: string): CsvImport => ({
    ...result,
    lines: [],
    fileError: { line, column, reason },
  });
  const read = readCsvRecords(text, {
    maxRecords: MAX_CSV_ROWS + 1,
    progressEvery: PROGRESS_EVERY,
    ...(onProgress && { onProgress: (records: number) => onProgress(records - 1) }),
  });
  if (!read.ok) {
    return read.reason === 'too_many'
      ? fileError(read.line, null, `more than ${MAX_CSV_ROWS} rows`)
      : fileError(read.line, null, `not readable as CSV: ${read.detail}`);
  }
  const { records, lineOf } = read;
  const head = records[0];
  if (!head) return fileError(1, null, 'the file is empty: it needs a header row');
  const columns: Column[] = [];
  for (const name of head) {
    const column = BY_NAME.get(normalize(name));
    if (!column) {
      return fileError(
        1,
        null,
        `unknown column "${name.slice(0, 40)}"; expected ${CSV_COLUMNS.join(', ')}`,
      );
    }
    if (columns.includes(column)) return fileError(1, column, `column ${column} appears twice`);
    columns.push(column);
  }
  for (const required of ['sku', 'listPrice'] as const) {
    if (!columns.includes(required)) return fileError(1, required, `column ${required} is missing`);
  }

  const keyOrder = columns.map((_, i) => i).sort((a, b) => (columns[a]! < columns[b]! ? -1 : 1));
  const repeats = new RepeatFinder();
  const reject = (line: number, column: Column | null, reason: string) => {
    result.rejectedCount++;
    if (result.rejected.length < MAX_REPORTED) result.rejected.push({ line, column, reason });
  };
  result.rows = records.length - 1;
  // Data rows from index 1: the header is records[0] (no copy of a million-row array).
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    const line = lineOf[r]!;
    if (record.length !== columns.length) {
      reject(line, null, `${record.length} fields where the header has ${columns.length}`);
      continue;
    }
    // Filled in key order, the canonical form's (lines.ts), whatever the file's column order.
    const cells: Partial<Record<Column, string>> = {};
    for (const i of keyOrder) {
      // Undoes the export's formula neutralisation ('=x back to =x; node/records/csv-writer.ts).
      const value = restoreCell(record[i]!.trim());
      if (value !== '') cells[columns[i]!] = value;
    }
    const problem = checkRow(cells);
    if (problem) {
      reject(line, problem.column, problem.reason);
      continue;
    }
    const priceLine = cells as PriceLine;
    const earlier = repeats.check(priceLine.sku, qtyKeyOf(priceLine.minQty), line);
    if (earlier !== null) {
      reject(
        line,
        priceLine.minQty ? 'minQty' : 'sku',
        `repeats line ${earlier} (same sku and minQty)`,
      );
      continue;
    }
    result.lines.push(priceLine);
  }
  onProgress?.(result.rows);
  return result;
}

/**
 * Finds a row whose key (sku, minQty) an earlier row has, and names that earlier row. A file in
 * key order (what the export writes, and what most price lists are) cannot repeat a key: while
 * the keys rise, comparing with the row before is enough, and the set of every key (100,000
 * strings for a large list) is only built from the first row that breaks the order.
 */
class RepeatFinder {
  // Rows seen while the keys rise, as parallel arrays (no object per row).
  private skus: string[] = [];
  private qtyKeys: string[] = [];
  private lines: number[] = [];
  private firstLineOf: Map<string, number> | null = null;

  /** The line of the earlier row with this key, or null (and the row is remembered). */
  check(sku: string, qtyKey: string, line: number): number | null {
    if (this.firstLineOf === null) {
      const n = this.skus.length;
      if (n === 0 || compareKeys(this.skus[n - 1]!, this.qtyKeys[n - 1]!, sku, qtyKey) < 0) {
        this.skus.push(sku);
        this.qtyKeys.push(qtyKey);
        this.lines.push(line);
        return null;
      }
      this.firstLineOf = new Map();
      for (let i = 0; i < n; i++) {
        this.firstLineOf.set(
          lineKey({ sku: this.skus[i]!, qtyKey: this.qtyKeys[i]! }),
          this.lines[i]!,
        );
      }
      this.skus = [];
      this.qtyKeys = [];
      this.lines = [];
    }
    const key = lineKey({ sku, qtyKey });
    const earlier = this.firstLineOf.get(key);
    if (earlier !== undefined) return earlier;
    this.firstLineOf.set(key, line);
    return null;
  }
}

function checkRow(
  cells: Partial<Record<Column, string>>,
): { column: Column; reason: string } | null {
  const sku = cells.sku;
  if (sku === undefined) return { column: 'sku', reason: 'sku is empty' };
  if (sku.length > 64 || !SKU.test(sku)) {
    return { column: 'sku', reason: 'sku must be 1 to 64 printable ASCII characters' };
  }
  if (cells.listPrice === undefined) return { column: 'listPrice', reason: 'listPrice is empty' };
  for (const column of ['listPrice', 'standardPrice', 'limitPrice', 'minQty'] as const) {
    const value = cells[column];
    if (value !== undefined && !isDecimalString(value)) {
      return {
        column,
        reason: `${column} must be a non-negative decimal such as 12.50 (got "${value.slice(0, 40)}")`,
      };
    }
  }
  return null;
}

/** Stored lines (price lines or products) as CSV with these columns, through the shared writer. */
export function* storedLinesCsv(
  columns: readonly string[],
  lines: Iterable<StoredLine>,
): Generator<string> {
  function* records(): Generator<CsvRecord> {
    for (const stored of lines) yield JSON.parse(stored.line) as CsvRecord;
  }
  yield* csvChunks(columns, records());
}

/** The lines of a version as CSV, in key order, with the columns the import reads. */
export function priceCsvRows(lines: Iterable<StoredLine>): Generator<string> {
  return storedLinesCsv(CSV_COLUMNS, lines);
}
