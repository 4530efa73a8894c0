/** The marketing funds domain's tables behind its part of the storage boundary. */
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { withRefusal } from './refusal-repo.ts';
import { expenseClaims, fundAllocations, fundProofFiles } from '../../db/pg-schema/funds.ts';
import type { FundRepo } from '../fund-store.ts';
import {
  allocationColumns,
  decisionColumns,
  allocationFromColumns,
  claimFromColumns,
  proofFromRow,
} from '../rows/fund-row-mapping.ts';
import { onFirstUse } from './on-first-use.ts';

export function createFundRepo(db: Db): FundRepo {
  const allocationFromRow = withRefusal(db, 'fund_allocation', allocationFromColumns, (a) => [
    a.allocationId,
    a.partnerId,
  ]);
  const claimFromRow = withRefusal(db, 'expense_claim', claimFromColumns, (c) => [
    c.claimId,
    c.partnerId,
  ]);
  const allocationByKey = onFirstUse(() =>
    db
      .select()
      .from(fundAllocations)
      .where(
        and(
          eq(fundAllocations.partnerId, sql.placeholder('partnerId')),
          eq(fundAllocations.allocationId, sql.placeholder('allocationId')),
        ),
      )
      .prepare('allocationByKey'),
  );
  const claimByKey = onFirstUse(() =>
    db
      .select()
      .from(expenseClaims)
      .where(
        and(
          eq(expenseClaims.partnerId, sql.placeholder('partnerId')),
          eq(expenseClaims.claimId, sql.placeholder('claimId')),
        ),
      )
      .prepare('claimByKey'),
  );
  const proofColumns = {
    id: fundProofFiles.id,
    partnerId: fundProofFiles.partnerId,
    sha256: fundProofFiles.sha256,
    name: fundProofFiles.name,
    mediaType: fundProofFiles.mediaType,
    size: fundProofFiles.size,
    createdAt: fundProofFiles.createdAt,
  };

  return {
    async findAllocation(partnerId, allocationId) {
      const row = (await allocationByKey().execute({ partnerId, allocationId }))[0];
      return row ? allocationFromRow(row) : null;
    },
    async getAllocation(id) {
      const row = (await db.select().from(fundAllocations).where(eq(fundAllocations.id, id)))[0];
      return row ? allocationFromRow(row) : null;
    },
    async allocationsById(allocationId) {
      return Promise.all(
        (
          await db
            .select()
            .from(fundAllocations)
            .where(eq(fundAllocations.allocationId, allocationId))
            .orderBy(asc(fundAllocations.id))
        ).map(allocationFromRow),
      );
    },
    async insertAllocation(input) {
      const at = input.at.getTime();
      const { activities, ...fields } = input.fields;
      const row = (
        await db
          .insert(fundAllocations)
          .values({
            allocationId: input.allocationId,
            partnerId: input.partnerId,
            owner: input.owner,
            ...fields,
            activities: JSON.stringify(activities),
            version: input.version,
            createdAt: at,
            updatedAt: at,
          })
          .returning()
      )[0]!;
      return allocationFromRow(row);
    },
    async updateAllocation(id, changes, at) {
      await db
        .update(fundAllocations)
        .set({ ...allocationColumns(changes), updatedAt: at.getTime() })
        .where(eq(fundAllocations.id, id));
    },
    async listAllocations(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined)
        where.push(eq(fundAllocations.partnerId, filter.partnerId));
      if (filter.owner) where.push(eq(fundAllocations.owner, filter.owner));
      if (page.after !== undefined) where.push(lt(fundAllocations.id, page.after));
      return Promise.all(
        (
          await db
            .select()
            .from(fundAllocations)
            .where(and(...where))
            .orderBy(desc(fundAllocations.id))
            .limit(page.limit)
        ).map(allocationFromRow),
      );
    },

    async findClaim(partnerId, claimId) {
      const row = (await claimByKey().execute({ partnerId, claimId }))[0];
      return row ? claimFromRow(row) : null;
    },
    async getClaim(id) {
      const row = (await db.select().from(expenseClaims).where(eq(expenseClaims.id, id)))[0];
      return row ? claimFromRow(row) : null;
    },
    async claimsById(claimId) {
      return Promise.all(
        (
          await db
            .select()
            .from(expenseClaims)
            .where(eq(expenseClaims.claimId, claimId))
            .orderBy(asc(expenseClaims.id))
        ).map(claimFromRow),
      );
    },
    async insertClaim(input) {
      const at = input.at.getTime();
      const f = input.fields;
      const row = (
        await db
          .insert(expenseClaims)
          .values({
            claimId: input.claimId,
            partnerId: input.partnerId,
            owner: input.owner,
            allocationId: f.allocationId,
            invoiceNumber: f.invoiceNumber,
            invoiceDate: f.invoiceDate,
            activity: f.activity,
            lines: JSON.stringify(f.lines),
            total: f.total,
            currency: f.currency,
            proof: JSON.stringify(f.proof),
            filedAt: input.filedAt.getTime(),
            status: 'submitted',
            ...decisionColumns(input.decision ?? {}),
            createdAt: at,
            updatedAt: at,
          })
          .returning()
      )[0]!;
      return claimFromRow(row);
    },
    async updateClaim(id, changes, at) {
      await db
        .update(expenseClaims)
        .set({ ...decisionColumns(changes), updatedAt: at.getTime() })
        .where(eq(expenseClaims.id, id));
    },
    async listClaims(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined) where.push(eq(expenseClaims.partnerId, filter.partnerId));
      if (filter.owner) where.push(eq(expenseClaims.owner, filter.owner));
      if (filter.status) where.push(eq(expenseClaims.status, filter.status));
      if (filter.allocationId !== undefined) {
        where.push(eq(expenseClaims.allocationId, filter.allocationId));
      }
      if (page.after !== undefined) where.push(lt(expenseClaims.id, page.after));
      return Promise.all(
        (
          await db
            .select()
            .from(expenseClaims)
            .where(and(...where))
            .orderBy(desc(expenseClaims.id))
            .limit(page.limit)
        ).map(claimFromRow),
      );
    },
    async claimsOfPartner(partnerId, owner) {
      const where: SQL[] = [eq(expenseClaims.partnerId, partnerId)];
      if (owner) where.push(eq(expenseClaims.owner, owner));
      return Promise.all(
        (
          await db
            .select()
            .from(expenseClaims)
            .where(and(...where))
            .orderBy(asc(expenseClaims.id))
        ).map(claimFromRow),
      );
    },

    async saveProofFile(input) {
      await db
        .insert(fundProofFiles)
        .values({
          partnerId: input.partnerId,
          sha256: input.sha256,
          name: input.name,
          mediaType: input.mediaType,
          size: input.bytes.byteLength,
          bytes: Buffer.from(input.bytes),
          createdAt: input.at.getTime(),
        })
        .onConflictDoNothing();
      const row = (
        await db
          .select(proofColumns)
          .from(fundProofFiles)
          .where(
            and(
              eq(fundProofFiles.partnerId, input.partnerId),
              eq(fundProofFiles.sha256, input.sha256),
            ),
          )
      )[0];
      if (!row) throw new Error('a proof file just stored is missing');
      return proofFromRow(row);
    },
    async findProofFile(partnerId, sha256) {
      const row = (
        await db
          .select(proofColumns)
          .from(fundProofFiles)
          .where(and(eq(fundProofFiles.partnerId, partnerId), eq(fundProofFiles.sha256, sha256)))
      )[0];
      return row ? proofFromRow(row) : null;
    },
    async proofFileBytes(id) {
      const row = (
        await db
          .select({ bytes: fundProofFiles.bytes })
          .from(fundProofFiles)
          .where(eq(fundProofFiles.id, id))
      )[0];
      return row ? new Uint8Array(row.bytes) : null;
    },
  };
}
