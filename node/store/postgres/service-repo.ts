/**
 * Service requests and their timelines in SQLite; warranty claims are in service-claim-repo.ts.
 * The inbound handlers look a request up by (partner, wire id) on every message, so that lookup
 * is a prepared statement on the unique index.
 */
import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { withRefusal } from './refusal-repo.ts';
import { serviceEvents, serviceRequests } from '../../db/pg-schema/service.ts';
import { serviceAgreements } from '../../db/pg-schema/shared-services.ts';
import type { RequestStatus, ServiceRepo } from '../service-store.ts';
import { createClaimRepo } from './service-claim-repo.ts';
import {
  fieldColumns,
  changeColumns,
  requestColumns,
  eventFromRow,
} from '../rows/service-request-row-mapping.ts';
import { onFirstUse } from './on-first-use.ts';

/** Statuses that end the clock: such a request is never overdue. */
const SETTLED: RequestStatus[] = ['resolved', 'closed'];

export function createServiceRepo(db: Db): ServiceRepo {
  const requestFromRow = withRefusal(db, 'service_request', requestColumns, (r) => [
    r.requestId,
    r.partnerId,
  ]);
  const byKey = onFirstUse(() =>
    db
      .select()
      .from(serviceRequests)
      .where(
        and(
          eq(serviceRequests.partnerId, sql.placeholder('partnerId')),
          eq(serviceRequests.requestId, sql.placeholder('requestId')),
        ),
      )
      .prepare('byKey'),
  );

  const insertRequestStmt = onFirstUse(() =>
    db
      .insert(serviceRequests)
      .values({
        requestId: sql.placeholder('requestId'),
        partnerId: sql.placeholder('partnerId'),
        owner: sql.placeholder('owner'),
        category: sql.placeholder('category'),
        subject: sql.placeholder('subject'),
        description: sql.placeholder('description'),
        priority: sql.placeholder('priority'),
        product: sql.placeholder('product'),
        serial: sql.placeholder('serial'),
        dueAt: sql.placeholder('dueAt'),
        version: sql.placeholder('version'),
        status: 'open',
        // The opening is older than any update: every update's stamp beats it.
        statusAt: 0,
        statusBy: '',
        createdAt: sql.placeholder('at'),
        updatedAt: sql.placeholder('at'),
      })
      .returning()
      .prepare('insertRequestStmt'),
  );

  // Every update adds an event; a version seen before from the same side is left out.
  const insertEvent = onFirstUse(() =>
    db
      .insert(serviceEvents)
      .values({
        requestRowId: sql.placeholder('requestRowId'),
        type: sql.placeholder('type'),
        side: sql.placeholder('side'),
        byNodeId: sql.placeholder('byNodeId'),
        at: sql.placeholder('at'),
        messageId: sql.placeholder('messageId'),
        version: sql.placeholder('version'),
        status: sql.placeholder('status'),
        commentId: sql.placeholder('commentId'),
        commentText: sql.placeholder('commentText'),
        visibility: sql.placeholder('visibility'),
        reason: sql.placeholder('reason'),
        recordedAt: sql.placeholder('recordedAt'),
      })
      .onConflictDoNothing()
      .prepare('insertEvent'),
  );

  const overdueNow = (now: number): SQL =>
    and(
      isNotNull(serviceRequests.dueAt),
      lt(serviceRequests.dueAt, now),
      notInArray(serviceRequests.status, SETTLED),
      isNull(serviceRequests.withdrawnAt),
    )!;

  return {
    async findRequest(partnerId, requestId) {
      const row = (await byKey().execute({ partnerId, requestId }))[0];
      return row ? requestFromRow(row) : null;
    },
    async getRequest(id) {
      const row = (await db.select().from(serviceRequests).where(eq(serviceRequests.id, id)))[0];
      return row ? requestFromRow(row) : null;
    },
    async requestsById(requestId) {
      return Promise.all(
        (
          await db
            .select()
            .from(serviceRequests)
            .where(eq(serviceRequests.requestId, requestId))
            .orderBy(asc(serviceRequests.id))
        ).map(requestFromRow),
      );
    },
    async insertRequest(input) {
      const at = input.at.getTime();
      return requestFromRow(
        (
          await insertRequestStmt().execute({
            requestId: input.requestId,
            partnerId: input.partnerId,
            owner: input.owner,
            ...fieldColumns(input.fields),
            version: input.version,
            at,
          })
        )[0]!,
      );
    },
    async updateRequest(id, changes, at) {
      await db
        .update(serviceRequests)
        .set({ ...changeColumns(changes), updatedAt: at.getTime() })
        .where(eq(serviceRequests.id, id));
    },
    async listRequests(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined)
        where.push(eq(serviceRequests.partnerId, filter.partnerId));
      if (filter.owner) where.push(eq(serviceRequests.owner, filter.owner));
      if (filter.status) where.push(eq(serviceRequests.status, filter.status));
      if (filter.category) where.push(eq(serviceRequests.category, filter.category));
      if (filter.overdue !== undefined) {
        const now = (filter.now ?? new Date()).getTime();
        const overdue = overdueNow(now);
        where.push(
          filter.overdue
            ? overdue
            : or(
                isNull(serviceRequests.dueAt),
                gte(serviceRequests.dueAt, now),
                inArray(serviceRequests.status, SETTLED),
                isNotNull(serviceRequests.withdrawnAt),
              )!,
        );
      }
      if (page.after !== undefined) where.push(lt(serviceRequests.id, page.after));
      return Promise.all(
        (
          await db
            .select()
            .from(serviceRequests)
            .where(and(...where))
            .orderBy(desc(serviceRequests.id))
            .limit(page.limit)
        ).map(requestFromRow),
      );
    },
    async addEvent(event) {
      const result = await insertEvent().execute({
        requestRowId: event.requestRowId,
        type: event.type,
        side: event.side,
        byNodeId: event.byNodeId,
        at: event.at.getTime(),
        messageId: event.messageId,
        version: event.version,
        status: event.status,
        commentId: event.comment?.id ?? null,
        commentText: event.comment?.text ?? null,
        visibility: event.comment?.visibility ?? null,
        reason: event.reason,
        recordedAt: event.recordedAt.getTime(),
      });
      return result.count > 0;
    },
    async events(requestRowId) {
      return (
        await db
          .select()
          .from(serviceEvents)
          .where(eq(serviceEvents.requestRowId, requestRowId))
          .orderBy(asc(serviceEvents.at), asc(serviceEvents.byNodeId), asc(serviceEvents.id))
      ).map(eventFromRow);
    },
    async refreshOverdue(now) {
      const at = now.getTime();
      const marked = await Promise.all(
        (
          await db
            .update(serviceRequests)
            .set({ overdueMarkedAt: at })
            .where(and(overdueNow(at), isNull(serviceRequests.overdueMarkedAt)))
            .returning()
        ).map(requestFromRow),
      );
      const cleared = (
        await db
          .update(serviceRequests)
          .set({ overdueMarkedAt: null })
          .where(
            and(
              isNotNull(serviceRequests.overdueMarkedAt),
              or(
                isNull(serviceRequests.dueAt),
                gte(serviceRequests.dueAt, at),
                inArray(serviceRequests.status, SETTLED),
                isNotNull(serviceRequests.withdrawnAt),
              ),
            ),
          )
          .returning({ id: serviceRequests.id })
      ).map((row) => row.id);
      return { marked, cleared };
    },
    async listResponseBreaches(now, limit) {
      // The target is the opener's agreement's, counted from when the request reached us (the
      // same rule as the view's respondBy); any update we sent is an answer.
      const late = sql`exists (select 1 from ${serviceAgreements} where ${serviceAgreements.partnerId} = ${serviceRequests.partnerId} and ${serviceAgreements.responseHours} is not null and ${serviceRequests.createdAt} + ${serviceAgreements.responseHours} * 3600000 < ${now.getTime()})`;
      return Promise.all(
        (
          await db
            .select()
            .from(serviceRequests)
            .where(
              and(
                eq(serviceRequests.owner, 'partner'),
                eq(serviceRequests.selfUpdateVersion, 0),
                isNull(serviceRequests.responseBreachedAt),
                isNull(serviceRequests.withdrawnAt),
                notInArray(serviceRequests.status, SETTLED),
                late,
              ),
            )
            .orderBy(asc(serviceRequests.createdAt), asc(serviceRequests.id))
            .limit(limit)
        ).map(requestFromRow),
      );
    },
    async markResponseBreached(id, at) {
      const result = await db
        .update(serviceRequests)
        .set({ responseBreachedAt: at.getTime() })
        .where(and(eq(serviceRequests.id, id), isNull(serviceRequests.responseBreachedAt)));
      return result.count > 0;
    },
    ...createClaimRepo(db),
  };
}
