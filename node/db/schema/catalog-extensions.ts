/**
 * A partner's own additions to centrally maintained data it holds a read-only copy of: local
 * extensions of the owner's records (a SKU alias, notes, its own attributes) and its own extra
 * records (products, price lines, accounting entries). They live here, never in the owner's
 * version lines, so that every push (full or delta) leaves them alone and the owner's content
 * hash never covers them. They are keyed to the list row and the record's line key, not to a
 * version, so they carry over from version to version.
 */
import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const catalogExtensions = sqliteTable(
  'catalog_extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The catalog_lists row (a partner's list we hold a copy of). */
    listRowId: integer('list_row_id').notNull(),
    /** extension: on the owner's record `key`; addition: our own record, key in our namespace. */
    kind: text('kind').notNull(),
    /** The record's line key: a SKU, or "type:code" for accounting entries. */
    itemKey: text('item_key').notNull(),
    /** extension: {alias?, notes?, attributes?}; addition: the record, as a line of the list. */
    fields: text('fields').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('catalog_extensions_key').on(t.listRowId, t.kind, t.itemKey)],
);

export type CatalogExtensionRow = typeof catalogExtensions.$inferSelect;
