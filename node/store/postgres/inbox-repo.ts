import { and, desc, eq, getTableColumns, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { inboundMessages } from '../../db/pg-schema/foundation.ts';
import type { InboxRepo } from '../store.ts';
import type { Page } from '../types.ts';
import { inboundFromRow, inboundSummaryFromRow, toMillis } from '../rows/row-mapping.ts';
import type { WritePipeline } from './write-pipeline.ts';

// What a listing shows: every column but the stored JWS and receipt, which can be large.
const { jws: _jws, receipt: _receipt, ...SUMMARY_COLUMNS } = getTableColumns(inboundMessages);

/** Storing a received message is pipelined (write-pipeline.ts): the inbox stores one per message. */
export function createInboxRepo(db: Db, pipeline: WritePipeline): InboxRepo {
  return {
    async find(fromNodeId, messageId) {
      const [row] = await db
        .select()
        .from(inboundMessages)
        .where(
          and(eq(inboundMessages.fromNodeId, fromNodeId), eq(inboundMessages.messageId, messageId)),
        );
      return row ? inboundFromRow(row) : null;
    },
    async insert(m) {
      pipeline.send(
        `INSERT INTO inbound_messages (from_node_id, message_id, partner_id, kind, ref, jws, digest,
           sent_at, received_at, receipt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
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
        ],
      );
    },
    // By the inbound_partner_seq index: what was stored after `afterSeq`, not the whole inbox.
    async storedBytes(partnerId, afterSeq = 0) {
      const [row] = await db
        .select({
          bytes: sql<number | null>`sum(octet_length(${inboundMessages.jws}))`.mapWith(Number),
          lastSeq: sql<number | null>`max(${inboundMessages.seq})`.mapWith(Number),
        })
        .from(inboundMessages)
        .where(and(eq(inboundMessages.partnerId, partnerId), gt(inboundMessages.seq, afterSeq)));
      return { bytes: row?.bytes ?? 0, lastSeq: row?.lastSeq ?? afterSeq };
    },
    async list(filter, page) {
      return (
        await db
          .select(SUMMARY_COLUMNS)
          .from(inboundMessages)
          .where(listWhere(filter, page))
          .orderBy(desc(inboundMessages.seq))
          .limit(page.limit)
      ).map(inboundSummaryFromRow);
    },
    async listStored(filter, page) {
      return (
        await db
          .select()
          .from(inboundMessages)
          .where(listWhere(filter, page))
          .orderBy(desc(inboundMessages.seq))
          .limit(page.limit)
      ).map(inboundFromRow);
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
