/**
 * The storage boundary of a partner's own additions to central data (catalog-extensions.ts in
 * the schema): extensions of the owner's records and the partner's own extra records.
 */
export type ExtensionKind = 'extension' | 'addition';

export interface CatalogExtension {
  id: number;
  listRowId: number;
  kind: ExtensionKind;
  itemKey: string;
  /** JSON: an extension's {alias?, notes?, attributes?}, or an addition's line. */
  fields: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CatalogExtensionsRepo {
  /** Inserts or replaces the one record of that list, kind and key. */
  putExtension(input: {
    listRowId: number;
    kind: ExtensionKind;
    itemKey: string;
    fields: string;
    at: Date;
  }): Promise<CatalogExtension>;
  /** True when there was one to delete. */
  deleteExtension(listRowId: number, kind: ExtensionKind, itemKey: string): Promise<boolean>;
  listExtensions(listRowId: number): Promise<CatalogExtension[]>;
  countExtensions(listRowId: number): Promise<number>;
}
