/** Staff notifications in SQLite (node/db/schema/staff-notifications.ts). */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import {
  staffNotificationCursors as cursors,
  staffNotificationDigests as digests,
  staffNotifications as notes,
} from '../../db/schema/staff-notifications.ts';
import { digestFromRow, notificationFromRow } from '../rows/staff-notification-row-mapping.ts';
import type { InboxScope, StaffNotificationRepo } from '../staff-notification-store.ts';

/** The reader's own, in the areas their roles see (none: nothing). */
const scoped = (scope: InboxScope) =>
  and(
    eq(notes.staffId, scope.staffId),
    scope.areas.length ? inArray(notes.area, [...scope.areas]) : sql`0`,
  );

export function createStaffNotificationRepo(db: Db): StaffNotificationRepo {
  return {
    async add(rows, at) {
      let added = 0;
      for (const row of rows) {
        added += db
          .insert(notes)
          .values({ ...row, facts: JSON.stringify(row.facts), createdAt: at.getTime() })
          .onConflictDoNothing()
          .run().changes;
      }
      return added;
    },
    async list(scope, page) {
      return db
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
        .all()
        .map(notificationFromRow);
    },
    async countUnread(scope) {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(notes)
        .where(and(scoped(scope), isNull(notes.readAt)))
        .get();
      return row?.n ?? 0;
    },
    async markRead(staffId, ids, at) {
      const unread = and(eq(notes.staffId, staffId), isNull(notes.readAt));
      return db
        .update(notes)
        .set({ readAt: at.getTime() })
        .where(ids === 'all' ? unread : and(unread, inArray(notes.id, [...ids])))
        .run().changes;
    },
    async pruneRead(before, limit) {
      const oldest = db
        .select({ id: notes.id })
        .from(notes)
        .where(and(isNotNull(notes.readAt), lt(notes.readAt, before.getTime())))
        .orderBy(asc(notes.id))
        .limit(limit);
      return db.delete(notes).where(inArray(notes.id, oldest)).run().changes;
    },
    async listUnmailed(scope, limit) {
      return db
        .select()
        .from(notes)
        .where(and(scoped(scope), isNull(notes.readAt), isNull(notes.mailedAt)))
        .orderBy(asc(notes.id))
        .limit(limit)
        .all()
        .map(notificationFromRow);
    },
    async markMailed(ids, at) {
      if (ids.length === 0) return;
      db.update(notes)
        .set({ mailedAt: at.getTime() })
        .where(inArray(notes.id, [...ids]))
        .run();
    },
    async getCursor(source) {
      return db.select().from(cursors).where(eq(cursors.source, source)).get()?.position ?? null;
    },
    async setCursor(source, position, at) {
      db.insert(cursors)
        .values({ source, position, updatedAt: at.getTime() })
        .onConflictDoUpdate({
          target: cursors.source,
          set: { position, updatedAt: at.getTime() },
        })
        .run();
    },
    async getDigest(staffId) {
      const row = db.select().from(digests).where(eq(digests.staffId, staffId)).get();
      return row ? digestFromRow(row) : null;
    },
    async setDigestFrequency(staffId, frequency, at) {
      db.insert(digests)
        .values({ staffId, frequency, updatedAt: at.getTime() })
        .onConflictDoUpdate({
          target: digests.staffId,
          set: { frequency, attempts: 0, nextAttemptAt: null, updatedAt: at.getTime() },
        })
        .run();
    },
    async listActiveDigests(now) {
      return db
        .select()
        .from(digests)
        .where(
          and(
            ne(digests.frequency, 'off'),
            or(isNull(digests.nextAttemptAt), lte(digests.nextAttemptAt, now.getTime())),
          ),
        )
        .all()
        .map(digestFromRow);
    },
    async recordDigest(staffId, outcome) {
      const at = outcome.at.getTime();
      db.update(digests)
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
        .where(eq(digests.staffId, staffId))
        .run();
    },
  };
}
