/** Warranty claims and their history in SQLite: the claim half of the service repo. */
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { withRefusal } from './refusal-repo.ts';
import { warrantyClaims, warrantyEvents } from '../../db/schema/service.ts';
import type { ServiceRepo } from '../service-store.ts';
import { changeColumns, claimColumns, eventFromRow } from '../rows/warranty-claim-row-mapping.ts';

type ClaimRepo = Pick<
  ServiceRepo,
  | 'findClaim'
  | 'getClaim'
  | 'claimsById'
  | 'insertClaim'
  | 'updateClaim'
  | 'listClaims'
  | 'addClaimEvent'
  | 'claimEvents'
>;

export function createClaimRepo(db: Db): ClaimRepo {
  const claimFromRow = withRefusal(db, 'warranty_claim', claimColumns, (c) => [
    c.claimId,
    c.partnerId,
  ]);
  const byKey = db
    .select()
    .from(warrantyClaims)
    .where(
      and(
        eq(warrantyClaims.partnerId, sql.placeholder('partnerId')),
        eq(warrantyClaims.claimId, sql.placeholder('claimId')),
      ),
    )
    .prepare();

  return {
    async findClaim(partnerId, claimId) {
      const row = byKey.get({ partnerId, claimId });
      return row ? claimFromRow(row) : null;
    },
    async getClaim(id) {
      const row = db.select().from(warrantyClaims).where(eq(warrantyClaims.id, id)).get();
      return row ? claimFromRow(row) : null;
    },
    async claimsById(claimId) {
      return db
        .select()
        .from(warrantyClaims)
        .where(eq(warrantyClaims.claimId, claimId))
        .orderBy(asc(warrantyClaims.id))
        .all()
        .map(claimFromRow);
    },
    async insertClaim(input) {
      const at = input.at.getTime();
      const row = db
        .insert(warrantyClaims)
        .values({
          claimId: input.claimId,
          partnerId: input.partnerId,
          owner: input.owner,
          ...input.fields,
          version: input.version,
          status: 'submitted',
          createdAt: at,
          updatedAt: at,
        })
        .returning()
        .get();
      return claimFromRow(row);
    },
    async updateClaim(id, changes, at) {
      db.update(warrantyClaims)
        .set({ ...changeColumns(changes), updatedAt: at.getTime() })
        .where(eq(warrantyClaims.id, id))
        .run();
    },
    async listClaims(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined)
        where.push(eq(warrantyClaims.partnerId, filter.partnerId));
      if (filter.owner) where.push(eq(warrantyClaims.owner, filter.owner));
      if (filter.status) where.push(eq(warrantyClaims.status, filter.status));
      if (page.after !== undefined) where.push(lt(warrantyClaims.id, page.after));
      return db
        .select()
        .from(warrantyClaims)
        .where(and(...where))
        .orderBy(desc(warrantyClaims.id))
        .limit(page.limit)
        .all()
        .map(claimFromRow);
    },
    async addClaimEvent(event) {
      const result = db
        .insert(warrantyEvents)
        .values({ ...event, at: event.at.getTime() })
        .onConflictDoNothing()
        .run();
      return result.changes > 0;
    },
    async claimEvents(claimRowId) {
      return db
        .select()
        .from(warrantyEvents)
        .where(eq(warrantyEvents.claimRowId, claimRowId))
        .orderBy(asc(warrantyEvents.id))
        .all()
        .map(eventFromRow);
    },
  };
}
