import { and, asc, eq, gt, inArray, lt, min, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { outboundMessages, partners } from '../../db/schema/foundation.ts';
import type { OutboxRepo } from '../store.ts';
import type { ClaimedBatch, OutboundStatus } from '../types.ts';
import { outboundFromRow, partnerFromRow, toMillis } from './row-mapping.ts';

/** The one kind still delivered to a removed partner: the notice that we disconnected. */
const FAREWELL_KIND = 'partner.disconnect';

export function createOutboxRepo(db: Db): OutboxRepo {
  const insertStmt = db
    .insert(outboundMessages)
    .values({
      messageId: sql.placeholder('messageId'),
      partnerId: sql.placeholder('partnerId'),
      toNodeId: sql.placeholder('toNodeId'),
      kind: sql.placeholder('kind'),
      ref: sql.placeholder('ref'),
      body: sql.placeholder('body'),
      createdAt: sql.placeholder('at'),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: sql.placeholder('at'),
      horizonFrom: sql.placeholder('at'),
    })
    .returning()
    .prepare();

  return {
    async enqueue(drafts, at) {
      const now = toMillis(at);
      return drafts.map((d) =>
        outboundFromRow(
          insertStmt.get({
            messageId: d.messageId,
            partnerId: d.partnerId,
            toNodeId: d.toNodeId,
            kind: d.kind,
            ref: d.ref ?? null,
            body: JSON.stringify(d.body),
            at: now,
          })!,
        ),
      );
    },

    async claimDue({ now, leaseUntil, maxPartners, probeBatch }) {
      const nowMs = toMillis(now);
      // A lease that ran out means the worker died or hung mid-delivery: the rows go back in line.
      db.update(outboundMessages)
        .set({ status: 'pending', leaseUntil: null })
        .where(
          and(eq(outboundMessages.status, 'in_flight'), lt(outboundMessages.leaseUntil, nowMs)),
        )
        .run();

      const busy = db
        .selectDistinct({ partnerId: outboundMessages.partnerId })
        .from(outboundMessages)
        .where(eq(outboundMessages.status, 'in_flight'))
        .all()
        .map((r) => r.partnerId);
      const heads = db
        .select({ partnerId: outboundMessages.partnerId, head: min(outboundMessages.seq) })
        .from(outboundMessages)
        .where(eq(outboundMessages.status, 'pending'))
        .groupBy(outboundMessages.partnerId)
        .all();

      const batches: ClaimedBatch[] = [];
      for (const { partnerId, head } of heads) {
        if (batches.length >= maxPartners) break;
        if (head === null || busy.includes(partnerId)) continue;
        const headRow = db
          .select()
          .from(outboundMessages)
          .where(eq(outboundMessages.seq, head))
          .get();
        if (!headRow || headRow.nextAttemptAt > nowMs) continue;
        const partnerRow = db.select().from(partners).where(eq(partners.id, partnerId)).get();
        if (!partnerRow) continue;
        const farewellOnly = partnerRow.status === 'removed';
        if (partnerRow.status === 'suspended') continue;
        if (farewellOnly && headRow.kind !== FAREWELL_KIND) continue;

        const limit =
          headRow.attempts > 0 ? Math.min(probeBatch, partnerRow.maxBatch) : partnerRow.maxBatch;
        const where: SQL[] = [
          eq(outboundMessages.partnerId, partnerId),
          eq(outboundMessages.status, 'pending'),
        ];
        if (farewellOnly) where.push(eq(outboundMessages.kind, FAREWELL_KIND));
        const rows = db
          .select()
          .from(outboundMessages)
          .where(and(...where))
          .orderBy(asc(outboundMessages.seq))
          .limit(limit)
          .all();
        db.update(outboundMessages)
          .set({ status: 'in_flight', leaseUntil: toMillis(leaseUntil) })
          .where(
            inArray(
              outboundMessages.seq,
              rows.map((r) => r.seq),
            ),
          )
          .run();
        batches.push({
          partner: partnerFromRow(partnerRow),
          messages: rows.map((r) =>
            outboundFromRow({ ...r, status: 'in_flight', leaseUntil: toMillis(leaseUntil) }),
          ),
        });
      }
      return batches;
    },

    async recordSigned(seq, jws, digest, sentAt) {
      db.update(outboundMessages)
        .set({ jws, digest, sentAt: toMillis(sentAt) })
        .where(eq(outboundMessages.seq, seq))
        .run();
    },

    async markDelivered(seq, { resultStatus, receipt, at }) {
      db.update(outboundMessages)
        .set({
          status: 'delivered',
          resultStatus,
          receipt,
          deliveredAt: toMillis(at),
          leaseUntil: null,
          lastErrorCode: null,
          lastError: null,
        })
        .where(eq(outboundMessages.seq, seq))
        .run();
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

    async list(filter, page) {
      const where: SQL[] = [];
      if (filter.status !== undefined) where.push(eq(outboundMessages.status, filter.status));
      if (filter.partnerId !== undefined)
        where.push(eq(outboundMessages.partnerId, filter.partnerId));
      if (page.after !== undefined) where.push(gt(outboundMessages.seq, page.after));
      return db
        .select()
        .from(outboundMessages)
        .where(and(...where))
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
