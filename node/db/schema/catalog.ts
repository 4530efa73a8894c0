/**
 * Centrally maintained data: product catalogs and price lists, with their immutable versions.
 * One set of tables serves both kinds (`kind` = catalog | pricelist) and both sides: lists this
 * node owns (`owner_partner_id` 0) and read-only copies of lists its partners own (the partner's
 * id). Versions are stored materialized: every line of every version, so that a lookup or a
 * content hash never replays deltas. Times are integer milliseconds (UTC), money decimal TEXT.
 */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const catalogLists = sqliteTable(
  'catalog_lists',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** catalog | pricelist */
    kind: text('kind').notNull(),
    /** The owner's id for it, on the wire (catalogId, priceListId). */
    listId: text('list_id').notNull(),
    /** 0: this node owns it; otherwise the partner that owns it (ids are scoped by owner). */
    ownerPartnerId: integer('owner_partner_id').notNull(),
    name: text('name').notNull(),
    /** Price lists only: the currency new versions default to. */
    currency: text('currency'),
    /** A partner's copy: when the owner stopped sharing it (a newer push shares it again). */
    withdrawnAt: integer('withdrawn_at'),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('catalog_lists_key').on(t.kind, t.ownerPartnerId, t.listId)],
);

export const catalogVersions = sqliteTable(
  'catalog_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    listRowId: integer('list_row_id').notNull(),
    version: integer('version').notNull(),
    /** assembling (parts arriving) | applied | failed. The owner's own versions are applied. */
    status: text('status').notNull(),
    name: text('name').notNull(),
    currency: text('currency'),
    /** As written on the wire (a date or a UTC time), and as the bounds lookups use. */
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    validFromMs: integer('valid_from_ms'),
    /** Exclusive; null: open-ended. */
    validToMs: integer('valid_to_ms'),
    contentHash: text('content_hash').notNull(),
    lineCount: integer('line_count').notNull(),
    /** How the version came (received copies): full | delta, its base, in how many parts. */
    mode: text('mode').notNull(),
    baseVersion: integer('base_version'),
    parts: integer('parts').notNull(),
    /** Why a received version could not be applied: hash_mismatch, missing_base, … */
    failureCode: text('failure_code'),
    failureDetail: text('failure_detail'),
    createdAt: integer('created_at').notNull(),
    appliedAt: integer('applied_at'),
  },
  (t) => [
    uniqueIndex('catalog_versions_key').on(t.listRowId, t.version),
    index('catalog_versions_status').on(t.status),
  ],
);

/**
 * Every line of every version. `qtyKey` orders quantity breaks (the decimal value of minQty,
 * zero-padded so that text order is numeric order; '' for products), so (sku, qtyKey) is the
 * line's key and the content hash's order. `line` is the line's canonical JSON (RFC 8785).
 */
export const catalogLines = sqliteTable(
  'catalog_lines',
  {
    versionRowId: integer('version_row_id').notNull(),
    sku: text('sku').notNull(),
    qtyKey: text('qty_key').notNull(),
    line: text('line').notNull(),
  },
  (t) => [uniqueIndex('catalog_lines_key').on(t.versionRowId, t.sku, t.qtyKey)],
);

/** Parts of a received version kept until every part arrived (then assembled and dropped). */
export const catalogParts = sqliteTable(
  'catalog_parts',
  {
    versionRowId: integer('version_row_id').notNull(),
    part: integer('part').notNull(),
    messageId: text('message_id').notNull(),
    /** JSON arrays as received. */
    lines: text('lines').notNull(),
    removed: text('removed').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [uniqueIndex('catalog_parts_key').on(t.versionRowId, t.part)],
);

/**
 * The owner's view of what each partner holds of a list: the version it confirmed (all parts
 * receipted, or named in its sync.request), and the one on its way with its message ids.
 */
export const catalogShares = sqliteTable(
  'catalog_shares',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    listRowId: integer('list_row_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    heldVersion: integer('held_version'),
    pendingVersion: integer('pending_version'),
    /** JSON array of the message ids carrying pendingVersion. */
    pendingMessageIds: text('pending_message_ids').notNull(),
    sharedAt: integer('shared_at').notNull(),
    withdrawnAt: integer('withdrawn_at'),
  },
  (t) => [uniqueIndex('catalog_shares_key').on(t.listRowId, t.partnerId)],
);

/**
 * One push of one version to one partner. A push writes these rows and returns; the distributor
 * turns each into outbox messages later (full or delta, cut into parts), one row per unit of work.
 */
export const catalogDistributions = sqliteTable(
  'catalog_distributions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    listRowId: integer('list_row_id').notNull(),
    versionRowId: integer('version_row_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    /** The sync.request this answers (its message id); such an answer is always full. */
    ref: text('ref'),
    forceFull: integer('force_full', { mode: 'boolean' }).notNull(),
    /** queued | enqueued | skipped | cancelled */
    status: text('status').notNull(),
    mode: text('mode'),
    baseVersion: integer('base_version'),
    parts: integer('parts'),
    /** Bytes of the bodies enqueued (JSON), for the operator and the benchmark. */
    bytes: integer('bytes'),
    detail: text('detail'),
    createdAt: integer('created_at').notNull(),
    doneAt: integer('done_at'),
  },
  (t) => [
    index('catalog_distributions_status').on(t.status, t.id),
    index('catalog_distributions_list').on(t.listRowId, t.id),
  ],
);

export type CatalogListRow = typeof catalogLists.$inferSelect;
export type CatalogVersionRow = typeof catalogVersions.$inferSelect;
export type CatalogShareRow = typeof catalogShares.$inferSelect;
export type CatalogDistributionRow = typeof catalogDistributions.$inferSelect;
