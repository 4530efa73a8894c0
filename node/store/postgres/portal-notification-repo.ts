/** Portal e-mail notifications in SQLite: queued with the change that causes them, sent by a job. */
import { and, asc, desc, eq, isNotNull, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { portalNotifications, type PortalNotificationRow } from '../../db/pg-schema/portal.ts';
import type { NotificationFilter, PortalNotification, PortalRepo } from '../portal-store.ts';
import { toMillis } from '../rows/row-mapping.ts';
import { onFirstUse } from './on-first-use.ts';

type NotificationRepo = Pick<
  PortalRepo,
  | 'addNotification'
  | 'dueNotifications'
  | 'markNotificationSent'
  | 'markNotificationFailed'
  | 'listNotifications'
  | 'countQueued'
>;

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function notificationFromRow(row: PortalNotificationRow): PortalNotification {
  return {
    id: row.id,
    userId: row.userId,
    partnerId: row.partnerId,
    type: row.type,
    dedupeKey: row.dedupeKey,
    subject: row.subject,
    body: row.body,
    path: row.path,
    createdAt: new Date(row.createdAt),
    nextAttemptAt: new Date(row.nextAttemptAt),
    attempts: row.attempts,
    sentAt: dateOrNull(row.sentAt),
    failedAt: dateOrNull(row.failedAt),
    lastError: row.lastError,
  };
}

const n = portalNotifications;
const QUEUED = and(isNull(n.sentAt), isNull(n.failedAt));

function filterOf(filter: NotificationFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.state === 'queued') where.push(QUEUED!);
  if (filter.state === 'sent') where.push(isNotNull(n.sentAt));
  if (filter.state === 'failed') where.push(isNotNull(n.failedAt));
  if (filter.partnerId !== undefined) where.push(eq(n.partnerId, filter.partnerId));
  if (filter.userId !== undefined) where.push(eq(n.userId, filter.userId));
  return where;
}

export function createPortalNotificationRepo(db: Db): NotificationRepo {
  // Queued with every message settled for a portal partner: prepared once.
  const insertStmt = onFirstUse(() =>
    db
      .insert(n)
      .values({
        userId: sql.placeholder('userId'),
        partnerId: sql.placeholder('partnerId'),
        type: sql.placeholder('type'),
        dedupeKey: sql.placeholder('dedupeKey'),
        subject: sql.placeholder('subject'),
        body: sql.placeholder('body'),
        path: sql.placeholder('path'),
        createdAt: sql.placeholder('at'),
        nextAttemptAt: sql.placeholder('at'),
      })
      .onConflictDoNothing()
      .prepare('insertStmt'),
  );

  return {
    async addNotification(input, at) {
      return (await insertStmt().execute({ ...input, at: toMillis(at) })).count === 1;
    },
    async dueNotifications(now, limit) {
      return (
        await db
          .select()
          .from(n)
          .where(and(QUEUED, lte(n.nextAttemptAt, toMillis(now))))
          .orderBy(asc(n.nextAttemptAt), asc(n.id))
          .limit(limit)
      ).map(notificationFromRow);
    },
    async markNotificationSent(id, at) {
      await db
        .update(n)
        .set({ sentAt: toMillis(at), attempts: sql`${n.attempts} + 1`, lastError: null })
        .where(eq(n.id, id));
    },
    async markNotificationFailed(id, { at, error, retryAt }) {
      await db
        .update(n)
        .set({
          attempts: sql`${n.attempts} + 1`,
          lastError: error,
          ...(retryAt === null ? { failedAt: toMillis(at) } : { nextAttemptAt: toMillis(retryAt) }),
        })
        .where(eq(n.id, id));
    },
    async listNotifications(filter, page) {
      const where = filterOf(filter);
      if (page.after !== undefined) where.push(lt(n.id, page.after));
      return (
        await db
          .select()
          .from(n)
          .where(where.length > 0 ? and(...where) : undefined)
          .orderBy(desc(n.id))
          .limit(page.limit)
      ).map(notificationFromRow);
    },
    async countQueued() {
      const row = (
        await db
          .select({ count: sql<number>`count(*)`.mapWith(Number) })
          .from(n)
          .where(QUEUED)
      )[0];
      return row?.count ?? 0;
    },
  };
}
