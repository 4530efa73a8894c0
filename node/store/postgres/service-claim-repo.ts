/** Warranty claims and their history in SQLite: the claim half of the service repo. */
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { withRefusal } from './refusal-repo.ts';
import { warrantyClaims, warrantyEvents } from '../../db/pg-schema/service.ts';
import type { ServiceRepo } from '../service-store.ts';
import { changeColumns, claimColumns, eventFromRow } from '../rows/warranty-claim-row-mapping.ts';
import { onFirstUse } from './on-first-use.ts';

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
  const byKey = onFirstUse(() =>
    db
      .select()
      .from(warrantyClaims)
      .where(
        and(
          eq(warrantyClaims.partnerId, sql.placeholder('partnerId')),
          eq(warrantyClaims.claimId, sql.placeholder('claimId')),
        ),
      )
      .prepare('byKey'),
  );

  return {
    async findClaim(partnerId, claimId) {
      const row = (await byKey().execute({ partnerId, claimId }))[0];
      return row ? claimFromRow(row) : null;
    },
    async getClaim(id) {
      const row = (await db.select().from(warrantyClaims).where(eq(warrantyClaims.id, id)))[0];
      return row ? claimFromRow(row) : null;
    },
    async claimsById(claimId) {
      return Promise.all(
        (
          await db
            .select()
            .from(warrantyClaims)
            .where(eq(warrantyClaims.claimId, claimId))
            .orderBy(asc(warrantyClaims.id))
        ).map(claimFromRow),
      );
    },
    async insertClaim(input) {
      const at = input.at.getTime();
      const row = (
        await db
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
      )[0]!;
      return claimFromRow(row);
    },
    async updateClaim(id, changes, at) {
      await db
        .update(warrantyClaims)
        .set({ ...changeColumns(changes), updatedAt: at.getTime() })
        .where(eq(warrantyClaims.id, id));
    },
    async listClaims(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined)
        where.push(eq(warrantyClaims.partnerId, filter.partnerId));
      if (filter.owner) where.push(eq(warrantyClaims.owner, filter.owner));
      if (filter.status) where.push(eq(warrantyClaims.status, filter.status));
      if (page.after !== undefined) where.push(lt(warrantyClaims.id, page.after));
      return Promise.all(
        (
          await db
            .select()
            .from(warrantyClaims)
            .where(and(...where))
            .orderBy(desc(warrantyClaims.id))
            .limit(page.limit)
        ).map(claimFromRow),
      );
    },
    async addClaimEvent(event) {
      const result = await db
        .insert(warrantyEvents)
        .values({ ...event, at: event.at.getTime() })
        .onConflictDoNothing();
      return result.count > 0;
    },
    async claimEvents(claimRowId) {
      return (
        await db
          .select()
          .from(warrantyEvents)
          .where(eq(warrantyEvents.claimRowId, claimRowId))
          .orderBy(asc(warrantyEvents.id))
      ).map(eventFromRow);
    },
  };
}
