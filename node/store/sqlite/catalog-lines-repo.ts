/**
 * The bulk half of the catalog repo: lines of versions and parts of received versions. A
 * 100,000-line version is written and read here, so every statement is a raw prepared one run in
 * the caller's transaction (drizzle's per-row building costs more than the insert itself).
 */
import type Database from 'better-sqlite3';
import type { CatalogRepo, ReceivedPart, StoredLine } from '../catalog-store.ts';

export type CatalogLinesRepo = Pick<
  CatalogRepo,
  | 'insertLines'
  | 'putLines'
  | 'copyLines'
  | 'removeSkus'
  | 'deleteLines'
  | 'countLines'
  | 'readLines'
  | 'pageLines'
  | 'linesForSku'
  | 'savePart'
  | 'countParts'
  | 'readParts'
  | 'deleteParts'
  | 'expireAssembling'
>;

/**
 * Lines per INSERT of a whole version: one statement per row spends more in the call into SQLite
 * than in the insert; 64 rows a statement took a 100,000-line version from about 290 to 180 ms
 * of CPU (256 parameters, far below SQLite's limit of 32,766).
 */
const INSERT_ROWS = 64;

export function createCatalogLinesRepo(sqlite: Database.Database): CatalogLinesRepo {
  const insertSql = (rows: number) =>
    `INSERT OR IGNORE INTO catalog_lines (version_row_id, sku, qty_key, line) VALUES ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}`;
  const insertStmt = sqlite.prepare<[number, string, string, string]>(insertSql(1));
  const insertManyStmt = sqlite.prepare<unknown[]>(insertSql(INSERT_ROWS));
  const putStmt = sqlite.prepare<[number, string, string, string]>(
    `INSERT INTO catalog_lines (version_row_id, sku, qty_key, line) VALUES (?, ?, ?, ?)
     ON CONFLICT (version_row_id, sku, qty_key) DO UPDATE SET line = excluded.line`,
  );
  const copyStmt = sqlite.prepare<[number, number]>(
    `INSERT INTO catalog_lines (version_row_id, sku, qty_key, line)
     SELECT ?, sku, qty_key, line FROM catalog_lines WHERE version_row_id = ?`,
  );
  const removeSkuStmt = sqlite.prepare<[number, string]>(
    `DELETE FROM catalog_lines WHERE version_row_id = ? AND sku = ?`,
  );
  const deleteStmt = sqlite.prepare<[number]>(`DELETE FROM catalog_lines WHERE version_row_id = ?`);
  const countStmt = sqlite
    .prepare<[number], number>(`SELECT count(*) FROM catalog_lines WHERE version_row_id = ?`)
    .pluck();
  const readStmt = sqlite.prepare<[number], StoredLine>(
    `SELECT sku, qty_key AS qtyKey, line FROM catalog_lines
     WHERE version_row_id = ? ORDER BY sku, qty_key`,
  );
  const pageStmt = sqlite.prepare<[number, number], StoredLine>(
    `SELECT sku, qty_key AS qtyKey, line FROM catalog_lines
     WHERE version_row_id = ? ORDER BY sku, qty_key LIMIT ?`,
  );
  const pageAfterStmt = sqlite.prepare<[number, string, string, number], StoredLine>(
    `SELECT sku, qty_key AS qtyKey, line FROM catalog_lines
     WHERE version_row_id = ? AND (sku, qty_key) > (?, ?) ORDER BY sku, qty_key LIMIT ?`,
  );
  const skuStmt = sqlite.prepare<[number, string], StoredLine>(
    `SELECT sku, qty_key AS qtyKey, line FROM catalog_lines
     WHERE version_row_id = ? AND sku = ? ORDER BY qty_key`,
  );
  const savePartStmt = sqlite.prepare<[number, number, string, string, string, number]>(
    `INSERT OR IGNORE INTO catalog_parts (version_row_id, part, message_id, lines, removed, received_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const countPartsStmt = sqlite
    .prepare<[number], number>(`SELECT count(*) FROM catalog_parts WHERE version_row_id = ?`)
    .pluck();
  const readPartsStmt = sqlite.prepare<[number], ReceivedPart>(
    `SELECT part, message_id AS messageId, lines, removed FROM catalog_parts
     WHERE version_row_id = ? ORDER BY part`,
  );
  const deletePartsStmt = sqlite.prepare<[number]>(
    `DELETE FROM catalog_parts WHERE version_row_id = ?`,
  );

  const staleStmt = sqlite
    .prepare<[number], number>(
      `SELECT p.version_row_id FROM catalog_parts p
       JOIN catalog_versions v ON v.id = p.version_row_id AND v.status = 'assembling'
       GROUP BY p.version_row_id HAVING max(p.received_at) < ?`,
    )
    .pluck();
  const failStmt = sqlite.prepare<[string, number]>(
    `UPDATE catalog_versions SET status = 'failed', failure_code = 'incomplete', failure_detail = ?
     WHERE id = ?`,
  );

  return {
    async insertLines(versionRowId, lines) {
      // A row that was already there is ignored, so fewer changes than rows means a repeat.
      let fresh = true;
      const params: unknown[] = new Array(INSERT_ROWS * 4);
      let held = 0;
      for (const l of lines) {
        params[held * 4] = versionRowId;
        params[held * 4 + 1] = l.sku;
        params[held * 4 + 2] = l.qtyKey;
        params[held * 4 + 3] = l.line;
        if (++held === INSERT_ROWS) {
          if (insertManyStmt.run(params).changes < INSERT_ROWS) fresh = false;
          held = 0;
        }
      }
      for (let j = 0; j < held; j++) {
        const row = params.slice(j * 4, j * 4 + 4) as [number, string, string, string];
        if (insertStmt.run(...row).changes === 0) fresh = false;
      }
      return fresh;
    },
    async putLines(versionRowId, lines) {
      for (const l of lines) putStmt.run(versionRowId, l.sku, l.qtyKey, l.line);
    },
    async copyLines(from, to) {
      return copyStmt.run(to, from).changes;
    },
    async removeSkus(versionRowId, skus) {
      for (const sku of skus) removeSkuStmt.run(versionRowId, sku);
    },
    async deleteLines(versionRowId) {
      deleteStmt.run(versionRowId);
    },
    async countLines(versionRowId) {
      return countStmt.get(versionRowId) ?? 0;
    },
    async readLines(versionRowId) {
      return readStmt.all(versionRowId);
    },
    async pageLines(versionRowId, { limit, after }) {
      return after
        ? pageAfterStmt.all(versionRowId, after.sku, after.qtyKey, limit)
        : pageStmt.all(versionRowId, limit);
    },
    async linesForSku(versionRowId, sku) {
      return skuStmt.all(versionRowId, sku);
    },
    async savePart(versionRowId, part, at) {
      return (
        savePartStmt.run(
          versionRowId,
          part.part,
          part.messageId,
          part.lines,
          part.removed,
          at.getTime(),
        ).changes === 1
      );
    },
    async countParts(versionRowId) {
      return countPartsStmt.get(versionRowId) ?? 0;
    },
    async readParts(versionRowId) {
      return readPartsStmt.all(versionRowId);
    },
    async deleteParts(versionRowId) {
      deletePartsStmt.run(versionRowId);
    },
    async expireAssembling(before) {
      const stale = staleStmt.all(before.getTime());
      for (const id of stale) {
        failStmt.run('parts were missing when the wait for them ended', id);
        deletePartsStmt.run(id);
      }
      return stale;
    },
  };
}
