/** A partner's own additions to central data, in SQLite (catalog_extensions). */
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { catalogExtensions, type CatalogExtensionRow } from '../../db/schema/catalog-extensions.ts';
import type {
  CatalogExtension,
  CatalogExtensionsRepo,
  ExtensionKind,
} from '../catalog-extensions-store.ts';

const fromRow = (row: CatalogExtensionRow): CatalogExtension => ({
  ...row,
  kind: row.kind as ExtensionKind,
  createdAt: new Date(row.createdAt),
  updatedAt: new Date(row.updatedAt),
});

export function createCatalogExtensionsRepo(db: Db): CatalogExtensionsRepo {
  const byKey = (listRowId: number, kind: ExtensionKind, itemKey: string) =>
    and(
      eq(catalogExtensions.listRowId, listRowId),
      eq(catalogExtensions.kind, kind),
      eq(catalogExtensions.itemKey, itemKey),
    );
  return {
    async putExtension({ listRowId, kind, itemKey, fields, at }) {
      const row = db
        .insert(catalogExtensions)
        .values({
          listRowId,
          kind,
          itemKey,
          fields,
          createdAt: at.getTime(),
          updatedAt: at.getTime(),
        })
        .onConflictDoUpdate({
          target: [catalogExtensions.listRowId, catalogExtensions.kind, catalogExtensions.itemKey],
          set: { fields, updatedAt: at.getTime() },
        })
        .returning()
        .get();
      return fromRow(row);
    },
    async deleteExtension(listRowId, kind, itemKey) {
      return (
        db
          .delete(catalogExtensions)
          .where(byKey(listRowId, kind, itemKey))
          .run().changes > 0
      );
    },
    async listExtensions(listRowId) {
      return db
        .select()
        .from(catalogExtensions)
        .where(eq(catalogExtensions.listRowId, listRowId))
        .orderBy(asc(catalogExtensions.kind), asc(catalogExtensions.itemKey))
        .all()
        .map(fromRow);
    },
    async countExtensions(listRowId) {
      const [row] = db
        .select({ n: count() })
        .from(catalogExtensions)
        .where(eq(catalogExtensions.listRowId, listRowId))
        .all();
      return row?.n ?? 0;
    },
  };
}
