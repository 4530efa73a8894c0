/** The audit trail in PostgreSQL: rows are only ever inserted (a trigger refuses UPDATE and DELETE). */
import { and, asc, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { auditLog, type AuditRow } from '../../db/pg-schema/staff.ts';
import type { ActorKind, AuditRecord, AuditRepo } from '../audit-store.ts';

/** Rows as stored; `audit verify` rehashes exactly these values. */
export function auditFromRow(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    at: new Date(row.at),
    actorKind: row.actorKind as ActorKind,
    staffId: row.staffId,
    email: row.email,
    tokenId: row.tokenId,
    address: row.address,
    operation: row.operation,
    record: row.record,
    outcome: row.outcome,
    messageIds: JSON.parse(row.messageIds) as string[],
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** `like` with the pattern's own wildcards taken literally. */
const escapeLike = (text: string) => text.replace(/[!%_]/g, (ch) => `!${ch}`);

export function createAuditRepo(db: Db): AuditRepo {
  return {
    async last() {
      const row = (await db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1))[0];
      return row ? auditFromRow(row) : null;
    },
    async senderOf(messageId, from, to) {
      const [row] = await db
        .select({ staffId: auditLog.staffId, email: auditLog.email })
        .from(auditLog)
        .where(
          and(
            gte(auditLog.at, from.getTime()),
            lte(auditLog.at, to.getTime()),
            sql`${auditLog.messageIds} LIKE ${`%${escapeLike(JSON.stringify(messageId))}%`} ESCAPE '!'`,
          ),
        )
        .orderBy(desc(auditLog.seq))
        .limit(1);
      return row ?? null;
    },
    async insert(r) {
      await db.insert(auditLog).values({
        seq: r.seq,
        at: r.at.getTime(),
        actorKind: r.actorKind,
        staffId: r.staffId,
        email: r.email,
        tokenId: r.tokenId,
        address: r.address,
        operation: r.operation,
        record: r.record,
        outcome: r.outcome,
        messageIds: JSON.stringify(r.messageIds),
        detail: JSON.stringify(r.detail),
        prevHash: r.prevHash,
        hash: r.hash,
      });
    },
    async scan(afterSeq, limit) {
      return (
        await db
          .select()
          .from(auditLog)
          .where(gt(auditLog.seq, afterSeq))
          .orderBy(asc(auditLog.seq))
          .limit(limit)
      ).map(auditFromRow);
    },
    async list(filter, page) {
      const where: SQL[] = [];
      if (filter.person !== undefined) {
        where.push(or(eq(auditLog.staffId, filter.person), eq(auditLog.email, filter.person))!);
      }
      if (filter.record !== undefined) where.push(eq(auditLog.record, filter.record));
      if (filter.operation !== undefined) {
        where.push(
          sql`${auditLog.operation} LIKE ${`${escapeLike(filter.operation)}%`} ESCAPE '!'`,
        );
      }
      if (filter.from !== undefined) where.push(gte(auditLog.at, filter.from.getTime()));
      if (filter.to !== undefined) where.push(lte(auditLog.at, filter.to.getTime()));
      if (page.beforeSeq !== undefined) where.push(lt(auditLog.seq, page.beforeSeq));
      return (
        await db
          .select()
          .from(auditLog)
          .where(and(...where))
          .orderBy(desc(auditLog.seq))
          .limit(page.limit)
      ).map(auditFromRow);
    },
  };
}
