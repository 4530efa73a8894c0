/**
 * Shared services (accounting, help desk, shipping and the rest of the service categories):
 * the documents a request carries, the service agreement this node keeps with each partner it
 * serves, and the charges billable requests produce. Times are integer milliseconds (UTC),
 * amounts decimal TEXT, JSON as TEXT.
 */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Read-only snapshots of documents attached to a service request, held by both parties: the
 * opener took them from its own records when it sent the request; the provider stores them as
 * received and erases them when the request is withdrawn.
 */
export const serviceAttachments = sqliteTable(
  'service_attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestRowId: integer('request_row_id').notNull(),
    /** Position in the request's `attachments` array. */
    position: integer('position').notNull(),
    /** order | shipment | invoice | receivable */
    type: text('type').notNull(),
    /** The shared id of the record the snapshot was taken from (an order's wire id). */
    recordId: text('record_id').notNull(),
    /** sha-256 of the snapshot's canonical JSON, as on the wire. */
    contentHash: text('content_hash').notNull(),
    /** JSON: the snapshot as sent. */
    snapshot: text('snapshot').notNull(),
    /** When the opener took it (the request's sending time). */
    takenAt: integer('taken_at').notNull(),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('service_attachments_position').on(t.requestRowId, t.position)],
);

/** What this node offers one partner as a service provider; no row: every category, no SLA. */
export const serviceAgreements = sqliteTable(
  'service_agreements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull(),
    /** JSON array of request categories offered. */
    categories: text('categories').notNull(),
    /** Hours from receipt to the first answer, and to resolution; null: no target. */
    responseHours: integer('response_hours'),
    resolutionHours: integer('resolution_hours'),
    billable: integer('billable', { mode: 'boolean' }).notNull(),
    /** With billable: the price, its currency, and whether per request or per hour started. */
    price: text('price'),
    currency: text('currency'),
    /** request | hour */
    priceUnit: text('price_unit'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('service_agreements_partner').on(t.partnerId)],
);

/** What a partner owes this node for one billable request, booked when it was resolved. */
export const serviceCharges = sqliteTable(
  'service_charges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestRowId: integer('request_row_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    /** request | hour */
    unit: text('unit').notNull(),
    /** Units billed: 1 per request, or hours started from receipt to resolution. */
    quantity: integer('quantity').notNull(),
    price: text('price').notNull(),
    amount: text('amount').notNull(),
    currency: text('currency').notNull(),
    /** open | invoiced */
    status: text('status').notNull(),
    /** The invoice number the operator gave when invoicing. */
    invoiceNumber: text('invoice_number'),
    invoicedAt: integer('invoiced_at'),
    bookedAt: integer('booked_at').notNull(),
  },
  (t) => [
    uniqueIndex('service_charges_request').on(t.requestRowId),
    index('service_charges_partner').on(t.partnerId, t.status),
  ],
);

export type ServiceAttachmentRow = typeof serviceAttachments.$inferSelect;
export type ServiceAgreementRow = typeof serviceAgreements.$inferSelect;
export type ServiceChargeRow = typeof serviceCharges.$inferSelect;
