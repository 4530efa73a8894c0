/**
 * What the company's staff are told: notifications derived from the domain events (a deal
 * registration to decide, an overdue service request, a refused message, …) by a timed job, one
 * row per person and event, read in the console's inbox and collected into an opt-in e-mail
 * digest. Times are integer milliseconds (UTC).
 */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const staffNotifications = sqliteTable(
  'staff_notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    staffId: text('staff_id').notNull(),
    /** deal_to_decide | request_overdue | message_refused | claim_to_decide | order_to_answer */
    type: text('type').notNull(),
    /** The console area of the record: shown only while the reader's roles see that area. */
    area: text('area').notNull(),
    /** One notification per person and key: the same event never notifies twice. */
    dedupeKey: text('dedupe_key').notNull(),
    /** JSON: names, ids and codes the text is composed from, in the reader's language. */
    facts: text('facts').notNull(),
    /** The console page it links to, below /console. */
    path: text('path').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
    /** When a digest mail carried it (or gave up on it): never mailed twice. */
    mailedAt: integer('mailed_at'),
  },
  (t) => [
    uniqueIndex('staff_notifications_dedupe').on(t.staffId, t.dedupeKey),
    index('staff_notifications_staff').on(t.staffId, t.id),
    index('staff_notifications_unread').on(t.staffId, t.readAt),
  ],
);

/** A person's e-mail digest: off unless they chose it, and the state of its sending. */
export const staffNotificationDigests = sqliteTable('staff_notification_digests', {
  staffId: text('staff_id').primaryKey(),
  /** off | hourly | daily */
  frequency: text('frequency').notNull(),
  lastSentAt: integer('last_sent_at'),
  /** Failed attempts of the digest now due; reset when one is sent. */
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: integer('next_attempt_at'),
  lastError: text('last_error'),
  updatedAt: integer('updated_at').notNull(),
});

/** How far the job has read each source (`events`: domain event seq, `refusals`: refusal id). */
export const staffNotificationCursors = sqliteTable('staff_notification_cursors', {
  source: text('source').primaryKey(),
  position: integer('position').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export type StaffNotificationRow = typeof staffNotifications.$inferSelect;
export type StaffNotificationDigestRow = typeof staffNotificationDigests.$inferSelect;
