/**
 * Domain events and the webhooks that carry them to a company's own systems (docs/integrations.md).
 * An event row is written in the same transaction as the change it describes, so the log holds
 * exactly the committed changes; `seq` is the cursor integrations resume from.
 */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * No secondary index: every append would pay for one (bench/sections/events.ts) and no query needs
 * it. Reads page by `seq` (the rowid); nothing looks an event up by its id, which is unique by
 * construction (time and 80 random bits, emit-event.ts); the retention purge walks the oldest rows
 * in `seq` order and stops at the first it keeps (the store's event repo).
 */
export const domainEvents = sqliteTable('domain_events', {
  /** The cursor: strictly increasing in commit order (one writer, AUTOINCREMENT never reuses). */
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  /** `evt_…`; the `webhook-id` of every delivery of this event. */
  eventId: text('event_id').notNull(),
  type: text('type').notNull(),
  /** The record's own id (lead id, order id, …) when it has one. */
  subject: text('subject'),
  /** JSON: the record after the change. */
  data: text('data').notNull(),
  /** JSON: who caused it (a partner's message, a staff principal, the node itself). */
  cause: text('cause').notNull(),
  at: integer('at').notNull(),
});

/** Standard Webhooks endpoints. The secret is shown once, at creation or rotation. */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  /** JSON array of event types or prefixes (`lead.` or `lead.*`); empty: every type. */
  events: text('events').notNull(),
  description: text('description').notNull(),
  /** `whsec_…` (base64 key), as the standardwebhooks library takes it. */
  secret: text('secret').notNull(),
  /** The secret before the last rotation: deliveries carry both signatures until it lapses. */
  previousSecret: text('previous_secret'),
  previousSecretUntil: integer('previous_secret_until'),
  /** active | disabled */
  status: text('status').notNull(),
  disabledReason: text('disabled_reason'),
  disabledAt: integer('disabled_at'),
  /** The last event seq this endpoint's queue was filled up to. */
  cursor: integer('cursor').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** One row per event per endpoint; the endpoint's queue in `seq` order (FIFO, like the outbox). */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    webhookId: text('webhook_id').notNull(),
    /** The `webhook-id` header: the event id, the same on every retry and replay. */
    messageId: text('message_id').notNull(),
    eventSeq: integer('event_seq'),
    type: text('type').notNull(),
    /** The exact JSON body sent on every attempt. */
    payload: text('payload').notNull(),
    /** pending | in_flight | delivered | dead */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    horizonFrom: integer('horizon_from').notNull(),
    leaseUntil: integer('lease_until'),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
    deadAt: integer('dead_at'),
  },
  (t) => [
    index('webhook_deliveries_queue').on(t.webhookId, t.status, t.seq),
    index('webhook_deliveries_due').on(t.status, t.nextAttemptAt),
  ],
);

export type DomainEventRow = typeof domainEvents.$inferSelect;
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
