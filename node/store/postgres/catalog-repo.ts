/**
 * Catalogs and price lists in SQLite: lists, versions, shares and distributions through drizzle;
 * lines and parts (the bulk) in catalog-lines-repo.ts.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import {
  catalogDistributions,
  catalogLists,
  catalogShares,
  catalogVersions,
} from '../../db/pg-schema/catalog.ts';
import type { CatalogRepo } from '../catalog-store.ts';
import { createCatalogExtensionsRepo } from './catalog-extensions-repo.ts';
import { createCatalogLinesRepo } from './catalog-lines-repo.ts';
import {
  distributionFromRow,
  listFromRow,
  shareFromRow,
  versionFromRow,
} from '../rows/catalog-row-mapping.ts';
import { onFirstUse } from './on-first-use.ts';

const ms = (d: Date | null | undefined) => (d == null ? null : d.getTime());

export function createCatalogRepo(db: Db): CatalogRepo {
  const lines = createCatalogLinesRepo(db);
  const listByKey = onFirstUse(() =>
    db
      .select()
      .from(catalogLists)
      .where(
        and(
          eq(catalogLists.kind, sql.placeholder('kind')),
          eq(catalogLists.ownerPartnerId, sql.placeholder('owner')),
          eq(catalogLists.listId, sql.placeholder('listId')),
        ),
      )
      .prepare('listByKey'),
  );
  const versionByKey = onFirstUse(() =>
    db
      .select()
      .from(catalogVersions)
      .where(
        and(
          eq(catalogVersions.listRowId, sql.placeholder('listRowId')),
          eq(catalogVersions.version, sql.placeholder('version')),
        ),
      )
      .prepare('versionByKey'),
  );

  return {
    ...lines,
    ...createCatalogExtensionsRepo(db),

    async findList(kind, ownerPartnerId, listId) {
      const row = (await listByKey().execute({ kind, owner: ownerPartnerId, listId }))[0];
      return row ? listFromRow(row) : null;
    },
    async getList(id) {
      const row = (await db.select().from(catalogLists).where(eq(catalogLists.id, id)))[0];
      return row ? listFromRow(row) : null;
    },
    async listsById(kind, listId) {
      return (
        await db
          .select()
          .from(catalogLists)
          .where(and(eq(catalogLists.kind, kind), eq(catalogLists.listId, listId)))
          .orderBy(asc(catalogLists.id))
      ).map(listFromRow);
    },
    async listLists({ kind, ownerPartnerId }) {
      return (
        await db
          .select()
          .from(catalogLists)
          .where(
            and(
              eq(catalogLists.kind, kind),
              ownerPartnerId === undefined
                ? undefined
                : eq(catalogLists.ownerPartnerId, ownerPartnerId),
            ),
          )
          .orderBy(asc(catalogLists.id))
      ).map(listFromRow);
    },
    async insertList(input) {
      const row = (
        await db
          .insert(catalogLists)
          .values({
            kind: input.kind,
            listId: input.listId,
            ownerPartnerId: input.ownerPartnerId,
            name: input.name,
            currency: input.currency,
            createdAt: input.at.getTime(),
            updatedAt: input.at.getTime(),
          })
          .returning()
      )[0]!;
      return listFromRow(row);
    },
    async updateList(id, changes, at) {
      await db
        .update(catalogLists)
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.currency !== undefined && { currency: changes.currency }),
          ...(changes.withdrawnAt !== undefined && { withdrawnAt: ms(changes.withdrawnAt) }),
          ...(changes.withdrawnReason !== undefined && {
            withdrawnReason: changes.withdrawnReason,
          }),
          updatedAt: at.getTime(),
        })
        .where(eq(catalogLists.id, id));
    },

    async getVersion(listRowId, version) {
      const row = (await versionByKey().execute({ listRowId, version }))[0];
      return row ? versionFromRow(row) : null;
    },
    async getVersionById(id) {
      const row = (await db.select().from(catalogVersions).where(eq(catalogVersions.id, id)))[0];
      return row ? versionFromRow(row) : null;
    },
    async listVersions(listRowId) {
      return (
        await db
          .select()
          .from(catalogVersions)
          .where(eq(catalogVersions.listRowId, listRowId))
          .orderBy(desc(catalogVersions.version))
      ).map(versionFromRow);
    },
    async latestApplied(listRowId) {
      const row = (
        await db
          .select()
          .from(catalogVersions)
          .where(
            and(eq(catalogVersions.listRowId, listRowId), eq(catalogVersions.status, 'applied')),
          )
          .orderBy(desc(catalogVersions.version))
          .limit(1)
      )[0];
      return row ? versionFromRow(row) : null;
    },
    async versionInEffect(listRowId, atMs) {
      const row = (
        await db
          .select()
          .from(catalogVersions)
          .where(
            and(
              eq(catalogVersions.listRowId, listRowId),
              eq(catalogVersions.status, 'applied'),
              or(isNull(catalogVersions.validFromMs), lte(catalogVersions.validFromMs, atMs)),
              or(isNull(catalogVersions.validToMs), gt(catalogVersions.validToMs, atMs)),
            ),
          )
          .orderBy(desc(catalogVersions.version))
          .limit(1)
      )[0];
      return row ? versionFromRow(row) : null;
    },
    async insertVersion({ listRowId, header, status, lineCount, at }) {
      const row = (
        await db
          .insert(catalogVersions)
          .values({
            listRowId,
            ...header,
            status,
            lineCount,
            createdAt: at.getTime(),
            appliedAt: status === 'applied' ? at.getTime() : null,
          })
          .returning()
      )[0]!;
      return versionFromRow(row);
    },
    async updateVersion(id, changes) {
      const { appliedAt, ...rest } = changes;
      await db
        .update(catalogVersions)
        .set({ ...rest, ...(appliedAt !== undefined && { appliedAt: ms(appliedAt) }) })
        .where(eq(catalogVersions.id, id));
    },

    async getShare(listRowId, partnerId) {
      const row = (
        await db
          .select()
          .from(catalogShares)
          .where(
            and(eq(catalogShares.listRowId, listRowId), eq(catalogShares.partnerId, partnerId)),
          )
      )[0];
      return row ? shareFromRow(row) : null;
    },
    async listShares(listRowId) {
      return (
        await db
          .select()
          .from(catalogShares)
          .where(eq(catalogShares.listRowId, listRowId))
          .orderBy(asc(catalogShares.partnerId))
      ).map(shareFromRow);
    },
    async listPendingShares(partnerId) {
      return (
        await db
          .select()
          .from(catalogShares)
          .where(
            and(eq(catalogShares.partnerId, partnerId), isNotNull(catalogShares.pendingVersion)),
          )
          .orderBy(asc(catalogShares.listRowId))
      ).map(shareFromRow);
    },
    async saveShare(input) {
      const values = {
        heldVersion: input.heldVersion,
        pendingVersion: input.pendingVersion,
        pendingMessageIds: JSON.stringify(input.pendingMessageIds),
        ...(input.withdrawnAt !== undefined && { withdrawnAt: ms(input.withdrawnAt) }),
      };
      await db
        .insert(catalogShares)
        .values({
          listRowId: input.listRowId,
          partnerId: input.partnerId,
          sharedAt: input.at.getTime(),
          ...values,
        })
        .onConflictDoUpdate({
          target: [catalogShares.listRowId, catalogShares.partnerId],
          set: values,
        });
    },
    async setShareWithdrawn(listRowId, partnerId, at) {
      await db
        .update(catalogShares)
        .set({ withdrawnAt: ms(at) })
        .where(and(eq(catalogShares.listRowId, listRowId), eq(catalogShares.partnerId, partnerId)));
    },

    async insertDistributions(rows, at) {
      if (rows.length === 0) return [];
      return (
        await db
          .insert(catalogDistributions)
          .values(rows.map((r) => ({ ...r, status: 'queued', createdAt: at.getTime() })))
          .returning()
      ).map(distributionFromRow);
    },
    async nextQueued() {
      const row = (
        await db
          .select()
          .from(catalogDistributions)
          .where(eq(catalogDistributions.status, 'queued'))
          .orderBy(asc(catalogDistributions.id))
          .limit(1)
      )[0];
      return row ? distributionFromRow(row) : null;
    },
    async countQueued() {
      const row = (
        await db
          .select({ n: sql<number>`count(*)`.mapWith(Number) })
          .from(catalogDistributions)
          .where(eq(catalogDistributions.status, 'queued'))
      )[0];
      return row?.n ?? 0;
    },
    async finishDistribution(id, result) {
      await db
        .update(catalogDistributions)
        .set({
          status: result.status,
          ...(result.mode !== undefined && { mode: result.mode }),
          ...(result.baseVersion !== undefined && { baseVersion: result.baseVersion }),
          ...(result.parts !== undefined && { parts: result.parts }),
          ...(result.bytes !== undefined && { bytes: result.bytes }),
          ...(result.detail !== undefined && { detail: result.detail }),
          doneAt: result.at.getTime(),
        })
        .where(eq(catalogDistributions.id, id));
    },
    async cancelQueued(listRowId, partnerIds) {
      return await db
        .update(catalogDistributions)
        .set({ status: 'cancelled', detail: 'withdrawn before it was sent' })
        .where(
          and(
            eq(catalogDistributions.listRowId, listRowId),
            eq(catalogDistributions.status, 'queued'),
            partnerIds === undefined
              ? undefined
              : inArray(catalogDistributions.partnerId, partnerIds),
          ),
        )
        .returning({ id: catalogDistributions.id, partnerId: catalogDistributions.partnerId });
    },
    async hasQueuedResync(listRowId, partnerId) {
      const row = (
        await db
          .select({ id: catalogDistributions.id })
          .from(catalogDistributions)
          .where(
            and(
              eq(catalogDistributions.listRowId, listRowId),
              eq(catalogDistributions.partnerId, partnerId),
              eq(catalogDistributions.status, 'queued'),
              isNotNull(catalogDistributions.ref),
            ),
          )
          .limit(1)
      )[0];
      return row !== undefined;
    },
    async countResyncsSince(partnerId, since) {
      const row = (
        await db
          .select({ n: sql<number>`count(distinct ${catalogDistributions.ref})` })
          .from(catalogDistributions)
          .where(
            and(
              eq(catalogDistributions.partnerId, partnerId),
              isNotNull(catalogDistributions.ref),
              gte(catalogDistributions.createdAt, since.getTime()),
            ),
          )
      )[0];
      return row?.n ?? 0;
    },
    async listDistributions(listRowId, limit) {
      return (
        await db
          .select()
          .from(catalogDistributions)
          .where(eq(catalogDistributions.listRowId, listRowId))
          .orderBy(desc(catalogDistributions.id))
          .limit(limit)
      ).map(distributionFromRow);
    },
  };
}
