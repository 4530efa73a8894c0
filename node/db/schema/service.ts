/**
 * Service requests (technical, help desk, shared services such as accounting or shipping) and
 * warranty claims, both directions: `owner` says whether this node opened the record (`self`) or
 * its partner did (`partner`). Each record is shared with exactly one partner. Times are integer
 * milliseconds (UTC), amounts decimal TEXT.
 */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const serviceRequests = sqliteTable(
  'service_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The opener's id for the request (the wire id). */
    requestId: text('request_id').notNull(),
    /** The other party: the one we opened it with, or the one that opened it with us. */
    partnerId: integer('partner_id').notNull(),
    /** self | partner: who opened it and owns the core fields. */
    owner: text('owner').notNull(),
    /** technical | help_desk | accounting | shipping | warranty | inquiry */
    category: text('category').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    /** low | normal | high | urgent */
    priority: text('priority').notNull(),
    product: text('product'),
    serial: text('serial'),
    dueAt: integer('due_at'),
    /** The core fields' version; only the opener advances it. */
    version: integer('version').notNull(),
    /** open | in_progress | waiting | resolved | closed: the winner of the updates seen. */
    status: text('status').notNull(),
    /** Stamp of the update that set `status`: its changedAt and author node (0 and '' at first). */
    statusAt: integer('status_at').notNull(),
    statusBy: text('status_by').notNull(),
    /** Our own service.update counter for this request, and the changedAt of our last one. */
    selfUpdateVersion: integer('self_update_version').notNull().default(0),
    selfUpdateAt: integer('self_update_at').notNull().default(0),
    /** The last update version applied from the partner, and its changedAt. */
    partnerUpdateVersion: integer('partner_update_version').notNull().default(0),
    partnerUpdateAt: integer('partner_update_at').notNull().default(0),
    /** When the overdue job found it past its due date (cleared when that no longer holds). */
    overdueMarkedAt: integer('overdue_marked_at'),
    /**
     * When the response-time job found that we, the provider, had not answered within the
     * agreement's response target; kept after a late answer (the breach happened).
     */
    responseBreachedAt: integer('response_breached_at'),
    withdrawnAt: integer('withdrawn_at'),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // One id per pair of parties, whoever opened it: an update names the request by id alone.
    uniqueIndex('service_requests_partner_request').on(t.partnerId, t.requestId),
    index('service_requests_request').on(t.requestId),
    index('service_requests_due').on(t.dueAt),
  ],
);

/**
 * A request's timeline: opening and revisions, every update from either side (status and partner
 * comment), internal comments (never sent), overdue marks and withdrawal. `messageId` names the
 * message that carried the event; internal comments and overdue marks have none.
 */
export const serviceEvents = sqliteTable(
  'service_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestRowId: integer('request_row_id').notNull(),
    /** opened | revised | update | comment | overdue | response_breached | withdrawn */
    type: text('type').notNull(),
    /** self | partner | system: whose event it is. */
    side: text('side').notNull(),
    /** The author's node id (null for the node's own jobs). */
    byNodeId: text('by_node_id'),
    /** When it happened: an update's changedAt, otherwise when it was made or received. */
    at: integer('at').notNull(),
    messageId: text('message_id'),
    /** Core version (opened, revised) or update version (update). */
    version: integer('version'),
    status: text('status'),
    commentId: text('comment_id'),
    commentText: text('comment_text'),
    /** partner | internal */
    visibility: text('visibility'),
    reason: text('reason'),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [
    // A version seen again from the same side is the same event: it is recorded once.
    uniqueIndex('service_events_version').on(t.requestRowId, t.type, t.side, t.version),
    index('service_events_request').on(t.requestRowId, t.at),
  ],
);

export const warrantyClaims = sqliteTable(
  'warranty_claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The claimant's id for the claim. */
    claimId: text('claim_id').notNull(),
    /** The vendor we filed it with (owner self), or the partner that filed it (owner partner). */
    partnerId: integer('partner_id').notNull(),
    /** self | partner: the claimant owns the claim's fields. */
    owner: text('owner').notNull(),
    product: text('product').notNull(),
    serial: text('serial').notNull(),
    purchaseDate: text('purchase_date').notNull(),
    failureDate: text('failure_date').notNull(),
    failure: text('failure').notNull(),
    claimedAmount: text('claimed_amount').notNull(),
    currency: text('currency').notNull(),
    /** A service request shared by the same two parties, when the claim follows one. */
    requestId: text('request_id'),
    version: integer('version').notNull(),
    /** submitted | approved | partial | rejected | more_info */
    status: text('status').notNull(),
    /** The vendor's decision version; 0 before the first decision. */
    decisionVersion: integer('decision_version').notNull().default(0),
    /** The claim version the last decision was about. */
    decidedVersion: integer('decided_version'),
    approvedAmount: text('approved_amount'),
    decisionReason: text('decision_reason'),
    decidedAt: integer('decided_at'),
    withdrawnAt: integer('withdrawn_at'),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('warranty_claims_partner_claim').on(t.partnerId, t.claimId),
    index('warranty_claims_claim').on(t.claimId),
  ],
);

/** A claim's history: versions filed, decisions, withdrawal, with the message that carried each. */
export const warrantyEvents = sqliteTable(
  'warranty_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    claimRowId: integer('claim_row_id').notNull(),
    /** filed | decision | withdrawn */
    type: text('type').notNull(),
    side: text('side').notNull(),
    byNodeId: text('by_node_id'),
    at: integer('at').notNull(),
    messageId: text('message_id'),
    /** Claim version (filed) or decision version (decision). */
    version: integer('version'),
    status: text('status'),
    amount: text('amount'),
    reason: text('reason'),
  },
  (t) => [
    uniqueIndex('warranty_events_version').on(t.claimRowId, t.type, t.version),
    index('warranty_events_claim').on(t.claimRowId, t.id),
  ],
);

export type ServiceRequestRow = typeof serviceRequests.$inferSelect;
export type ServiceEventRow = typeof serviceEvents.$inferSelect;
export type WarrantyClaimRow = typeof warrantyClaims.$inferSelect;
export type WarrantyEventRow = typeof warrantyEvents.$inferSelect;
