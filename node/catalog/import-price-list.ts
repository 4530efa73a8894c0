/**
 * Importing a price list version from CSV: the file is checked whole first, and only then is the
 * version created, in one unit of work. With rejected rows nothing is imported unless the
 * operator asked to skip them; the report lists every rejection either way.
 */
import type { CatalogVersion } from '../store/catalog-store.ts';
import type { CatalogDeps } from './catalog-deps.ts';
import { PRICE_LIST } from './list-kinds.ts';
import { createVersion, type NewVersion } from './owner-lists.ts';
import { parsePriceCsv, type CsvRejection } from './price-csv.ts';

export interface ImportOptions extends Omit<NewVersion, 'lines' | 'removed' | 'baseVersion'> {
  skipBadRows: boolean;
  onProgress?: (stage: 'parsed' | 'stored', rows: number) => void;
}

export interface ImportReport {
  ok: boolean;
  rows: number;
  imported: number;
  rejectedCount: number;
  rejected: CsvRejection[];
  /** Set when the file as a whole could not be used. */
  fileError: CsvRejection | null;
  version: number | null;
  contentHash: string | null;
}

export async function importPriceList(
  deps: CatalogDeps,
  listRowId: number,
  csv: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const parsed = parsePriceCsv(csv, (rows) => options.onProgress?.('parsed', rows));
  const report: ImportReport = {
    ok: false,
    rows: parsed.rows,
    imported: 0,
    rejectedCount: parsed.rejectedCount,
    rejected: parsed.rejected,
    fileError: parsed.fileError,
    version: null,
    contentHash: null,
  };
  if (parsed.fileError || (parsed.rejectedCount > 0 && !options.skipBadRows)) return report;
  if (parsed.lines.length === 0) {
    return { ...report, fileError: { line: 1, column: null, reason: 'no row could be imported' } };
  }
  const { skipBadRows: _skip, onProgress, ...versionInput } = options;
  const version: CatalogVersion = await createVersion(deps, PRICE_LIST, listRowId, {
    ...versionInput,
    lines: parsed.lines,
  });
  onProgress?.('stored', parsed.lines.length);
  return {
    ...report,
    ok: true,
    imported: parsed.lines.length,
    version: version.version,
    contentHash: version.contentHash,
  };
}
