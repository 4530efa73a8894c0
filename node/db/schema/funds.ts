/**
 * The marketing funds domain's tables: fund allocations a vendor makes to a partner, expense
 * claims filed against them, both directions (`owner` says whether this node made the record,
 * `self`, or its partner did, `partner`), and proof files uploaded through the portal. Times are
 * integer milliseconds (UTC), amounts decimal TEXT, lists JSON TEXT.
 */
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const fundAllocations = sqliteTable(
  'fund_allocations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The vendor's id for the allocation (the wire id). */
    allocationId: text('allocation_id').notNull(),
    /** The partner we allocated to (owner self), or the vendor that allocated to us (partner). */
    partnerId: integer('partner_id').notNull(),
    /** self | partner: the vendor owns every field of an allocation. */
    owner: text('owner').notNull(),
    amount: text('amount').notNull(),
    currency: text('currency').notNull(),
    /** RFC 3339 full-dates; validFrom may be absent. */
    validFrom: text('valid_from'),
    validTo: text('valid_to').notNull(),
    claimDeadline: text('claim_deadline').notNull(),
    /** JSON array of activity names. */
    activities: text('activities').notNull(),
    note: text('note'),
    version: integer('version').notNull(),
    withdrawnAt: integer('withdrawn_at'),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('fund_allocations_partner_allocation').on(t.partnerId, t.allocationId),
    index('fund_allocations_allocation').on(t.allocationId),
  ],
);

export const expenseClaims = sqliteTable(
  'expense_claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The partner's id for the claim (the wire id). */
    claimId: text('claim_id').notNull(),
    /** The vendor we filed it with (owner self), or the partner that filed it (owner partner). */
    partnerId: integer('partner_id').notNull(),
    owner: text('owner').notNull(),
    /** The allocation's wire id; with partnerId it names the allocation. */
    allocationId: text('allocation_id').notNull(),
    invoiceNumber: text('invoice_number').notNull(),
    invoiceDate: text('invoice_date').notNull(),
    activity: text('activity').notNull(),
    /** JSON array of {description, amount}. */
    lines: text('lines').notNull(),
    total: text('total').notNull(),
    currency: text('currency').notNull(),
    /** JSON array of {sha256, name, size?}. */
    proof: text('proof').notNull(),
    /** When the claim was filed: the sentAt of its message. */
    filedAt: integer('filed_at').notNull(),
    /** submitted | approved | partial | rejected | paid */
    status: text('status').notNull(),
    /** The vendor's decision version; 0 before the first decision. */
    decisionVersion: integer('decision_version').notNull().default(0),
    approvedAmount: text('approved_amount'),
    paidAmount: text('paid_amount'),
    paymentReference: text('payment_reference'),
    reason: text('reason'),
    /** With rejected: the rule that refused the claim on arrival, if one did. */
    reasonCode: text('reason_code'),
    decidedAt: integer('decided_at'),
    paidAt: integer('paid_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('expense_claims_partner_claim').on(t.partnerId, t.claimId),
    index('expense_claims_allocation').on(t.partnerId, t.allocationId),
    index('expense_claims_claim').on(t.claimId),
  ],
);

/**
 * Proof files a portal partner uploaded with its claims, kept by their SHA-256 (the digest the
 * claim carries). Stored in SQLite so that a backup holds them and an upload commits with nothing
 * else half-written; the size cap keeps rows small.
 */
export const fundProofFiles = sqliteTable(
  'fund_proof_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The partner that uploaded it: a file is only ever shown to its uploader and the vendor. */
    partnerId: integer('partner_id').notNull(),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    /** application/pdf | image/png | image/jpeg, from the file's first bytes. */
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('fund_proof_files_partner_sha').on(t.partnerId, t.sha256)],
);

export type FundAllocationRow = typeof fundAllocations.$inferSelect;
export type ExpenseClaimRow = typeof expenseClaims.$inferSelect;
export type FundProofFileRow = typeof fundProofFiles.$inferSelect;
