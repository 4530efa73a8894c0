import type Database from 'better-sqlite3';
import {
  and,
  asc,
  eq,
  getTableColumns,
  gt,
  inArray,
  min,
  notInArray,
  sql,
  type SQL,
  type Table,
} from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import {
  outboundMessages,
  partners,
  type OutboundMessageRow,
  type PartnerRow,
} from '../../db/schema/foundation.ts';
import { fitRequest, type QueuedSize } from '../outbox-request-size.ts';
import type { OutboxRepo } from '../store.ts';
import type { ClaimedBatch, OutboundMessage, OutboundStatus, Page } from '../types.ts';
import {
  outboundFromRow,
  outboundSummaryFromRow,
  partnerFromRow,
  toMillis,
} from '../rows/row-mapping.ts';

/** The one kind still delivered to a removed partner: the notice that we disconnected. */
const FAREWELL_KIND = 'partner.disconnect';

/**
 * `"sql_name" AS "key"` for every column of a table, so that a raw statement returns the row
 * shape drizzle infers ($inferSelect) and the row mappers apply unchanged.
 */
function selectList(table: Table): string {
  return Object.entries(getTableColumns(table))
    .map(([key, column]) => `"${column.name}" AS "${key}"`)
    .join(', ');
}

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
 * The statements of a claim round, run on every wake of the outbox worker; the benchmark prints
 * their query plans (bench/sections/growth.ts), each of which must search an index.
 */
export const CLAIM_SQL = {
  expireLeases: `UPDATE outbound_messages SET status = 'pending', lease_until = NULL
     WHERE status = 'in_flight' AND lease_until < ?`,
  busy: `SELECT DISTINCT partner_id FROM outbound_messages WHERE status = 'in_flight'`,
  // The partners with queued messages, in id order, each with its queue head: a skip over the
  // index of queued messages (one search per such partner), not a scan of every queued row (a
  // backlog of 100,000 would make each claim read them all), nor a search per partner the node
  // has (with 1,000 partners that cost 1.7 ms of CPU per claim round, 3.5 ms once they held
  // 1,000,000 messages, and a round follows every enqueue and every answer). INDEXED BY: without statistics the planner takes the
  // (status, next_attempt_at) index and sorts every queued row.
  heads: `WITH RECURSIVE queued(partnerId) AS (
       SELECT min(partner_id) FROM outbound_messages INDEXED BY outbound_pending_partner_seq
       WHERE status = 'pending'
       UNION ALL
       SELECT (SELECT min(partner_id) FROM outbound_messages INDEXED BY outbound_pending_partner_seq
               WHERE status = 'pending' AND partner_id > queued.partnerId)
       FROM queued WHERE queued.partnerId IS NOT NULL)
     SELECT partnerId,
       (SELECT min(seq) FROM outbound_messages INDEXED BY outbound_pending_partner_seq
        WHERE status = 'pending' AND partner_id = queued.partnerId) AS head
     FROM queued WHERE partnerId IS NOT NULL`,
  /** `*` stands for the select list. */
  queue: `SELECT * FROM outbound_messages
     WHERE partner_id = ? AND status = 'pending' ORDER BY seq LIMIT ?`,
} as const;

export function createOutboxRepo(db: Db, sqlite: Database.Database): OutboxRepo {
  // The enqueue and delivery hot paths run raw prepared statements: drizzle's query building and
  // result mapping cost several times the statement itself.
  const OUT = selectList(outboundMessages);
  const insertStmt = sqlite
    .prepare<[string, number, string, string, string | null, string, number, number, number]>(
      `INSERT INTO outbound_messages
         (message_id, partner_id, to_node_id, kind, ref, body, created_at, status, attempts,
          next_attempt_at, horizon_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
       RETURNING seq`,
    )
    .pluck();
  const expireLeasesStmt = sqlite.prepare<[number]>(CLAIM_SQL.expireLeases);
  const releaseLeasesStmt = sqlite.prepare(
    `UPDATE outbound_messages SET status = 'pending', lease_until = NULL
     WHERE status = 'in_flight'`,
  );
  const wakeStmt = sqlite.prepare<[number, number, number]>(
    `UPDATE outbound_messages SET next_attempt_at = ?
     WHERE partner_id = ? AND status = 'pending' AND next_attempt_at > ?
       AND last_error_code IN ('network', 'timeout')`,
  );
  const busyStmt = sqlite.prepare(CLAIM_SQL.busy).pluck();
  const headsStmt = sqlite.prepare<[], { partnerId: number; head: number | null }>(CLAIM_SQL.heads);
  const partnerByIdStmt = sqlite.prepare<[number], PartnerRow>(
    `SELECT ${selectList(partners)} FROM partners WHERE id = ?`,
  );
  // What the claim decides on from a queue's head, and no more: the body and the JWS lie after
  // these columns and are read only for the rows leased.
  const headStmt = sqlite.prepare<
    [number],
    Pick<OutboundMessageRow, 'nextAttemptAt' | 'kind' | 'attempts'>
  >(`SELECT next_attempt_at AS nextAttemptAt, kind, attempts FROM outbound_messages WHERE seq = ?`);
  // A queue's sizes first, then only the rows that fit one request: a price list's parts are
  // messages of a quarter MiB, and reading and parsing a hundred of them for the four that fit,
  // claim after claim, cost more than the rest of the push (octet_length reads no content).
  const queueSizesStmt = sqlite.prepare<[number, number], QueuedSize>(
    CLAIM_SQL.queue.replace(
      '*',
      'seq, octet_length(body) AS bodyBytes, octet_length(jws) AS jwsBytes',
    ),
  );
  const farewellQueueStmt = sqlite
    .prepare<[number, string, number], number>(
      `SELECT seq FROM outbound_messages
       WHERE partner_id = ? AND status = 'pending' AND kind = ? ORDER BY seq LIMIT ?`,
    )
    .pluck();
  // Leases the rows and returns them as leased: one statement and one search of each row, not a
  // read and then an update.
  const leaseStmt = sqlite.prepare<[number, string], OutboundMessageRow>(
    `UPDATE outbound_messages SET status = 'in_flight', lease_until = ?
     WHERE seq IN (SELECT value FROM json_each(?))
     RETURNING ${OUT}`,
  );
  const recordSignedStmt = sqlite.prepare<[string, string, number, number]>(
    `UPDATE outbound_messages SET jws = ?, digest = ?, sent_at = ? WHERE seq = ?`,
  );
  const markDeliveredStmt = sqlite.prepare<[string, string, number, number]>(
    `UPDATE outbound_messages
     SET status = 'delivered', result_status = ?, receipt = ?, delivered_at = ?,
         lease_until = NULL, last_error_code = NULL, last_error = NULL
     WHERE seq = ?`,
  );
  // Both lookups are covering index searches: the status column lies after the body and the
  // JWS, which a large message spills over a chain of overflow pages.
  const countDeliveredStmt = sqlite
    .prepare<[number, string], number>(
      `SELECT count(*) FROM outbound_messages
       WHERE partner_id = ? AND status = 'delivered' AND seq IN (
         SELECT o.seq FROM outbound_messages o
         WHERE o.message_id IN (SELECT value FROM json_each(?)))`,
    )
    .pluck();

  return {
    async enqueue(drafts, at) {
      const now = toMillis(at);
      return drafts.map((d): OutboundMessage => {
        const body = JSON.stringify(d.body);
        const ref = d.ref ?? null;
        const seq = insertStmt.get(
          d.messageId,
          d.partnerId,
          d.toNodeId,
          d.kind,
          ref,
          body,
          now,
          now,
          now,
        ) as number;
        // The row as it was inserted (what a read of it would return), without reading it back.
        return {
          seq,
          messageId: d.messageId,
          partnerId: d.partnerId,
          toNodeId: d.toNodeId,
          kind: d.kind,
          ref,
          body: JSON.parse(body) as unknown,
          createdAt: new Date(now),
          jws: null,
          digest: null,
          sentAt: null,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: new Date(now),
          horizonFrom: new Date(now),
          leaseUntil: null,
          lastErrorCode: null,
          lastError: null,
          resultStatus: null,
          receipt: null,
          deliveredAt: null,
          deadAt: null,
        };
      });
    },

    async claimDue({ now, leaseUntil, maxPartners, probeBatch, settling = [] }) {
      const nowMs = toMillis(now);
      const leaseMs = toMillis(leaseUntil);
      // A lease that ran out means the worker died or hung mid-delivery: the rows go back in line.
      expireLeasesStmt.run(nowMs);

      const busy = new Set(busyStmt.all() as number[]);
      for (const id of settling) busy.delete(id);
      const batches: ClaimedBatch[] = [];
      for (const { partnerId, head } of headsStmt.all()) {
        if (batches.length >= maxPartners) break;
        if (head === null || busy.has(partnerId)) continue;
        const headRow = headStmt.get(head);
        if (!headRow || headRow.nextAttemptAt > nowMs) continue;
        const partnerRow = partnerByIdStmt.get(partnerId);
        if (!partnerRow) continue;
        const farewellOnly = partnerRow.status === 'removed';
        if (partnerRow.status === 'suspended') continue;
        if (farewellOnly && headRow.kind !== FAREWELL_KIND) continue;

        const limit =
          headRow.attempts > 0 ? Math.min(probeBatch, partnerRow.maxBatch) : partnerRow.maxBatch;
        // One row past the limit says whether the queue holds more than the batch takes.
        let seqs: number[];
        let more: boolean;
        if (farewellOnly) {
          const queued = farewellQueueStmt.all(partnerId, FAREWELL_KIND, limit + 1);
          more = queued.length > limit;
          seqs = queued.slice(0, limit);
        } else {
          const queue = queueSizesStmt.all(partnerId, limit + 1);
          seqs = fitRequest(queue.slice(0, limit), partnerRow.maxBodyBytes);
          more = queue.length > seqs.length;
        }
        // RETURNING gives no order: the batch is in queue order.
        const rows = leaseStmt.all(leaseMs, JSON.stringify(seqs)).sort((a, b) => a.seq - b.seq);
        batches.push({
          partner: partnerFromRow(partnerRow),
          messages: rows.map(outboundFromRow),
          more,
        });
      }
      return batches;
    },

    async releaseLeases() {
      return releaseLeasesStmt.run().changes;
    },

    async wakeUnreachable(partnerIds, now) {
      const nowMs = toMillis(now);
      let changed = 0;
      for (const id of partnerIds) changed += wakeStmt.run(nowMs, id, nowMs).changes;
      return changed;
    },

    async recordSigned(seq, jws, digest, sentAt) {
      recordSignedStmt.run(jws, digest, toMillis(sentAt), seq);
    },

    async markDelivered(seq, { resultStatus, receipt, at }) {
      markDeliveredStmt.run(resultStatus, receipt, toMillis(at), seq);
    },

    async markDead(seq, { code, detail, at, rejected }) {
      db.update(outboundMessages)
        .set({
          status: 'dead',
          resultStatus: rejected ? 'rejected' : null,
          lastErrorCode: code,
          lastError: detail,
          deadAt: toMillis(at),
          leaseUntil: null,
        })
        .where(eq(outboundMessages.seq, seq))
        .run();
    },

    async reschedule(seqs, { nextAttemptAt, code, detail, countAttempt }) {
      if (seqs.length === 0) return;
      db.update(outboundMessages)
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
        .where(and(inArray(outboundMessages.seq, seqs), eq(outboundMessages.status, 'in_flight')))
        .run();
    },

    async get(messageId) {
      const row = db
        .select()
        .from(outboundMessages)
        .where(eq(outboundMessages.messageId, messageId))
        .get();
      return row ? outboundFromRow(row) : null;
    },

    async countDelivered(partnerId, messageIds) {
      if (messageIds.length === 0) return 0;
      return countDeliveredStmt.get(partnerId, JSON.stringify(messageIds)) ?? 0;
    },

    async list(filter, page) {
      return db
        .select(OUTBOUND_SUMMARY_COLUMNS)
        .from(outboundMessages)
        .where(listWhere(filter, page))
        .orderBy(asc(outboundMessages.seq))
        .limit(page.limit)
        .all()
        .map(outboundSummaryFromRow);
    },

    async listStored(filter, page) {
      return db
        .select()
        .from(outboundMessages)
        .where(listWhere(filter, page))
        .orderBy(asc(outboundMessages.seq))
        .limit(page.limit)
        .all()
        .map(outboundFromRow);
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
      const result = db
        .update(outboundMessages)
        .set({
          status: 'pending',
          attempts: 0,
          nextAttemptAt: toMillis(at),
          horizonFrom: toMillis(at),
          deadAt: null,
          resultStatus: null,
        })
        .where(and(...where))
        .run();
      return result.changes;
    },

    async deadLetterPending(partnerId, { code, detail, at }) {
      const result = db
        .update(outboundMessages)
        .set({ status: 'dead', lastErrorCode: code, lastError: detail, deadAt: toMillis(at) })
        .where(
          and(
            eq(outboundMessages.partnerId, partnerId),
            inArray(outboundMessages.status, ['pending', 'in_flight']),
          ),
        )
        .run();
      return result.changes;
    },

    async nextDueAt() {
      const row = db
        .select({ next: min(outboundMessages.nextAttemptAt) })
        .from(outboundMessages)
        .where(eq(outboundMessages.status, 'pending'))
        .get();
      return row?.next == null ? null : new Date(row.next);
    },

    async counts() {
      return db
        .select({
          partnerId: outboundMessages.partnerId,
          status: outboundMessages.status,
          count: sql<number>`count(*)`,
        })
        .from(outboundMessages)
        .groupBy(outboundMessages.partnerId, outboundMessages.status)
        .all()
        .map((r) => ({ ...r, status: r.status as OutboundStatus }));
    },
  };
}
