/** A partner's own additions to central data, in SQLite (catalog_extensions). */
import { and, asc, count, eq } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import {
  catalogExtensions,
  type CatalogExtensionRow,
} from '../../db/pg-schema/catalog-extensions.ts';
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
      const row = (
        await db
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
            target: [
              catalogExtensions.listRowId,
              catalogExtensions.kind,
              catalogExtensions.itemKey,
            ],
            set: { fields, updatedAt: at.getTime() },
          })
          .returning()
      )[0]!;
      return fromRow(row);
    },
    async deleteExtension(listRowId, kind, itemKey) {
      return (await db.delete(catalogExtensions).where(byKey(listRowId, kind, itemKey))).count > 0;
    },
    async listExtensions(listRowId) {
      return (
        await db
          .select()
          .from(catalogExtensions)
          .where(eq(catalogExtensions.listRowId, listRowId))
          .orderBy(asc(catalogExtensions.kind), asc(catalogExtensions.itemKey))
      ).map(fromRow);
    },
    async countExtensions(listRowId) {
      const [row] = await db
        .select({ n: count() })
        .from(catalogExtensions)
        .where(eq(catalogExtensions.listRowId, listRowId));
      return row?.n ?? 0;
    },
  };
}
