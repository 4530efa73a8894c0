/**
 * The company's own people: staff accounts with their roles, sign-in secrets (argon2id password
 * hash, TOTP key), one-time sign-in links, console sessions and personal API tokens (tokens,
 * links and session cookies stored as SHA-256 only), the staff settings, and the audit trail.
 * Times are integer milliseconds (UTC).
 */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const staffUsers = sqliteTable(
  'staff_users',
  {
    /** A UUID: the `staffId` of a principal and of the audit trail. */
    id: text('id').primaryKey(),
    /** Lower-cased; one address names one person. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** BCP 47 tag of the language the console speaks to them in. */
    language: text('language').notNull(),
    /** JSON array of role names. */
    roles: text('roles').notNull(),
    /** argon2id PHC string, or null until they set a password. */
    passwordHash: text('password_hash'),
    /** The TOTP key (base64), or null when they use no second factor. */
    totpKey: text('totp_key'),
    /** The last TOTP time step accepted: a code is accepted once. */
    totpLastStep: integer('totp_last_step'),
    /** The OIDC subject (`issuer#sub`) once they signed in through the identity provider. */
    oidcSubject: text('oidc_subject'),
    /** Failed sign-ins in a row; reset by a successful one. */
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: integer('locked_until'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    removedAt: integer('removed_at'),
    lastSignInAt: integer('last_sign_in_at'),
  },
  (t) => [uniqueIndex('staff_users_email').on(t.email)],
);

/** Personal API tokens: act on /api as their owner, with at most the owner's roles. */
export const staffTokens = sqliteTable(
  'staff_tokens',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** JSON array of role names, or null for "whatever roles the owner holds". */
    roles: text('roles'),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    revokedAt: integer('revoked_at'),
    lastUsedAt: integer('last_used_at'),
  },
  (t) => [index('staff_tokens_staff').on(t.staffId)],
);

/** One-time console sign-in links. */
export const staffLinks = sqliteTable(
  'staff_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    staffId: text('staff_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('staff_links_staff').on(t.staffId)],
);

/** Console sessions: the cookie's SHA-256, the form token, idle and absolute expiry. */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    staffId: text('staff_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    /** link | password | oidc */
    method: text('method').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    endedAt: integer('ended_at'),
  },
  (t) => [index('staff_sessions_staff').on(t.staffId)],
);

/** Staff settings (TOTP policy, session timeouts, identity provider), one row per key (JSON). */
export const staffSettings = sqliteTable('staff_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * The audit trail: append-only, each row carrying the SHA-256 of the previous row's hash and its
 * own canonical form, so an edited or deleted row breaks the chain (see node/staff/audit-chain.ts).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: integer('at').notNull(),
    /** admin-token | api-token | session | cli | anonymous */
    actorKind: text('actor_kind').notNull(),
    staffId: text('staff_id'),
    email: text('email'),
    tokenId: text('token_id'),
    /** The client address, or `local` for the CLI. */
    address: text('address').notNull(),
    /** `POST /api/partners/:id/suspend`, `staff.add`, `sign_in.password`, … */
    operation: text('operation').notNull(),
    record: text('record'),
    /** ok, or the stable code of a refusal. */
    outcome: text('outcome').notNull(),
    /** JSON array of the message ids it caused. */
    messageIds: text('message_ids').notNull(),
    /** JSON object with a few more facts (never a secret). */
    detail: text('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_staff').on(t.staffId, t.seq),
    index('audit_log_record').on(t.record, t.seq),
    index('audit_log_at').on(t.at),
  ],
);

export type StaffUserRow = typeof staffUsers.$inferSelect;
export type StaffTokenRow = typeof staffTokens.$inferSelect;
export type StaffSessionRow = typeof staffSessions.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
