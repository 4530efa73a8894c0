import { eq, and, or, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { partners } from '../../db/schema/foundation.ts';
import type { PartnerRepo } from '../store.ts';
import { partnerFromRow, toMillis } from '../rows/row-mapping.ts';

export function createPartnerRepo(db: Db): PartnerRepo {
  const byNodeId = db
    .select()
    .from(partners)
    .where(eq(partners.nodeId, sql.placeholder('nodeId')))
    .prepare();
  // Read after every partner.update (its handler and its event's record): prepared once, as
  // building the query each time cost several times the statement.
  const byId = db
    .select()
    .from(partners)
    .where(eq(partners.id, sql.placeholder('id')))
    .prepare();

  // On the inbox's path for every partner.update: prepared once.
  const updateDeclaredStmt = db
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
    .prepare();

  return {
    async getById(id) {
      const row = byId.get({ id });
      return row ? partnerFromRow(row) : null;
    },
    async getByNodeId(nodeId) {
      const row = byNodeId.get({ nodeId });
      return row ? partnerFromRow(row) : null;
    },
    async list() {
      return db.select().from(partners).orderBy(partners.id).all().map(partnerFromRow);
    },
    async listByIds(ids) {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(partners)
        .where(inArray(partners.id, [...ids]))
        .orderBy(partners.id)
        .all()
        .map(partnerFromRow);
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
      const row = db
        .insert(partners)
        .values({ nodeId: endpoint.nodeId, ...values })
        .onConflictDoUpdate({ target: partners.nodeId, set: values })
        .returning()
        .get();
      return partnerFromRow(row);
    },
    async setStatus(id, status, at) {
      db.update(partners)
        .set({ status, updatedAt: toMillis(at) })
        .where(eq(partners.id, id))
        .run();
    },
    async moveToNode(id, nodeId, at) {
      db.update(partners)
        .set({ nodeId, status: 'suspended', updatedAt: toMillis(at) })
        .where(eq(partners.id, id))
        .run();
    },
    async updateProfile(id, changes, at) {
      const set: Partial<typeof partners.$inferInsert> = { updatedAt: toMillis(at) };
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.partnerType !== undefined) set.partnerType = changes.partnerType;
      if (changes.relationship !== undefined) set.relationship = changes.relationship;
      if (changes.allowedKinds !== undefined)
        set.allowedKinds = JSON.stringify(changes.allowedKinds);
      db.update(partners).set(set).where(eq(partners.id, id)).run();
    },
    async recordKeyFetch(id, keys, at) {
      const set: Partial<typeof partners.$inferInsert> = { keysFetchedAt: toMillis(at) };
      if (keys) set.keys = JSON.stringify(keys);
      db.update(partners).set(set).where(eq(partners.id, id)).run();
    },
    async updateDeclaredProfile(id, profile, asOf) {
      const result = updateDeclaredStmt.run({
        id,
        declaredProfile: JSON.stringify(profile),
        asOf: toMillis(asOf),
      });
      return result.changes > 0;
    },
  };
}
