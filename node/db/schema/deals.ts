/**
 * Deal registration: the registrations this node made with its vendors (role `partner`) and those
 * its partners made with it (role `vendor`), the messages that carried them (kept as proof of who
 * registered what and when) and the domain's settings. Times are integer milliseconds (UTC).
 */
import {
  sqliteTable,
  text,
  integer,
  index,
  primaryKey,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

export const deals = sqliteTable(
  'deals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Our role: `partner` (we registered it with the vendor) or `vendor` (registered with us). */
    role: text('role').notNull(),
    /** The vendor (role partner) or the registering partner (role vendor). */
    partnerId: integer('partner_id').notNull(),
    /** The registering partner's id for the deal. */
    dealId: text('deal_id').notNull(),
    version: integer('version').notNull(),
    customerName: text('customer_name').notNull(),
    customerCountry: text('customer_country').notNull(),
    customerDomain: text('customer_domain'),
    /** normalizeCompanyName / normalizeDomain of the above, for the conflict rule's lookups. */
    normalizedName: text('normalized_name').notNull(),
    normalizedDomain: text('normalized_domain'),
    /** JSON array of product ids. */
    products: text('products').notNull(),
    estimatedValue: text('estimated_value').notNull(),
    currency: text('currency').notNull(),
    expectedCloseDate: text('expected_close_date').notNull(),
    notes: text('notes'),
    /** submitted | returned | approved | rejected | conflict | expired | withdrawn */
    status: text('status').notNull(),
    /** The vendor's decision version; 0 before the first decision. */
    decisionVersion: integer('decision_version').notNull().default(0),
    /** The registration version the last decision was about. */
    decidedVersion: integer('decided_version'),
    decidedAt: integer('decided_at'),
    decisionReason: text('decision_reason'),
    protectedUntil: integer('protected_until'),
    /** Role vendor: JSON of the records an automatic conflict decision clashed with. */
    conflicts: text('conflicts'),
    withdrawnAt: integer('withdrawn_at'),
    withdrawnReason: text('withdrawn_reason'),
    /** When the first version was registered (sent, or received). */
    registeredAt: integer('registered_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('deals_role_partner_deal').on(t.role, t.partnerId, t.dealId),
    index('deals_role_status').on(t.role, t.status, t.id),
    index('deals_domain').on(t.normalizedDomain),
    index('deals_name_country').on(t.normalizedName, t.customerCountry),
    index('deals_protection').on(t.status, t.protectedUntil),
  ],
);

/**
 * The registrations a vendor-side registration's automatic decision clashed with (its `conflicts`
 * of type `deal`), one row per pair: the earlier registration's "later clashes" are found by
 * index instead of by reading the JSON of every registration with conflicts. Rewritten with each
 * decision, like `conflicts`.
 */
export const dealConflictLinks = sqliteTable(
  'deal_conflict_links',
  {
    earlierRowId: integer('earlier_row_id').notNull(),
    laterRowId: integer('later_row_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.earlierRowId, t.laterRowId] }),
    index('deal_conflict_links_later').on(t.laterRowId),
  ],
);

/**
 * Every message about a deal, both directions. Inbound ones keep the exact JWS received (the
 * sender's signed statement); outbound ones point at the outbox row, which holds the signed JWS
 * and the recipient's receipt.
 */
export const dealMessages = sqliteTable(
  'deal_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealRowId: integer('deal_row_id').notNull(),
    /** in | out */
    direction: text('direction').notNull(),
    kind: text('kind').notNull(),
    messageId: text('message_id').notNull(),
    /** The registration version (deal.register) or decision version (deal.decision). */
    version: integer('version'),
    /** Inbound only: the JWS as received. */
    jws: text('jws'),
    at: integer('at').notNull(),
  },
  (t) => [index('deal_messages_deal').on(t.dealRowId, t.id)],
);

/** The domain's settings, one row per key (JSON values). */
export const dealSettings = sqliteTable('deal_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export type DealRow = typeof deals.$inferSelect;
export type DealMessageRow = typeof dealMessages.$inferSelect;
