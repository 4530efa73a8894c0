import {
  and,
  asc,
  eq,
  getTableColumns,
  lt,
  gt,
  inArray,
  min,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import {
  outboundMessages,
  partners,
  type OutboundMessageRow,
} from '../../db/pg-schema/foundation.ts';
import { fitRequest } from '../outbox-request-size.ts';
import type { OutboxRepo } from '../store.ts';
import { LIVE_OWNERS } from './process-presence.ts';
import type { WritePipeline } from './write-pipeline.ts';
import type { ClaimedBatch, OutboundMessage, OutboundStatus, Page } from '../types.ts';
import {
  outboundFromRow,
  outboundSummaryFromRow,
  partnerFromRow,
  toMillis,
} from '../rows/row-mapping.ts';

/**
 * Each partner with queued messages and its queue head, by the partial index of queued messages
 * (outbound_pending_partner_seq): a recursive skip from one partner id to the next.
 */
export const PG_QUEUED_HEADS = `WITH RECURSIVE queued(partner_id) AS (
    (SELECT partner_id FROM outbound_messages WHERE status = 'pending'
     ORDER BY partner_id LIMIT 1)
    UNION ALL
    SELECT (SELECT o.partner_id FROM outbound_messages o
            WHERE o.status = 'pending' AND o.partner_id > queued.partner_id
            ORDER BY o.partner_id LIMIT 1)
    FROM queued WHERE queued.partner_id IS NOT NULL)
  SELECT partner_id,
    (SELECT o.seq FROM outbound_messages o
     WHERE o.status = 'pending' AND o.partner_id = queued.partner_id
     ORDER BY o.seq LIMIT 1) AS head
  FROM queued WHERE partner_id IS NOT NULL`;

/** The one kind still delivered to a removed partner: the notice that we disconnected. */
const FAREWELL_KIND = 'partner.disconnect';

// What a listing shows: every column but the body, the signed JWS and the receipt.
const {
  body: _body,
  jws: _jws,
  receipt: _receipt,
  ...OUTBOUND_SUMMARY_COLUMNS
} = getTableColumns(outboundMessages);

function listWhere(
  filter: { status?: OutboundStatus; partnerId?: number },
  page: Page,
): SQL | undefined {
  const where: SQL[] = [];
  if (filter.status !== undefined) where.push(eq(outboundMessages.status, filter.status));
  if (filter.partnerId !== undefined) where.push(eq(outboundMessages.partnerId, filter.partnerId));
  if (page.after !== undefined) where.push(gt(outboundMessages.seq, page.after));
  return and(...where);
}

/**
 * `owner`: the process that leases what this repo claims (process-presence.ts). The two writes
 * of every message's delivery (signed, delivered) are pipelined (write-pipeline.ts).
 */
export function createOutboxRepo(
  db: Db,
  pipeline: WritePipeline,
  owner: number | null = null,
): OutboxRepo {
  return {
    async enqueue(drafts, at) {
      if (drafts.length === 0) return [];
      const now = toMillis(at);
      const rows = await db
        .insert(outboundMessages)
        .values(
          drafts.map((d) => ({
            messageId: d.messageId,
            partnerId: d.partnerId,
            toNodeId: d.toNodeId,
            kind: d.kind,
            ref: d.ref ?? null,
            body: JSON.stringify(d.body),
            createdAt: now,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            horizonFrom: now,
          })),
        )
        .returning();
      // One multi-row insert: its rows come back in the order given (sequence values follow it).
      return rows.sort((a, b) => a.seq - b.seq).map(outboundFromRow);
    },

    async claimDue({ now, leaseUntil, maxPartners, probeBatch, settling = [] }) {
      const nowMs = toMillis(now);
      const leaseMs = toMillis(leaseUntil);
      // A lease that ran out means the worker died or hung mid-delivery, and one whose owner is
      // no longer alive means its process died: the rows go back in line.
      await db
        .update(outboundMessages)
        .set({ status: 'pending', leaseUntil: null, leaseOwner: null })
        .where(
          and(
            eq(outboundMessages.status, 'in_flight'),
            or(
              lt(outboundMessages.leaseUntil, nowMs),
              sql`${outboundMessages.leaseOwner} NOT IN ${LIVE_OWNERS}`,
            ),
          ),
        );

      const busy = new Set(
        (
          await db
            .selectDistinct({ partnerId: outboundMessages.partnerId })
            .from(outboundMessages)
            .where(eq(outboundMessages.status, 'in_flight'))
        ).map((r) => r.partnerId),
      );
      for (const id of settling) busy.delete(id);
      // The partners with queued messages, each with its queue head: a skip over the index of
      // queued messages, one search per such partner (as the SQLite store's claim), not a search
      // per partner the node has.
      const heads = await db
        .select({
          partner: partners,
          head: sql<number>`queued.head`.mapWith(Number),
        })
        .from(partners)
        .innerJoin(
          sql.raw(`(${PG_QUEUED_HEADS}) AS queued`),
          sql`queued.partner_id = ${partners.id}`,
        )
        .orderBy(partners.id);
      const batches: ClaimedBatch[] = [];
      for (const { partner: partnerRow, head } of heads) {
        if (batches.length >= maxPartners) break;
        if (busy.has(partnerRow.id)) continue;
        const [headRow] = await db
          .select()
          .from(outboundMessages)
          .where(eq(outboundMessages.seq, head));
        if (!headRow || headRow.nextAttemptAt > nowMs) continue;
        const farewellOnly = partnerRow.status === 'removed';
        if (partnerRow.status === 'suspended') continue;
        if (farewellOnly && headRow.kind !== FAREWELL_KIND) continue;

        const limit =
          headRow.attempts > 0 ? Math.min(probeBatch, partnerRow.maxBatch) : partnerRow.maxBatch;
        // SKIP LOCKED: rows another process is leasing at this moment are not waited for.
        const queue = await db
          .select({
            seq: outboundMessages.seq,
            // The stored sizes, without detoasting the values (outbox-request-size.ts).
            bodyBytes: sql<number>`octet_length(${outboundMessages.body})`.mapWith(Number),
            jwsBytes: sql<number | null>`octet_length(${outboundMessages.jws})`.mapWith((v) =>
              v === null ? null : Number(v),
            ),
          })
          .from(outboundMessages)
          .where(
            and(
              eq(outboundMessages.partnerId, partnerRow.id),
              eq(outboundMessages.status, 'pending'),
              farewellOnly ? eq(outboundMessages.kind, FAREWELL_KIND) : undefined,
            ),
          )
          .orderBy(asc(outboundMessages.seq))
          // One row past the limit says whether the queue holds more than the batch takes.
          .limit(limit + 1)
          .for('update', { skipLocked: true });
        if (queue.length === 0) continue;
        const fitted = fitRequest(queue.slice(0, limit), partnerRow.maxBodyBytes);
        const rows = await db
          .update(outboundMessages)
          .set({ status: 'in_flight', leaseUntil: leaseMs, leaseOwner: owner })
          .where(inArray(outboundMessages.seq, fitted))
          .returning();
        batches.push({
          partner: partnerFromRow(partnerRow),
          messages: rows.sort((a, b) => a.seq - b.seq).map(outboundFromRow),
          more: queue.length > fitted.length,
        });
      }
      return batches;
    },

    async releaseLeases() {
      const rows = await db
        .update(outboundMessages)
        .set({ status: 'pending', leaseUntil: null })
        .where(eq(outboundMessages.status, 'in_flight'))
        .returning({ seq: outboundMessages.seq });
      return rows.length;
    },

    async wakeUnreachable(partnerIds, now) {
      if (partnerIds.length === 0) return 0;
      const nowMs = toMillis(now);
      const rows = await db
        .update(outboundMessages)
        .set({ nextAttemptAt: nowMs })
        .where(
          and(
            inArray(outboundMessages.partnerId, partnerIds),
            eq(outboundMessages.status, 'pending'),
            gt(outboundMessages.nextAttemptAt, nowMs),
            inArray(outboundMessages.lastErrorCode, ['network', 'timeout']),
          ),
        )
        .returning({ seq: outboundMessages.seq });
      return rows.length;
    },

    async recordSigned(seq, jws, digest, sentAt) {
      pipeline.send(
        'UPDATE outbound_messages SET jws = $1, digest = $2, sent_at = $3 WHERE seq = $4',
        [jws, digest, toMillis(sentAt), seq],
      );
    },

    async markDelivered(seq, { resultStatus, receipt, at }) {
      pipeline.send(
        `UPDATE outbound_messages SET status = 'delivered', result_status = $1, receipt = $2,
           delivered_at = $3, lease_until = NULL, last_error_code = NULL, last_error = NULL
         WHERE seq = $4`,
        [resultStatus, receipt, toMillis(at), seq],
      );
    },

    async markDead(seq, { code, detail, at, rejected }) {
      await db
        .update(outboundMessages)
        .set({
          status: 'dead',
          resultStatus: rejected ? 'rejected' : null,
          lastErrorCode: code,
          lastError: detail,
          deadAt: toMillis(at),
          leaseUntil: null,
        })
        .where(eq(outboundMessages.seq, seq));
    },

    async reschedule(seqs, { nextAttemptAt, code, detail, countAttempt }) {
      if (seqs.length === 0) return;
      await db
        .update(outboundMessages)
        .set({
          status: 'pending',
          leaseUntil: null,
          nextAttemptAt: toMillis(nextAttemptAt),
          lastErrorCode: code,
          lastError: detail,
          attempts: countAttempt
            ? sql`${outboundMessages.attempts} + 1`
            : outboundMessages.attempts,
        })
        .where(and(inArray(outboundMessages.seq, seqs), eq(outboundMessages.status, 'in_flight')));
    },

    async get(messageId) {
      const row = (
        await db.select().from(outboundMessages).where(eq(outboundMessages.messageId, messageId))
      )[0];
      return row ? outboundFromRow(row) : null;
    },

    async countDelivered(partnerId, messageIds) {
      if (messageIds.length === 0) return 0;
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(outboundMessages)
        .where(
          and(
            eq(outboundMessages.partnerId, partnerId),
            eq(outboundMessages.status, 'delivered'),
            inArray(outboundMessages.messageId, [...messageIds]),
          ),
        );
      return row?.n ?? 0;
    },

    async list(filter, page) {
      return (
        await db
          .select(OUTBOUND_SUMMARY_COLUMNS)
          .from(outboundMessages)
          .where(listWhere(filter, page))
          .orderBy(asc(outboundMessages.seq))
          .limit(page.limit)
      ).map(outboundSummaryFromRow);
    },

    async listStored(filter, page) {
      return (
        await db
          .select()
          .from(outboundMessages)
          .where(listWhere(filter, page))
          .orderBy(asc(outboundMessages.seq))
          .limit(page.limit)
      ).map(outboundFromRow);
    },

    async retryDead({ messageIds, partnerId }, at) {
      const where: SQL[] = [
        eq(outboundMessages.status, 'dead'),
        notInArray(
          outboundMessages.partnerId,
          db.select({ id: partners.id }).from(partners).where(eq(partners.status, 'removed')),
        ),
      ];
      if (messageIds !== undefined) where.push(inArray(outboundMessages.messageId, messageIds));
      if (partnerId !== undefined) where.push(eq(outboundMessages.partnerId, partnerId));
      const result = await db
        .update(outboundMessages)
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: toMillis(at),
          horizonFrom: toMillis(at),
          deadAt: null,
          resultStatus: null,
        })
        .where(and(...where));
      return result.count;
    },

    async deadLetterPending(partnerId, { code, detail, at }) {
      const result = await db
        .update(outboundMessages)
        .set({ status: 'dead', lastErrorCode: code, lastError: detail, deadAt: toMillis(at) })
        .where(
          and(
            eq(outboundMessages.partnerId, partnerId),
            inArray(outboundMessages.status, ['pending', 'in_flight']),
          ),
        );
      return result.count;
    },

    async nextDueAt() {
      const row = (
        await db
          .select({ next: min(outboundMessages.nextAttemptAt) })
          .from(outboundMessages)
          .where(eq(outboundMessages.status, 'pending'))
      )[0];
      return row?.next == null ? null : new Date(row.next);
    },

    async counts() {
      return (
        await db
          .select({
            partnerId: outboundMessages.partnerId,
            status: outboundMessages.status,
            count: sql<number>`count(*)`.mapWith(Number),
          })
          .from(outboundMessages)
          .groupBy(outboundMessages.partnerId, outboundMessages.status)
      ).map((r) => ({ ...r, status: r.status as OutboundStatus }));
    },
  };
}
