/**
 * The foundation's tables: admin tokens, partners, invitations, the inbox and the outbox.
 * drizzle-kit generates the SQL migrations in `node/db/migrations` from the files of this folder;
 * landed migrations are never edited. Times are integer milliseconds since the epoch (UTC).
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Admin API bearer tokens, stored as SHA-256 hashes; the plain token is shown once. */
export const adminTokens = sqliteTable('admin_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tokenHash: text('token_hash').notNull().unique(),
  label: text('label').notNull(),
  createdAt: integer('created_at').notNull(),
  revokedAt: integer('revoked_at'),
});

/** Connected (or formerly connected) partner nodes, pinned by node id and keys. */
export const partners = sqliteTable(
  'partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    nodeId: text('node_id').notNull(),
    name: text('name').notNull(),
    partnerType: text('partner_type').notNull(),
    relationship: text('relationship').notNull(),
    /** JSON array of the kinds this partner may send to us. */
    allowedKinds: text('allowed_kinds').notNull(),
    /** active | suspended | removed */
    status: text('status').notNull(),
    inboxUrl: text('inbox_url').notNull(),
    jwksUrl: text('jwks_url').notNull(),
    maxBatch: integer('max_batch').notNull(),
    maxBodyBytes: integer('max_body_bytes').notNull(),
    /** JSON array of the partner's public JWKs, as last fetched from its pinned node id. */
    keys: text('keys').notNull(),
    keysFetchedAt: integer('keys_fetched_at').notNull(),
    /** What the partner says about itself (partner.update); never changes our classification. */
    declaredProfile: text('declared_profile'),
    profileUpdatedAt: integer('profile_updated_at'),
    invitationId: text('invitation_id'),
    connectedAt: integer('connected_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('partners_node_id').on(t.nodeId)],
);

/** One-time invitations; the token itself is never stored, only its SHA-256. */
export const invitations = sqliteTable('invitations', {
  id: text('id').primaryKey(),
  tokenHash: text('token_hash').notNull().unique(),
  name: text('name').notNull(),
  partnerType: text('partner_type').notNull(),
  relationship: text('relationship').notNull(),
  allowedKinds: text('allowed_kinds').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
  usedByNodeId: text('used_by_node_id'),
  revokedAt: integer('revoked_at'),
});

/** Every accepted inbound message: the exact JWS received and the receipt we signed for it. */
export const inboundMessages = sqliteTable(
  'inbound_messages',
  {
    /** Arrival order; also the paging cursor (messages of one batch share receivedAt). */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    fromNodeId: text('from_node_id').notNull(),
    messageId: text('message_id').notNull(),
    partnerId: integer('partner_id').notNull(),
    kind: text('kind').notNull(),
    ref: text('ref'),
    jws: text('jws').notNull(),
    digest: text('digest').notNull(),
    sentAt: integer('sent_at').notNull(),
    receivedAt: integer('received_at').notNull(),
    receipt: text('receipt').notNull(),
  },
  (t) => [
    uniqueIndex('inbound_from_id').on(t.fromNodeId, t.messageId),
    index('inbound_partner_seq').on(t.partnerId, t.seq),
  ],
);

/**
 * The outbox: one row per message to one partner. `seq` orders messages per partner (FIFO).
 * The JWS is signed at the first attempt and re-sent byte for byte on every retry.
 */
export const outboundMessages = sqliteTable(
  'outbound_messages',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    messageId: text('message_id').notNull().unique(),
    partnerId: integer('partner_id').notNull(),
    toNodeId: text('to_node_id').notNull(),
    kind: text('kind').notNull(),
    ref: text('ref'),
    /** JSON of the body; the envelope is built when the message is first sent. */
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
    jws: text('jws'),
    digest: text('digest'),
    sentAt: integer('sent_at'),
    /** pending | in_flight | delivered | dead */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** The retry horizon counts from here; an admin retry restarts it. */
    horizonFrom: integer('horizon_from').notNull(),
    leaseUntil: integer('lease_until'),
    /**
     * On PostgreSQL, the process holding the lease (store/postgres/process-presence.ts): its rows
     * go back in line as soon as it is gone, not when the lease runs out. Unused on SQLite.
     */
    leaseOwner: integer('lease_owner'),
    lastErrorCode: text('last_error_code'),
    lastError: text('last_error'),
    resultStatus: text('result_status'),
    receipt: text('receipt'),
    deliveredAt: integer('delivered_at'),
    deadAt: integer('dead_at'),
  },
  (t) => [
    index('outbound_partner_status_seq').on(t.partnerId, t.status, t.seq),
    index('outbound_status_next').on(t.status, t.nextAttemptAt),
    // The queued messages alone, by partner: the claim finds each partner with something queued
    // and its queue head by searching this, so a claim round costs the partners with queued
    // messages, not every partner the node has and every message it ever sent to them.
    index('outbound_pending_partner_seq')
      .on(t.partnerId, t.seq)
      .where(sql`status = 'pending'`),
  ],
);

export type AdminTokenRow = typeof adminTokens.$inferSelect;
export type PartnerRow = typeof partners.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
export type InboundMessageRow = typeof inboundMessages.$inferSelect;
export type OutboundMessageRow = typeof outboundMessages.$inferSelect;
