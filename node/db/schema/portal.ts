/**
 * The partner portal: partners without a node of their own, who work through the node's web
 * pages. Each portal partner is an ordinary row of `partners` (same kinds, same handlers); these
 * tables add what only the portal needs: the key the node holds for it, its users, their one-time
 * sign-in links and sessions (tokens stored as SHA-256 only), the e-mail notifications waiting
 * to be sent, and the portal's settings. Times are integer milliseconds (UTC).
 */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** One row per portal partner: the partners row it extends and the key that signs for it. */
export const portalPartners = sqliteTable('portal_partners', {
  partnerId: integer('partner_id').primaryKey(),
  /** The random part of its node id, `${nodeId}/portal/partners/<uid>`. */
  uid: text('uid').notNull().unique(),
  /** The private Ed25519 JWK the node signs the partner's messages with; never shown. */
  privateJwk: text('private_jwk').notNull(),
  createdAt: integer('created_at').notNull(),
  /** Set while the vendor has revoked the whole partner's access. */
  revokedAt: integer('revoked_at'),
  updatedAt: integer('updated_at').notNull(),
});

/** People who sign in for a portal partner; several per partner, each with their own links. */
export const portalUsers = sqliteTable(
  'portal_users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull(),
    /** Lower-cased; one address names one user. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
    lastSignInAt: integer('last_sign_in_at'),
    /** `en` or `zh-CN`: pages and e-mails in this language; null follows the browser. */
    language: text('language'),
  },
  (t) => [
    uniqueIndex('portal_users_email').on(t.email),
    index('portal_users_partner').on(t.partnerId),
  ],
);

/** One-time sign-in links: only the token's SHA-256 is kept. */
export const portalLinks = sqliteTable(
  'portal_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** invite (made by the vendor) | request (asked for on the sign-in page) */
    purpose: text('purpose').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('portal_links_user').on(t.userId)],
);

/** Browser sessions: the cookie's SHA-256, the form token, and an absolute expiry. */
export const portalSessions = sqliteTable(
  'portal_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    /** The CSRF token every form of the session carries. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** Signed out, or ended by a revocation. */
    endedAt: integer('ended_at'),
  },
  (t) => [
    index('portal_sessions_user').on(t.userId),
    index('portal_sessions_partner').on(t.partnerId),
  ],
);

/** E-mails to portal users, queued in the unit of work that caused them and sent by a job. */
export const portalNotifications = sqliteTable(
  'portal_notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    /** lead_offered | lead_expiring | lead_closed | deal_decided | request_changed | … */
    type: text('type').notNull(),
    /** One notification per user and key: the same event never mails twice. */
    dedupeKey: text('dedupe_key').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** The portal page it links to, under /portal. */
    path: text('path').notNull(),
    createdAt: integer('created_at').notNull(),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    sentAt: integer('sent_at'),
    failedAt: integer('failed_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('portal_notifications_dedupe').on(t.userId, t.dedupeKey),
    index('portal_notifications_due').on(t.sentAt, t.failedAt, t.nextAttemptAt),
    index('portal_notifications_user').on(t.userId, t.id),
  ],
);

/** The portal's settings (SMTP, session and link lifetimes), one row per key (JSON values). */
export const portalSettings = sqliteTable('portal_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export type PortalPartnerRow = typeof portalPartners.$inferSelect;
export type PortalUserRow = typeof portalUsers.$inferSelect;
export type PortalLinkRow = typeof portalLinks.$inferSelect;
export type PortalSessionRow = typeof portalSessions.$inferSelect;
export type PortalNotificationRow = typeof portalNotifications.$inferSelect;
