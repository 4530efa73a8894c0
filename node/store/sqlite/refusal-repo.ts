/** Refusals in SQLite (node/db/schema/refusals.ts). */
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { refusals, type RefusalRow } from '../../db/schema/refusals.ts';
import type { RecordRefusal } from '../deal-store.ts';
import type { Refusal, RefusalRepo } from '../refusal-store.ts';

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function refusalFromRow(row: RefusalRow): Refusal {
  return {
    ...row,
    at: new Date(row.at),
    seenAt: dateOrNull(row.seenAt),
    clearedAt: dateOrNull(row.clearedAt),
    mailedAt: dateOrNull(row.mailedAt),
  };
}

export function createRefusalRepo(db: Db): RefusalRepo {
  const ofRecord = (partnerId: number, recordKind: string, recordId: string) =>
    and(
      eq(refusals.partnerId, partnerId),
      eq(refusals.recordKind, recordKind),
      eq(refusals.recordId, recordId),
      isNull(refusals.clearedAt),
    );
  return {
    async record(input) {
      db.insert(refusals)
        .values({ ...input, at: input.at.getTime() })
        .onConflictDoNothing()
        .run();
    },
    async clear(partnerId, recordKind, recordId, at) {
      db.update(refusals)
        .set({ clearedAt: at.getTime() })
        .where(ofRecord(partnerId, recordKind, recordId))
        .run();
    },
    async forRecord(partnerId, recordKind, recordId) {
      const row = db
        .select()
        .from(refusals)
        .where(ofRecord(partnerId, recordKind, recordId))
        .orderBy(desc(refusals.id))
        .get();
      return row ? refusalFromRow(row) : null;
    },
    async list(filter, limit) {
      return db
        .select()
        .from(refusals)
        .where(
          and(
            filter.unseen ? isNull(refusals.seenAt) : undefined,
            filter.sentBy !== undefined ? eq(refusals.sentBy, filter.sentBy) : undefined,
          ),
        )
        .orderBy(desc(refusals.id))
        .limit(limit)
        .all()
        .map(refusalFromRow);
    },
    async countUnseen() {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(refusals)
        .where(isNull(refusals.seenAt))
        .get();
      return row?.n ?? 0;
    },
    async listSince(afterId, limit) {
      return db
        .select()
        .from(refusals)
        .where(gt(refusals.id, afterId))
        .orderBy(asc(refusals.id))
        .limit(limit)
        .all()
        .map(refusalFromRow);
    },
    async latestId() {
      return (
        db
          .select({ id: sql<number>`coalesce(max(${refusals.id}), 0)` })
          .from(refusals)
          .get()?.id ?? 0
      );
    },
    async dueMail(since, limit) {
      return db
        .select()
        .from(refusals)
        .where(
          and(
            isNull(refusals.mailedAt),
            isNotNull(refusals.sentByEmail),
            gte(refusals.at, since.getTime()),
          ),
        )
        .orderBy(asc(refusals.id))
        .limit(limit)
        .all()
        .map(refusalFromRow);
    },
    async markMail(id, at, outcome) {
      db.update(refusals)
        .set(
          outcome.sent
            ? { mailedAt: at.getTime(), mailAttempts: sql`${refusals.mailAttempts} + 1` }
            : {
                mailAttempts: sql`${refusals.mailAttempts} + 1`,
                ...(outcome.giveUp && { mailedAt: at.getTime() }),
              },
        )
        .where(eq(refusals.id, id))
        .run();
    },
    async markSeen(ids, at) {
      const unseen = isNull(refusals.seenAt);
      return db
        .update(refusals)
        .set({ seenAt: at.getTime() })
        .where(ids === 'all' ? unseen : and(unseen, inArray(refusals.id, ids)))
        .run().changes;
    },
  };
}

/**
 * The standing refusal of one kind of record, for the repos that show it on their records
 * (deals, orders): a prepared lookup by the record's shared id and partner.
 */
export function createRefusalLookup(
  db: Db,
  recordKind: string,
): (recordId: string, partnerId: number) => RecordRefusal | null {
  const stmt = db
    .select()
    .from(refusals)
    .where(
      and(
        eq(refusals.recordKind, recordKind),
        eq(refusals.recordId, sql.placeholder('recordId')),
        eq(refusals.partnerId, sql.placeholder('partnerId')),
        isNull(refusals.clearedAt),
      ),
    )
    .orderBy(desc(refusals.id))
    .limit(1)
    .prepare();
  return (recordId, partnerId) => {
    const r = stmt.get({ recordId, partnerId });
    return r
      ? { kind: r.kind, messageId: r.messageId, code: r.code, reason: r.reason, at: new Date(r.at) }
      : null;
  };
}

/**
 * A row mapping whose records carry their standing refusal (the repos of leads, requests, claims,
 * funds and stock records, like deals and orders): `key` names the record as the refusal does.
 */
export function withRefusal<Row, T>(
  db: Db,
  recordKind: string,
  map: (row: Row) => T,
  key: (record: T) => readonly [recordId: string, partnerId: number],
): (row: Row) => T & { refusal: RecordRefusal | null } {
  const refusalOf = createRefusalLookup(db, recordKind);
  return (row) => {
    const record = map(row);
    return { ...record, refusal: refusalOf(...key(record)) };
  };
}
