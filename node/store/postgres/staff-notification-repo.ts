/** Staff notifications in PostgreSQL (node/db/pg-schema/staff-notifications.ts). */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import {
  staffNotificationCursors as cursors,
  staffNotificationDigests as digests,
  staffNotifications as notes,
} from '../../db/pg-schema/staff-notifications.ts';
import { digestFromRow, notificationFromRow } from '../rows/staff-notification-row-mapping.ts';
import type { InboxScope, StaffNotificationRepo } from '../staff-notification-store.ts';

/** Rows per INSERT. */
const CHUNK = 1000;

/** The reader's own, in the areas their roles see (none: nothing). */
const scoped = (scope: InboxScope) =>
  and(
    eq(notes.staffId, scope.staffId),
    scope.areas.length ? inArray(notes.area, [...scope.areas]) : sql`false`,
  );

export function createStaffNotificationRepo(db: Db): StaffNotificationRepo {
  return {
    async add(rows, at) {
      if (rows.length === 0) return 0;
      const values = rows.map((row) => ({
        ...row,
        facts: JSON.stringify(row.facts),
        createdAt: at.getTime(),
      }));
      let added = 0;
      // PostgreSQL takes at most 65535 parameters in one statement.
      for (let i = 0; i < values.length; i += CHUNK) {
        const chunk = values.slice(i, i + CHUNK);
        added += (await db.insert(notes).values(chunk).onConflictDoNothing()).count;
      }
      return added;
    },
    async list(scope, page) {
      return (
        await db
          .select()
          .from(notes)
          .where(
            and(
              scoped(scope),
              page.before !== undefined ? lt(notes.id, page.before) : undefined,
              page.unread ? isNull(notes.readAt) : undefined,
            ),
          )
          .orderBy(desc(notes.id))
          .limit(page.limit)
      ).map(notificationFromRow);
    },
    async countUnread(scope) {
      const [row] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(notes)
        .where(and(scoped(scope), isNull(notes.readAt)));
      return row?.n ?? 0;
    },
    async markRead(staffId, ids, at) {
      const unread = and(eq(notes.staffId, staffId), isNull(notes.readAt));
      return (
        await db
          .update(notes)
          .set({ readAt: at.getTime() })
          .where(ids === 'all' ? unread : and(unread, inArray(notes.id, [...ids])))
      ).count;
    },
    async pruneRead(before, limit) {
      const oldest = db
        .select({ id: notes.id })
        .from(notes)
        .where(and(isNotNull(notes.readAt), lt(notes.readAt, before.getTime())))
        .orderBy(asc(notes.id))
        .limit(limit);
      const gone = await db
        .delete(notes)
        .where(inArray(notes.id, oldest))
        .returning({ id: notes.id });
      return gone.length;
    },
    async listUnmailed(scope, limit) {
      return (
        await db
          .select()
          .from(notes)
          .where(and(scoped(scope), isNull(notes.readAt), isNull(notes.mailedAt)))
          .orderBy(asc(notes.id))
          .limit(limit)
      ).map(notificationFromRow);
    },
    async markMailed(ids, at) {
      if (ids.length === 0) return;
      await db
        .update(notes)
        .set({ mailedAt: at.getTime() })
        .where(inArray(notes.id, [...ids]));
    },
    async getCursor(source) {
      const [row] = await db.select().from(cursors).where(eq(cursors.source, source));
      return row?.position ?? null;
    },
    async setCursor(source, position, at) {
      await db
        .insert(cursors)
        .values({ source, position, updatedAt: at.getTime() })
        .onConflictDoUpdate({
          target: cursors.source,
          set: { position, updatedAt: at.getTime() },
        });
    },
    async getDigest(staffId) {
      const [row] = await db.select().from(digests).where(eq(digests.staffId, staffId));
      return row ? digestFromRow(row) : null;
    },
    async setDigestFrequency(staffId, frequency, at) {
      await db
        .insert(digests)
        .values({ staffId, frequency, updatedAt: at.getTime() })
        .onConflictDoUpdate({
          target: digests.staffId,
          set: { frequency, attempts: 0, nextAttemptAt: null, updatedAt: at.getTime() },
        });
    },
    async listActiveDigests(now) {
      return (
        await db
          .select()
          .from(digests)
          .where(
            and(
              ne(digests.frequency, 'off'),
              or(isNull(digests.nextAttemptAt), lte(digests.nextAttemptAt, now.getTime())),
            ),
          )
      ).map(digestFromRow);
    },
    async recordDigest(staffId, outcome) {
      const at = outcome.at.getTime();
      await db
        .update(digests)
        .set(
          outcome.outcome === 'failed'
            ? {
                attempts: sql`${digests.attempts} + 1`,
                nextAttemptAt: outcome.nextAttemptAt.getTime(),
                lastError: outcome.error,
                updatedAt: at,
              }
            : {
                lastSentAt: at,
                attempts: 0,
                nextAttemptAt: null,
                lastError: outcome.outcome === 'given_up' ? outcome.error : null,
                updatedAt: at,
              },
        )
        .where(eq(digests.staffId, staffId));
    },
  };
}
