/**
 * The domain event log in PostgreSQL; reads filter by type in SQL, as the SQLite one does.
 *
 * Readers (the feed, the webhook queues, the staff notifications) page by `seq` and move their
 * cursor past what they read, so the log must never commit an event below one already visible:
 * with several writers, a transaction that took seq 11 and commits after the one that took 12
 * would be skipped by every reader that saw 12 first. So an append holds EVENT_LOCK from its
 * `nextval` to the commit (a transaction-level advisory lock, taken by the INSERT itself, before
 * it draws the seq): event writers commit one at a time in seq order, and a reader's snapshot
 * always holds a prefix of the log. Today every write unit already holds the store's WRITE_LOCK,
 * so the lock is never waited for and costs nothing measurable (a unit of one append: 334 µs of
 * node CPU and some 2.0-2.1 ms wall with it, 346-351 µs without; the drizzle insert builder it
 * replaces cost 430-476 µs); it keeps the cursor sound for any writer that does not hold the
 * write lock (test/events/event-cursor-postgres.test.ts). SQLite has one writer: no lock.
 */
import { and, asc, eq, gt, lt, max, or, sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../db/open-postgres.ts';
import { domainEvents } from '../../db/pg-schema/events.ts';
import { patternPrefix } from '../../events/event-patterns.ts';
import type { EventRepo } from '../event-store.ts';
import { eventFromRow } from '../rows/event-row-mapping.ts';

/** The advisory lock an event append holds until its transaction ends (any constant key). */
export const EVENT_LOCK = 7_270_006;

export function createEventRepo(db: PgDb): EventRepo {
  return {
    async append(event) {
      // The lock in a FROM subquery is taken before the row's identity default draws its seq
      // (a subquery calling a volatile function is not flattened into the INSERT's projection).
      const rows = await db.execute(sql`
        INSERT INTO domain_events (event_id, type, subject, data, cause, at)
        SELECT ${event.id}::text, ${event.type}::text, ${event.subject}::text, ${event.dataJson}::text,
          ${JSON.stringify(event.cause)}::text, ${event.at.getTime()}::bigint
        FROM (SELECT pg_advisory_xact_lock(${EVENT_LOCK})) AS serialised
        RETURNING seq`);
      return Number((rows as unknown as Array<{ seq: string | number }>)[0]!.seq);
    },
    async list(filter) {
      const where: Array<SQL | undefined> = [gt(domainEvents.seq, filter.after)];
      const types = filter.types ?? [];
      if (types.length > 0 && !types.includes('*')) {
        where.push(
          or(
            ...types.map((t) => {
              const prefix = patternPrefix(t);
              // starts_with, not LIKE: a type may hold `_`, which LIKE reads as a wildcard.
              return prefix === null
                ? eq(domainEvents.type, t)
                : sql`starts_with(${domainEvents.type}, ${prefix})`;
            }),
          ),
        );
      }
      const rows = await db
        .select()
        .from(domainEvents)
        .where(and(...where))
        .orderBy(asc(domainEvents.seq))
        .limit(filter.limit);
      return rows.map(eventFromRow);
    },
    async latestSeq() {
      const [row] = await db.select({ seq: max(domainEvents.seq) }).from(domainEvents);
      return row?.seq ?? 0;
    },
    async pruneBefore(before) {
      // As on SQLite (store/sqlite/event-repo.ts): the oldest rows up to the first one kept, found
      // in `seq` order, so that no index on `at` costs every append.
      const rows = await db
        .delete(domainEvents)
        .where(
          lt(
            domainEvents.seq,
            sql`coalesce(
              (SELECT seq FROM domain_events WHERE at >= ${before.getTime()} ORDER BY seq LIMIT 1),
              (SELECT max(seq) + 1 FROM domain_events))`,
          ),
        )
        .returning({ seq: domainEvents.seq });
      return rows.length;
    },
  };
}
