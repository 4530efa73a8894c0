/**
 * The bulk half of the catalog repo in PostgreSQL: lines of versions and parts of received
 * versions. Lines go in as multi-row inserts of a few thousand; lines sort by (sku, qty_key) in
 * byte order (COLLATE "C", SQLite's order whatever the database's locale), which is the content
 * hash's order.
 */
import { and, asc, eq, inArray, max, sql, count } from 'drizzle-orm';
import type { PgDb } from '../../db/open-postgres.ts';
import { catalogLines, catalogParts, catalogVersions } from '../../db/pg-schema/catalog.ts';
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

/** Rows per insert statement: 4 parameters each, well under PostgreSQL's 65,535. */
const CHUNK = 5_000;

const LINE = { sku: catalogLines.sku, qtyKey: catalogLines.qtyKey, line: catalogLines.line };
const BYTE_ORDER = [sql`${catalogLines.sku} COLLATE "C"`, sql`${catalogLines.qtyKey} COLLATE "C"`];

/** The lines (which may come from a generator) in slices of CHUNK. */
function* chunks<T>(items: Iterable<T>): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

export function createCatalogLinesRepo(db: PgDb): CatalogLinesRepo {
  const deleteParts = (versionRowId: number) =>
    db.delete(catalogParts).where(eq(catalogParts.versionRowId, versionRowId));
  return {
    async insertLines(versionRowId, lines) {
      let given = 0;
      let inserted = 0;
      for (const chunk of chunks(lines)) {
        given += chunk.length;
        const rows = await db
          .insert(catalogLines)
          .values(chunk.map((l) => ({ versionRowId, sku: l.sku, qtyKey: l.qtyKey, line: l.line })))
          .onConflictDoNothing()
          .returning({ sku: catalogLines.sku });
        inserted += rows.length;
      }
      return inserted === given;
    },
    async putLines(versionRowId, lines) {
      for (const chunk of chunks(lines)) {
        await db
          .insert(catalogLines)
          .values(chunk.map((l) => ({ versionRowId, sku: l.sku, qtyKey: l.qtyKey, line: l.line })))
          .onConflictDoUpdate({
            target: [catalogLines.versionRowId, catalogLines.sku, catalogLines.qtyKey],
            set: { line: sql`excluded.line` },
          });
      }
    },
    async copyLines(from, to) {
      const result = await db.execute(
        sql`INSERT INTO catalog_lines (version_row_id, sku, qty_key, line)
            SELECT ${to}, sku, qty_key, line FROM catalog_lines WHERE version_row_id = ${from}`,
      );
      return result.count;
    },
    async removeSkus(versionRowId, skus) {
      const list = [...skus];
      if (list.length === 0) return;
      await db
        .delete(catalogLines)
        .where(and(eq(catalogLines.versionRowId, versionRowId), inArray(catalogLines.sku, list)));
    },
    async deleteLines(versionRowId) {
      await db.delete(catalogLines).where(eq(catalogLines.versionRowId, versionRowId));
    },
    async countLines(versionRowId) {
      const [row] = await db
        .select({ n: count() })
        .from(catalogLines)
        .where(eq(catalogLines.versionRowId, versionRowId));
      return row?.n ?? 0;
    },
    async readLines(versionRowId): Promise<StoredLine[]> {
      return db
        .select(LINE)
        .from(catalogLines)
        .where(eq(catalogLines.versionRowId, versionRowId))
        .orderBy(...BYTE_ORDER);
    },
    async pageLines(versionRowId, { limit, after }) {
      return db
        .select(LINE)
        .from(catalogLines)
        .where(
          and(
            eq(catalogLines.versionRowId, versionRowId),
            after
              ? sql`(${catalogLines.sku} COLLATE "C", ${catalogLines.qtyKey} COLLATE "C") > (${after.sku} COLLATE "C", ${after.qtyKey} COLLATE "C")`
              : undefined,
          ),
        )
        .orderBy(...BYTE_ORDER)
        .limit(limit);
    },
    async linesForSku(versionRowId, sku) {
      return db
        .select(LINE)
        .from(catalogLines)
        .where(and(eq(catalogLines.versionRowId, versionRowId), eq(catalogLines.sku, sku)))
        .orderBy(sql`${catalogLines.qtyKey} COLLATE "C"`);
    },
    async savePart(versionRowId, part, at) {
      const rows = await db
        .insert(catalogParts)
        .values({
          versionRowId,
          part: part.part,
          messageId: part.messageId,
          lines: part.lines,
          removed: part.removed,
          receivedAt: at.getTime(),
        })
        .onConflictDoNothing()
        .returning({ part: catalogParts.part });
      return rows.length === 1;
    },
    async countParts(versionRowId) {
      const [row] = await db
        .select({ n: count() })
        .from(catalogParts)
        .where(eq(catalogParts.versionRowId, versionRowId));
      return row?.n ?? 0;
    },
    async readParts(versionRowId): Promise<ReceivedPart[]> {
      return db
        .select({
          part: catalogParts.part,
          messageId: catalogParts.messageId,
          lines: catalogParts.lines,
          removed: catalogParts.removed,
        })
        .from(catalogParts)
        .where(eq(catalogParts.versionRowId, versionRowId))
        .orderBy(asc(catalogParts.part));
    },
    async deleteParts(versionRowId) {
      await deleteParts(versionRowId);
    },
    async expireAssembling(before) {
      const stale = await db
        .select({ id: catalogParts.versionRowId })
        .from(catalogParts)
        .innerJoin(
          catalogVersions,
          and(
            eq(catalogVersions.id, catalogParts.versionRowId),
            eq(catalogVersions.status, 'assembling'),
          ),
        )
        .groupBy(catalogParts.versionRowId)
        .having(sql`${max(catalogParts.receivedAt)} < ${before.getTime()}`);
      for (const { id } of stale) {
        await db
          .update(catalogVersions)
          .set({
            status: 'failed',
            failureCode: 'incomplete',
            failureDetail: 'parts were missing when the wait for them ended',
          })
          .where(eq(catalogVersions.id, id));
        await deleteParts(id);
      }
      return stale.map((s) => s.id);
    },
  };
}
