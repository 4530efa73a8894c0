import { eq, and, or, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { partners } from '../../db/pg-schema/foundation.ts';
import type { PartnerRepo } from '../store.ts';
import type { PartnerRow } from '../../db/pg-schema/foundation.ts';
import { partnerFromRow, toMillis } from '../rows/row-mapping.ts';
import { onFirstUse } from './on-first-use.ts';

/**
 * The partner repo of one unit of work. `forget()` drops the rows it read: the unit calls it when
 * it rolls back to a savepoint (rows read after a write the rollback undid would be stale).
 */
export type UnitPartnerRepo = PartnerRepo & { forget(): void };

/**
 * Rows read by id are kept for the rest of the unit: the inbox reads a sender's row for every
 * partner.update it applies and again for the event that names it (two round trips of some eight
 * a message). Nothing else changes a partners row meanwhile: every write runs in a unit that
 * holds the store's write lock, and this repo is the only writer of the table, so each of its
 * writes refreshes (declared profile, from RETURNING) or drops what it keeps. A read unit sees
 * one snapshot anyway.
 */
export function createPartnerRepo(db: Db): UnitPartnerRepo {
  const byId = new Map<number, PartnerRow>();
  // Called after each write returns: a read answered before it (the connection answers in
  // order) may have kept the row as it was.
  const forget = () => byId.clear();

  const byNodeId = onFirstUse(() =>
    db
      .select()
      .from(partners)
      .where(eq(partners.nodeId, sql.placeholder('nodeId')))
      .prepare('byNodeId'),
  );

  // On the inbox's path for every partner.update: prepared once.
  const updateDeclaredStmt = onFirstUse(() =>
    db
      .update(partners)
      .set({
        declaredProfile: sql`${sql.placeholder('declaredProfile')}`,
        profileUpdatedAt: sql`${sql.placeholder('asOf')}`,
      })
      .where(
        and(
          eq(partners.id, sql.placeholder('id')),
          or(
            isNull(partners.profileUpdatedAt),
            lte(partners.profileUpdatedAt, sql.placeholder('asOf')),
          ),
        ),
      )
      .returning()
      .prepare('updateDeclaredStmt'),
  );

  return {
    forget,
    async getById(id) {
      const kept = byId.get(id);
      if (kept) return partnerFromRow(kept);
      const row = (await db.select().from(partners).where(eq(partners.id, id)))[0];
      if (row) byId.set(id, row);
      return row ? partnerFromRow(row) : null;
    },
    async getByNodeId(nodeId) {
      const row = (await byNodeId().execute({ nodeId }))[0];
      return row ? partnerFromRow(row) : null;
    },
    async list() {
      return (await db.select().from(partners).orderBy(partners.id)).map(partnerFromRow);
    },
    async listByIds(ids) {
      if (ids.length === 0) return [];
      return (
        await db
          .select()
          .from(partners)
          .where(inArray(partners.id, [...ids]))
          .orderBy(partners.id)
      ).map(partnerFromRow);
    },
    async saveConnected({ endpoint, profile, invitationId, at }) {
      const values = {
        name: profile.name,
        partnerType: profile.partnerType,
        relationship: profile.relationship,
        allowedKinds: JSON.stringify(profile.allowedKinds),
        status: 'active',
        inboxUrl: endpoint.inboxUrl,
        jwksUrl: endpoint.jwksUrl,
        maxBatch: endpoint.maxBatch,
        maxBodyBytes: endpoint.maxBodyBytes,
        keys: JSON.stringify(endpoint.keys),
        keysFetchedAt: toMillis(at),
        invitationId,
        connectedAt: toMillis(at),
        updatedAt: toMillis(at),
      };
      const row = (
        await db
          .insert(partners)
          .values({ nodeId: endpoint.nodeId, ...values })
          .onConflictDoUpdate({ target: partners.nodeId, set: values })
          .returning()
      )[0]!;
      forget();
      return partnerFromRow(row);
    },
    async setStatus(id, status, at) {
      await db
        .update(partners)
        .set({ status, updatedAt: toMillis(at) })
        .where(eq(partners.id, id));
      forget();
    },
    async moveToNode(id, nodeId, at) {
      await db
        .update(partners)
        .set({ nodeId, status: 'suspended', updatedAt: toMillis(at) })
        .where(eq(partners.id, id));
      forget();
    },
    async updateProfile(id, changes, at) {
      const set: Partial<typeof partners.$inferInsert> = { updatedAt: toMillis(at) };
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.partnerType !== undefined) set.partnerType = changes.partnerType;
      if (changes.relationship !== undefined) set.relationship = changes.relationship;
      if (changes.allowedKinds !== undefined)
        set.allowedKinds = JSON.stringify(changes.allowedKinds);
      await db.update(partners).set(set).where(eq(partners.id, id));
      forget();
    },
    async recordKeyFetch(id, keys, at) {
      const set: Partial<typeof partners.$inferInsert> = { keysFetchedAt: toMillis(at) };
      if (keys) set.keys = JSON.stringify(keys);
      await db.update(partners).set(set).where(eq(partners.id, id));
      forget();
    },
    async updateDeclaredProfile(id, profile, asOf) {
      const [row] = await updateDeclaredStmt().execute({
        id,
        declaredProfile: JSON.stringify(profile),
        asOf: toMillis(asOf),
      });
      // Not updated (a later profile is stored): the row is as it was.
      if (row) byId.set(id, row);
      return row !== undefined;
    },
  };
}
