/**
 * Indirect orders, both directions: `direction` says whether this node placed the order as the
 * buyer (`outgoing`) or a partner placed it with us as the seller (`incoming`). The buyer owns
 * the order's fields (an order is never revised); the seller owns its response and its status
 * milestones. Receivables are the seller's. Times are integer milliseconds (UTC), amounts and
 * quantities decimal TEXT, JSON as TEXT.
 */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The buyer's id for the order (the wire id). */
    orderId: text('order_id').notNull(),
    /** The seller (direction outgoing) or the buyer (direction incoming). */
    partnerId: integer('partner_id').notNull(),
    /** outgoing | incoming */
    direction: text('direction').notNull(),
    /** standard | drop_ship | cash_sale | replenishment */
    type: text('type').notNull(),
    priceListId: text('price_list_id').notNull(),
    priceListVersion: integer('price_list_version').notNull(),
    currency: text('currency').notNull(),
    /** JSON array of { line, sku, qty, unitPrice } as placed. */
    lines: text('lines').notNull(),
    /** Sum of qty × unitPrice of the lines as placed. */
    total: text('total').notNull(),
    /** JSON objects, null when absent. */
    shipTo: text('ship_to'),
    endCustomer: text('end_customer'),
    /** Cash sales: when the goods were handed over (RFC 3339, as on the wire). */
    soldAt: text('sold_at'),
    note: text('note'),
    /** A payment_terms code of the seller's accounting data, when the buyer named one. */
    paymentTerms: text('payment_terms'),
    /** The order date: soldAt for a cash sale, else when it was placed (the message's sentAt). */
    orderedAt: integer('ordered_at').notNull(),
    /** The message that carried order.place. */
    placeMessageId: text('place_message_id'),
    /** AB | AP | CA | RE: the seller's latest answer; null before the first. */
    responseCode: text('response_code'),
    /** JSON array of the lines a CA changed or an RE found at fault. */
    responseLines: text('response_lines'),
    responseReason: text('response_reason'),
    responseReasonCode: text('response_reason_code'),
    respondedAt: integer('responded_at'),
    /** The total after a CA's changes (the total as placed after AP); null before acceptance. */
    acceptedTotal: text('accepted_total'),
    /** Seller's milestones; each set once, the status derives from them. */
    shippedAt: integer('shipped_at'),
    tracking: text('tracking'),
    deliveredAt: integer('delivered_at'),
    invoicedAt: integer('invoiced_at'),
    /** When the invoice falls due: the invoice date plus the order's payment terms' days. */
    paymentDueAt: integer('payment_due_at'),
    cancelledAt: integer('cancelled_at'),
    /** buyer | seller */
    cancelledBy: text('cancelled_by'),
    cancelReason: text('cancel_reason'),
    /** Buyer side: when we asked the seller to cancel (the seller's order.status confirms). */
    cancelRequestedAt: integer('cancel_requested_at'),
    /** placed | acknowledged | accepted | rejected | shipped | delivered | invoiced | cancelled */
    status: text('status').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // An order id is the buyer's: unique per pair of parties, whoever placed it.
    uniqueIndex('orders_partner_order').on(t.partnerId, t.orderId),
    index('orders_order').on(t.orderId),
    index('orders_status').on(t.status),
  ],
);

/**
 * An order's timeline: placing, each response and status change from either side, cancellation
 * requests and payments, with the message that carried each (none for local events).
 */
export const orderEvents = sqliteTable(
  'order_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderRowId: integer('order_row_id').notNull(),
    /** placed | response | status | cancel_requested | payment */
    type: text('type').notNull(),
    /** self | partner */
    side: text('side').notNull(),
    byNodeId: text('by_node_id'),
    at: integer('at').notNull(),
    messageId: text('message_id'),
    /** A response code, a status, or a payment's amount. */
    code: text('code'),
    /** JSON of what else the event carried (tracking, changed lines, reason). */
    detail: text('detail'),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [index('order_events_order').on(t.orderRowId, t.at)],
);

/** What a buyer owes this node (the seller) for one order, booked at invoicing or a cash sale. */
export const receivables = sqliteTable(
  'receivables',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderRowId: integer('order_row_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    currency: text('currency').notNull(),
    amount: text('amount').notNull(),
    paid: text('paid').notNull(),
    /** open | paid */
    status: text('status').notNull(),
    bookedAt: integer('booked_at').notNull(),
    paidAt: integer('paid_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('receivables_order').on(t.orderRowId),
    index('receivables_partner').on(t.partnerId, t.status),
  ],
);

export const receivablePayments = sqliteTable(
  'receivable_payments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    receivableId: integer('receivable_id').notNull(),
    amount: text('amount').notNull(),
    /** When it was paid, as the operator says; defaults to when it was recorded. */
    paidAt: integer('paid_at').notNull(),
    note: text('note'),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [index('receivable_payments_receivable').on(t.receivableId)],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type ReceivableRow = typeof receivables.$inferSelect;
export type PaymentRow = typeof receivablePayments.$inferSelect;
