/**
 * A partner's own additions to an owner's central data (products, price lists, accounting data
 * it holds a read-only copy of): an extension on one of the owner's records (a local SKU alias,
 * notes, its own attributes) and its own extra records. They are stored apart from the owner's
 * lines (catalog_extensions), keyed to the list and the record's key, so a push, full or delta,
 * never overwrites or deletes them and the owner's content hash never covers them. Listings
 * show them merged, each marked with its origin.
 */
import { parseInput } from '../input/parse-input.ts';
import { ExtensionFields as ExtensionFieldsSchema } from './catalog-schemas.ts';
import { conflict, notFound } from '../errors.ts';
import type { CatalogExtension, ExtensionKind } from '../store/catalog-extensions-store.ts';
import type { CatalogList, StoredLine } from '../store/catalog-store.ts';
import { SELF_OWNER } from '../store/catalog-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { CatalogDeps } from './catalog-deps.ts';
import { parseLines } from './input.ts';
import type { ListKindSpec } from './list-kinds.ts';

/** Extensions and own records one list may hold. */
export const MAX_EXTENSIONS_PER_LIST = 10_000;

export interface ExtensionFields {
  alias?: string;
  notes?: string;
  attributes?: Record<string, string>;
}

/** The admin input of an extension: alias, notes, attributes (at least one). */
export function parseExtension(body: unknown): ExtensionFields {
  return parseInput(ExtensionFieldsSchema, body);
}

/** Extensions are for copies of a partner's data: our own lists change by a new version. */
function assertPartnerCopy(spec: ListKindSpec, list: CatalogList): void {
  if (list.ownerPartnerId === SELF_OWNER) {
    throw conflict(
      'own_list',
      `${spec.label} ${list.listId} is ours: change it with a new version, not an extension`,
    );
  }
}

async function assertRoom(tx: StoreTx, list: CatalogList, kind: ExtensionKind, key: string) {
  const existing = (await tx.catalog.listExtensions(list.id)).some(
    (e) => e.kind === kind && e.itemKey === key,
  );
  if (!existing && (await tx.catalog.countExtensions(list.id)) >= MAX_EXTENSIONS_PER_LIST) {
    throw conflict(
      'too_many_extensions',
      `a list holds at most ${MAX_EXTENSIONS_PER_LIST} extensions and own records`,
    );
  }
}

/** Sets our extension of the owner's record `key` (it must be in the latest applied version). */
export async function setExtension(
  deps: CatalogDeps,
  spec: ListKindSpec,
  list: CatalogList,
  key: string,
  fields: ExtensionFields,
): Promise<CatalogExtension> {
  assertPartnerCopy(spec, list);
  return deps.store.transact(async (tx) => {
    const version = await tx.catalog.latestApplied(list.id);
    const lines = version ? await tx.catalog.linesForSku(version.id, key) : [];
    if (lines.length === 0) throw notFound(`record ${key} in the owner's latest version`);
    await assertRoom(tx, list, 'extension', key);
    return tx.catalog.putExtension({
      listRowId: list.id,
      kind: 'extension',
      itemKey: key,
      fields: JSON.stringify(fields),
      at: deps.clock.now(),
    });
  });
}

/** The key of an own record: the owner's line key, with a price line's minQty after "@". */
function ownKeyOf(spec: ListKindSpec, line: Readonly<Record<string, string>>): string {
  const stored: StoredLine = spec.toStored(line as never);
  return line.minQty === undefined ? stored.sku : `${stored.sku}@${line.minQty}`;
}

/**
 * Adds one of our own records (a product, a price line, an accounting entry) to a copy of a
 * partner's list. It is ours alone, kept apart from the owner's lines under our own namespace:
 * a record of the owner with the same key stays the owner's, and both are shown.
 */
export async function addOwnRecord(
  deps: CatalogDeps,
  spec: ListKindSpec,
  list: CatalogList,
  input: unknown,
): Promise<CatalogExtension> {
  assertPartnerCopy(spec, list);
  const [line] = parseLines(spec, [input], 'record');
  const key = ownKeyOf(spec, line!);
  return deps.store.transact(async (tx) => {
    await assertRoom(tx, list, 'addition', key);
    return tx.catalog.putExtension({
      listRowId: list.id,
      kind: 'addition',
      itemKey: key,
      fields: JSON.stringify(line),
      at: deps.clock.now(),
    });
  });
}

export async function removeOwn(
  deps: CatalogDeps,
  list: CatalogList,
  kind: ExtensionKind,
  key: string,
): Promise<void> {
  const gone = await deps.store.transact((tx) => tx.catalog.deleteExtension(list.id, kind, key));
  if (!gone) throw notFound(`${kind === 'extension' ? 'extension of' : 'own record'} ${key}`);
}

export interface MergedRecords {
  version: number | null;
  /** The owner's records, each with our extension when we have one. */
  records: Array<{ origin: 'owner'; key: string; record: unknown; own: ExtensionFields | null }>;
  /** Our own records, never part of the owner's version or its hash. */
  ownRecords: Array<{ origin: 'own'; key: string; record: unknown }>;
}

/** The owner's records of the latest applied version merged with our extensions, one page. */
export async function mergedRecords(
  tx: StoreTx,
  list: CatalogList,
  page: { limit: number; after?: { sku: string; qtyKey: string } },
): Promise<MergedRecords & { last: StoredLine | null }> {
  const version = await tx.catalog.latestApplied(list.id);
  const lines = version ? await tx.catalog.pageLines(version.id, page) : [];
  const extensions = await tx.catalog.listExtensions(list.id);
  const byKey = new Map(
    extensions.filter((e) => e.kind === 'extension').map((e) => [e.itemKey, e]),
  );
  return {
    version: version?.version ?? null,
    records: lines.map((l) => {
      const ext = byKey.get(l.sku);
      return {
        origin: 'owner' as const,
        key: l.sku,
        record: JSON.parse(l.line) as unknown,
        own: ext ? (JSON.parse(ext.fields) as ExtensionFields) : null,
      };
    }),
    ownRecords: page.after
      ? []
      : extensions
          .filter((e) => e.kind === 'addition')
          .map((e) => ({
            origin: 'own' as const,
            key: e.itemKey,
            record: JSON.parse(e.fields) as unknown,
          })),
    last: lines.length === page.limit ? (lines.at(-1) ?? null) : null,
  };
}
