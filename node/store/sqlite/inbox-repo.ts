import type Database from 'better-sqlite3';
import { and, desc, eq, getTableColumns, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { inboundMessages, type InboundMessageRow } from '../../db/schema/foundation.ts';
import type { InboxRepo } from '../store.ts';
import type { Page } from '../types.ts';
import { inboundFromRow, inboundSummaryFromRow, toMillis } from '../rows/row-mapping.ts';

// What a listing shows: every column but the stored JWS and receipt, which can be large.
const { jws: _jws, receipt: _receipt, ...SUMMARY_COLUMNS } = getTableColumns(inboundMessages);

/** The duplicate check of every inbound message (`*` stands for the select list). */
export const INBOX_DEDUPE_SQL =
  'SELECT * FROM inbound_messages WHERE from_node_id = ? AND message_id = ?';

export function createInboxRepo(db: Db, sqlite: Database.Database): InboxRepo {
  // The inbox hot path: raw statements, prepared once, reused for every message (drizzle's query
  // building and result mapping cost several times the statement itself). The select list
  // aliases every column to drizzle's key, so the row mapper applies unchanged.
  const columns = Object.entries(getTableColumns(inboundMessages))
    .map(([key, column]) => `"${column.name}" AS "${key}"`)
    .join(', ');
  const findStmt = sqlite.prepare<[string, string], InboundMessageRow>(
    INBOX_DEDUPE_SQL.replace('*', columns),
  );
  const insertStmt = sqlite.prepare<
    [string, string, number, string, string | null, string, string, number, number, string]
  >(
    `INSERT INTO inbound_messages
       (from_node_id, message_id, partner_id, kind, ref, jws, digest, sent_at, received_at, receipt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const storedBytesStmt = sqlite.prepare<
    [number, number],
    { bytes: number | null; lastSeq: number | null }
  >(
    // CAST AS BLOB: length() then counts bytes, not characters.
    `SELECT sum(length(CAST(jws AS BLOB))) AS bytes, max(seq) AS lastSeq
     FROM inbound_messages WHERE partner_id = ? AND seq > ?`,
  );

  return {
    async find(fromNodeId, messageId) {
      const row = findStmt.get(fromNodeId, messageId);
      return row ? inboundFromRow(row) : null;
    },
    async insert(m) {
      insertStmt.run(
        m.fromNodeId,
        m.messageId,
        m.partnerId,
        m.kind,
        m.ref,
        m.jws,
        m.digest,
        toMillis(m.sentAt),
        toMillis(m.receivedAt),
        m.receipt,
      );
    },
    async storedBytes(partnerId, afterSeq = 0) {
      const row = storedBytesStmt.get(partnerId, afterSeq);
      return { bytes: row?.bytes ?? 0, lastSeq: row?.lastSeq ?? afterSeq };
    },
    async list(filter, page) {
      return db
        .select(SUMMARY_COLUMNS)
        .from(inboundMessages)
        .where(listWhere(filter, page))
        .orderBy(desc(inboundMessages.seq))
        .limit(page.limit)
        .all()
        .map(inboundSummaryFromRow);
    },
    async listStored(filter, page) {
      return db
        .select()
        .from(inboundMessages)
        .where(listWhere(filter, page))
        .orderBy(desc(inboundMessages.seq))
        .limit(page.limit)
        .all()
        .map(inboundFromRow);
    },
  };
}

function listWhere(filter: { partnerId?: number; kind?: string }, page: Page): SQL | undefined {
  const where: SQL[] = [];
  if (filter.partnerId !== undefined) where.push(eq(inboundMessages.partnerId, filter.partnerId));
  if (filter.kind !== undefined) where.push(eq(inboundMessages.kind, filter.kind));
  if (page.after !== undefined) where.push(lt(inboundMessages.seq, page.after));
  return and(...where);
}
