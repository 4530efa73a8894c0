/**
 * Vendor-managed inventory: stock reports (sent by a partner, received by its supplier), the
 * supplier's replenishment settings per partner and SKU, proposals (made by the supplier, received
 * by the partner) with the partner's decision, and the partner's rules to accept automatically.
 * Times are integer milliseconds (UTC), quantities decimal TEXT, lists JSON TEXT.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const inventoryReports = sqliteTable(
  'inventory_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `partner`: we reported it to our supplier; `supplier`: a partner reported it to us. */
    role: text('role').notNull(),
    /** The supplier (role partner) or the reporting partner (role supplier). */
    partnerId: integer('partner_id').notNull(),
    reportId: text('report_id').notNull(),
    location: text('location').notNull(),
    /** RFC 3339 full-dates, both included. */
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    /** JSON array of { sku, onHand, sold, onOrder, returned? }. */
    lines: text('lines').notNull(),
    lineCount: integer('line_count').notNull(),
    note: text('note'),
    /** contentHash of the report body: a repeat with other content is a conflict. */
    contentHash: text('content_hash').notNull(),
    /** Role supplier: the inventory.report as received. */
    messageId: text('message_id'),
    jws: text('jws'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('inventory_reports_key').on(t.role, t.partnerId, t.reportId),
    index('inventory_reports_location').on(t.role, t.partnerId, t.location, t.periodEnd),
  ],
);

/** The supplier's replenishment settings for one partner and SKU, at one location or all (''). */
export const inventorySettings = sqliteTable(
  'inventory_settings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull(),
    sku: text('sku').notNull(),
    /** '' applies to every location without a setting of its own. */
    location: text('location').notNull(),
    /** min_max | days_of_cover */
    policy: text('policy').notNull(),
    minQty: text('min_qty'),
    maxQty: text('max_qty'),
    coverDays: integer('cover_days'),
    leadTimeDays: integer('lead_time_days').notNull(),
    packSize: text('pack_size'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('inventory_settings_key').on(t.partnerId, t.sku, t.location)],
);

export const replenishmentProposals = sqliteTable(
  'replenishment_proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `supplier`: we proposed it; `partner`: our supplier proposed it to us. */
    role: text('role').notNull(),
    /** The partner (role supplier) or the supplier (role partner). */
    partnerId: integer('partner_id').notNull(),
    proposalId: text('proposal_id').notNull(),
    location: text('location').notNull(),
    /** JSON array of reportIds. */
    basedOn: text('based_on').notNull(),
    validUntil: integer('valid_until').notNull(),
    /** JSON array of the wire lines { sku, qty, reason }. */
    lines: text('lines').notNull(),
    /** Role supplier: JSON of the computation behind each line (never sent). */
    details: text('details'),
    contentHash: text('content_hash').notNull(),
    /** open | accepted | modified | rejected */
    status: text('status').notNull(),
    /** With modified: JSON array of { sku, qty } ordered instead. */
    decisionLines: text('decision_lines'),
    decisionReason: text('decision_reason'),
    orderId: text('order_id'),
    decidedAt: integer('decided_at'),
    /** Role supplier: 1 when the decision was sent after validUntil. */
    decisionLate: integer('decision_late').notNull().default(0),
    /** Role partner: 1 when the auto-accept rule decided it. */
    autoAccepted: integer('auto_accepted').notNull().default(0),
    /** Role partner: why the auto-accept rule did not accept it. */
    autoAcceptNote: text('auto_accept_note'),
    /** The proposal (role partner) or the decision (role supplier) as received. */
    jws: text('jws'),
    decisionJws: text('decision_jws'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('replenishment_proposals_key').on(t.role, t.partnerId, t.proposalId),
    index('replenishment_proposals_status').on(t.role, t.status, t.id),
  ],
);

/** The partner's rule, per supplier, to accept its proposals on receipt (within caps). */
export const replenishmentAutoAccept = sqliteTable('replenishment_auto_accept', {
  partnerId: integer('partner_id').primaryKey(),
  enabled: integer('enabled').notNull(),
  maxLines: integer('max_lines'),
  maxLineQty: text('max_line_qty'),
  maxTotalQty: text('max_total_qty'),
  updatedAt: integer('updated_at').notNull(),
});

export type InventoryReportRow = typeof inventoryReports.$inferSelect;
export type InventorySettingRow = typeof inventorySettings.$inferSelect;
export type ReplenishmentProposalRow = typeof replenishmentProposals.$inferSelect;
export type AutoAcceptRow = typeof replenishmentAutoAccept.$inferSelect;

/** The supplier's settings per partner: whether a report brings a proposal by itself. */
export const inventoryPartnerSettings = sqliteTable('inventory_partner_settings', {
  partnerId: integer('partner_id').primaryKey(),
  autoPropose: integer('auto_propose').notNull(),
  validDays: integer('valid_days').notNull(),
  /** The auto-propose job has answered every report received before this time. */
  checkedUpTo: integer('checked_up_to').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export type InventoryPartnerSettingsRow = typeof inventoryPartnerSettings.$inferSelect;
