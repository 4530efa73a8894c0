/** The domain event log in PostgreSQL; reads filter by type in SQL, as the SQLite one does. */
import { and, asc, eq, gt, lt, max, or, sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../db/open-postgres.ts';
import { domainEvents } from '../../db/pg-schema/events.ts';
import { patternPrefix } from '../../events/event-patterns.ts';
import type { EventRepo } from '../event-store.ts';
import { eventFromRow } from '../rows/event-row-mapping.ts';

export function createEventRepo(db: PgDb): EventRepo {
  return {
    async append(event) {
      const [row] = await db
        .insert(domainEvents)
        .values({
          eventId: event.id,
          type: event.type,
          subject: event.subject,
          data: event.dataJson,
          cause: JSON.stringify(event.cause),
          at: event.at.getTime(),
        })
        .returning({ seq: domainEvents.seq });
      return row!.seq;
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
