/**
 * Refusals: a message a partner refused (a per-message rejection: `forbidden`, `invalid_body`, …),
 * kept with the record it was about, so that the record shows it and the operator is told. A later
 * message about the same record that the partner accepts clears it. Times are integer
 * milliseconds (UTC).
 */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const refusals = sqliteTable(
  'refusals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull(),
    messageId: text('message_id').notNull().unique(),
    kind: text('kind').notNull(),
    /** The record the message was about (`deal`, `lead`, …) and its shared id; null when none. */
    recordKind: text('record_kind'),
    recordId: text('record_id'),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    at: integer('at').notNull(),
    /** Set when the operator acknowledged it (`refusals --ack`). */
    seenAt: integer('seen_at'),
    /** Set when a later message about the same record was accepted. */
    clearedAt: integer('cleared_at'),
    /**
     * The staff member whose change queued the message (from the audit row naming it), so that
     * the person who sent it is told; null when the CLI or a job sent it.
     */
    sentBy: text('sent_by'),
    sentByEmail: text('sent_by_email'),
    /** When the sender was e-mailed about it, or given up on (node/jobs/refusal-mail-job.ts). */
    mailedAt: integer('mailed_at'),
    mailAttempts: integer('mail_attempts').notNull().default(0),
  },
  (t) => [
    index('refusals_record').on(t.recordKind, t.recordId, t.partnerId),
    index('refusals_seen').on(t.seenAt, t.id),
    index('refusals_sender').on(t.sentBy, t.seenAt, t.id),
    index('refusals_mail').on(t.mailedAt, t.id),
  ],
);

export type RefusalRow = typeof refusals.$inferSelect;
