/** Refusals in PostgreSQL (node/db/pg-schema/refusals.ts). */
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { refusals, type RefusalRow } from '../../db/pg-schema/refusals.ts';
import type { RecordRefusal } from '../deal-store.ts';
import type { Refusal, RefusalRepo } from '../refusal-store.ts';
import { onFirstUse } from './on-first-use.ts';

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
      await db
        .insert(refusals)
        .values({ ...input, at: input.at.getTime() })
        .onConflictDoNothing();
    },
    async clear(partnerId, recordKind, recordId, at) {
      await db
        .update(refusals)
        .set({ clearedAt: at.getTime() })
        .where(ofRecord(partnerId, recordKind, recordId));
    },
    async forRecord(partnerId, recordKind, recordId) {
      const row = (
        await db
          .select()
          .from(refusals)
          .where(ofRecord(partnerId, recordKind, recordId))
          .orderBy(desc(refusals.id))
      )[0];
      return row ? refusalFromRow(row) : null;
    },
    async list(filter, limit) {
      return (
        await db
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
      ).map(refusalFromRow);
    },
    async countUnseen() {
      const row = (
        await db
          .select({ n: sql<number>`count(*)`.mapWith(Number) })
          .from(refusals)
          .where(isNull(refusals.seenAt))
      )[0];
      return row?.n ?? 0;
    },
    async listSince(afterId, limit) {
      return (
        await db
          .select()
          .from(refusals)
          .where(gt(refusals.id, afterId))
          .orderBy(asc(refusals.id))
          .limit(limit)
      ).map(refusalFromRow);
    },
    async latestId() {
      const [row] = await db
        .select({ id: sql<number>`coalesce(max(${refusals.id}), 0)`.mapWith(Number) })
        .from(refusals);
      return row?.id ?? 0;
    },
    async dueMail(since, limit) {
      return (
        await db
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
      ).map(refusalFromRow);
    },
    async markMail(id, at, outcome) {
      await db
        .update(refusals)
        .set(
          outcome.sent
            ? { mailedAt: at.getTime(), mailAttempts: sql`${refusals.mailAttempts} + 1` }
            : {
                mailAttempts: sql`${refusals.mailAttempts} + 1`,
                ...(outcome.giveUp && { mailedAt: at.getTime() }),
              },
        )
        .where(eq(refusals.id, id));
    },
    async markSeen(ids, at) {
      const unseen = isNull(refusals.seenAt);
      return (
        await db
          .update(refusals)
          .set({ seenAt: at.getTime() })
          .where(ids === 'all' ? unseen : and(unseen, inArray(refusals.id, ids)))
      ).count;
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
): (recordId: string, partnerId: number) => Promise<RecordRefusal | null> {
  const stmt = onFirstUse(() =>
    db
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
      .prepare('stmt'),
  );
  return async (recordId, partnerId) => {
    const r = (await stmt().execute({ recordId, partnerId }))[0];
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
): (row: Row) => Promise<T & { refusal: RecordRefusal | null }> {
  const refusalOf = createRefusalLookup(db, recordKind);
  return async (row) => {
    const record = map(row);
    return { ...record, refusal: await refusalOf(...key(record)) };
  };
}
