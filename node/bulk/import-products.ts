/**
 * Bulk import of a catalog's products from CSV or JSON, with the discipline of the other imports
 * (import-leads.ts): every row checked first with the checks of POST /api/catalogs/{ref}/versions
 * (lineFields / parseLines), duplicates within the file refused, every rejection reported with
 * its row, field and reason, and nothing imported when a row is bad unless bad rows are skipped.
 * The accepted rows then become one new version of the catalog, in one unit of work.
 *
 * By default the rows are put on top of the latest version (a product with the same SKU is
 * replaced, the others kept), so a file of changed products loses nothing; `replace=true` makes
 * the file the whole catalog.
 *
 * CSV columns: sku, name, uom, description, gtin, brand, category.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { notOwner, type CatalogDeps } from '../catalog/catalog-deps.ts';
import { lineFields, parseLines } from '../catalog/input.ts';
import { CATALOG, type WireLine } from '../catalog/list-kinds.ts';
import { createVersion } from '../catalog/owner-lists.ts';
import { AppError } from '../errors.ts';
import { restoreCell } from '../records/csv-writer.ts';
import { SELF_OWNER, type CatalogList } from '../store/catalog-store.ts';
import { MAX_REPORTED, readLeadRows, type RowRejection } from './import-leads.ts';

const FIELDS = lineFields(CATALOG);

function fromCsv(text: string): Array<Record<string, unknown>> {
  const records = parse(text, {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Array<Record<string, string>>;
  return records.map((r) => {
    const unknown = Object.keys(r).filter((k) => !FIELDS.includes(k));
    if (unknown.length > 0) {
      throw new CsvError('CSV_UNKNOWN_COLUMN' as never, `unknown column ${unknown[0]}`);
    }
    const row: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(r)) if (raw !== '') row[key] = restoreCell(raw);
    return row;
  });
}

export interface ImportProductsReport {
  ok: boolean;
  rows: number;
  imported: number;
  rejectedCount: number;
  rejected: RowRejection[];
  fileError: string | null;
  /** The catalog version the import created. */
  version: number | null;
}

export async function importProducts(
  deps: CatalogDeps,
  list: CatalogList,
  text: string,
  options: { format: 'csv' | 'json'; skipBadRows: boolean; replace: boolean },
): Promise<ImportProductsReport> {
  // Refused before the file is read: a copy of a partner's catalog is never imported into.
  if (list.ownerPartnerId !== SELF_OWNER) throw notOwner(CATALOG, list);
  const report: ImportProductsReport = {
    ok: false,
    rows: 0,
    imported: 0,
    rejectedCount: 0,
    rejected: [],
    fileError: null,
    version: null,
  };
  const read = readLeadRows(text, options.format, fromCsv);
  if ('fileError' in read) return { ...report, fileError: read.fileError };
  report.rows = read.rows.length;
  const reject = (row: number, field: string | null, code: string, reason: string) => {
    report.rejectedCount++;
    if (report.rejected.length < MAX_REPORTED) report.rejected.push({ row, field, code, reason });
  };
  const accepted: WireLine[] = [];
  const skus = new Map<string, number>();
  read.rows.forEach((raw, i) => {
    const row = i + 1;
    try {
      const [line] = parseLines(CATALOG, [raw], 'products');
      const first = skus.get(line!.sku);
      if (first !== undefined) {
        reject(row, 'sku', 'duplicate_row', `sku ${line!.sku} is also on row ${first}`);
        return;
      }
      skus.set(line!.sku, row);
      accepted.push(line!);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // parseLines names the field inside the list (`products[0].gtin`); the report, the column.
      const field = error.field?.replace(/^products\[0\]\.?/, '') || null;
      reject(row, field, error.code, error.message.replace(/products\[0\]\.?/g, ''));
    }
  });
  if (report.rejectedCount > 0 && !options.skipBadRows) return report;
  if (accepted.length === 0) return { ...report, fileError: 'no row could be imported' };
  const latest = await deps.store.read((tx) => tx.catalog.latestApplied(list.id));
  const version = await createVersion(deps, CATALOG, list.id, {
    lines: accepted,
    ...(latest && !options.replace ? { baseVersion: latest.version } : {}),
  });
  return { ...report, ok: true, imported: accepted.length, version: version.version };
}
