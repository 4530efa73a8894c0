/**
 * A stock report's lines as CSV (RFC 4180, UTF-8, a header row): columns sku, onHand, sold,
 * onOrder, returned in any order (names compared without case, spaces, dashes or underscores);
 * sku, onHand and sold are required, an empty onOrder is 0 and an empty returned is absent.
 * The CLI and the portal read uploads with it. A failure is a 400 `invalid_field` on `csv`
 * whose message names the line and column; nothing is sent.
 */
import { parse } from 'csv-parse/sync';
import { AppError, badRequest } from '../errors.ts';
import type { StockLine } from '../store/inventory-store.ts';
import { MAX_REPORT_LINES, parseStockLines } from './input.ts';

export const STOCK_CSV_COLUMNS = ['sku', 'onHand', 'sold', 'onOrder', 'returned'] as const;
type Column = (typeof STOCK_CSV_COLUMNS)[number];
/** 2000 lines of a few short cells fit well within this. */
export const MAX_STOCK_CSV_BYTES = 256 * 1024;

const normalize = (name: string) => name.replace(/[\s_-]/g, '').toLowerCase();
const BY_NAME = new Map(STOCK_CSV_COLUMNS.map((c) => [normalize(c), c]));
const csvError = (message: string) => badRequest('invalid_field', message, 'csv');

export function parseStockCsv(text: string): StockLine[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_STOCK_CSV_BYTES) {
    throw csvError(`the file is larger than ${MAX_STOCK_CSV_BYTES / 1024} KiB`);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw csvError(`not a CSV file: ${(error as Error).message.slice(0, 200)}`);
  }
  const [header, ...rows] = records;
  if (!header) throw csvError('the file is empty; expected a header row');
  const columns = header.map((name) => BY_NAME.get(normalize(name)) ?? null);
  const unknown = header.find((_, i) => columns[i] === null);
  if (unknown !== undefined) {
    throw csvError(
      `line 1: unknown column "${unknown.slice(0, 40)}"; expected ${STOCK_CSV_COLUMNS.join(', ')}`,
    );
  }
  for (const needed of ['sku', 'onHand', 'sold'] as const) {
    if (!columns.includes(needed)) throw csvError(`line 1: the column ${needed} is missing`);
  }
  if (rows.length > MAX_REPORT_LINES) {
    throw csvError(`${rows.length} rows; a report holds at most ${MAX_REPORT_LINES}`);
  }
  const lines = rows.map((row) => {
    const line: Partial<Record<Column, string>> = {};
    columns.forEach((column, i) => {
      const cell = row[i]?.trim() ?? '';
      if (column !== null && cell !== '') line[column] = cell;
    });
    return line;
  });
  try {
    return parseStockLines(lines);
  } catch (error) {
    // lines[3].sold → line 5 (after the header), column sold.
    const m =
      error instanceof AppError ? /^lines\[(\d+)\](?:\.(\w+))?$/.exec(error.field ?? '') : null;
    if (!m) throw error;
    const where = `line ${Number(m[1]) + 2}${m[2] ? `, column ${m[2]}` : ''}`;
    const reason =
      error instanceof AppError ? error.message.replace(error.field ?? '', m[2] ?? 'the row') : '';
    throw csvError(`${where}: ${reason}`);
  }
}
