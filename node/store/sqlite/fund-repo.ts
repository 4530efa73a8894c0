/** The marketing funds domain's tables behind its part of the storage boundary. */
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { withRefusal } from './refusal-repo.ts';
import { expenseClaims, fundAllocations, fundProofFiles } from '../../db/schema/funds.ts';
import type { FundRepo } from '../fund-store.ts';
import {
  allocationColumns,
  decisionColumns,
  allocationFromColumns,
  claimFromColumns,
  proofFromRow,
} from '../rows/fund-row-mapping.ts';

export function createFundRepo(db: Db): FundRepo {
  const allocationFromRow = withRefusal(db, 'fund_allocation', allocationFromColumns, (a) => [
    a.allocationId,
    a.partnerId,
  ]);
  const claimFromRow = withRefusal(db, 'expense_claim', claimFromColumns, (c) => [
    c.claimId,
    c.partnerId,
  ]);
  const allocationByKey = db
    .select()
    .from(fundAllocations)
    .where(
      and(
        eq(fundAllocations.partnerId, sql.placeholder('partnerId')),
        eq(fundAllocations.allocationId, sql.placeholder('allocationId')),
      ),
    )
    .prepare();
  const claimByKey = db
    .select()
    .from(expenseClaims)
    .where(
      and(
        eq(expenseClaims.partnerId, sql.placeholder('partnerId')),
        eq(expenseClaims.claimId, sql.placeholder('claimId')),
      ),
    )
    .prepare();
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
      const row = allocationByKey.get({ partnerId, allocationId });
      return row ? allocationFromRow(row) : null;
    },
    async getAllocation(id) {
      const row = db.select().from(fundAllocations).where(eq(fundAllocations.id, id)).get();
      return row ? allocationFromRow(row) : null;
    },
    async allocationsById(allocationId) {
      return db
        .select()
        .from(fundAllocations)
        .where(eq(fundAllocations.allocationId, allocationId))
        .orderBy(asc(fundAllocations.id))
        .all()
        .map(allocationFromRow);
    },
    async insertAllocation(input) {
      const at = input.at.getTime();
      const { activities, ...fields } = input.fields;
      const row = db
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
        .get();
      return allocationFromRow(row);
    },
    async updateAllocation(id, changes, at) {
      db.update(fundAllocations)
        .set({ ...allocationColumns(changes), updatedAt: at.getTime() })
        .where(eq(fundAllocations.id, id))
        .run();
    },
    async listAllocations(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined)
        where.push(eq(fundAllocations.partnerId, filter.partnerId));
      if (filter.owner) where.push(eq(fundAllocations.owner, filter.owner));
      if (page.after !== undefined) where.push(lt(fundAllocations.id, page.after));
      return db
        .select()
        .from(fundAllocations)
        .where(and(...where))
        .orderBy(desc(fundAllocations.id))
        .limit(page.limit)
        .all()
        .map(allocationFromRow);
    },

    async findClaim(partnerId, claimId) {
      const row = claimByKey.get({ partnerId, claimId });
      return row ? claimFromRow(row) : null;
    },
    async getClaim(id) {
      const row = db.select().from(expenseClaims).where(eq(expenseClaims.id, id)).get();
      return row ? claimFromRow(row) : null;
    },
    async claimsById(claimId) {
      return db
        .select()
        .from(expenseClaims)
        .where(eq(expenseClaims.claimId, claimId))
        .orderBy(asc(expenseClaims.id))
        .all()
        .map(claimFromRow);
    },
    async insertClaim(input) {
      const at = input.at.getTime();
      const f = input.fields;
      const row = db
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
        .get();
      return claimFromRow(row);
    },
    async updateClaim(id, changes, at) {
      db.update(expenseClaims)
        .set({ ...decisionColumns(changes), updatedAt: at.getTime() })
        .where(eq(expenseClaims.id, id))
        .run();
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
      return db
        .select()
        .from(expenseClaims)
        .where(and(...where))
        .orderBy(desc(expenseClaims.id))
        .limit(page.limit)
        .all()
        .map(claimFromRow);
    },
    async claimsOfPartner(partnerId, owner) {
      const where: SQL[] = [eq(expenseClaims.partnerId, partnerId)];
      if (owner) where.push(eq(expenseClaims.owner, owner));
      return db
        .select()
        .from(expenseClaims)
        .where(and(...where))
        .orderBy(asc(expenseClaims.id))
        .all()
        .map(claimFromRow);
    },

    async saveProofFile(input) {
      db.insert(fundProofFiles)
        .values({
          partnerId: input.partnerId,
          sha256: input.sha256,
          name: input.name,
          mediaType: input.mediaType,
          size: input.bytes.byteLength,
          bytes: Buffer.from(input.bytes),
          createdAt: input.at.getTime(),
        })
        .onConflictDoNothing()
        .run();
      const row = db
        .select(proofColumns)
        .from(fundProofFiles)
        .where(
          and(
            eq(fundProofFiles.partnerId, input.partnerId),
            eq(fundProofFiles.sha256, input.sha256),
          ),
        )
        .get();
      if (!row) throw new Error('a proof file just stored is missing');
      return proofFromRow(row);
    },
    async findProofFile(partnerId, sha256) {
      const row = db
        .select(proofColumns)
        .from(fundProofFiles)
        .where(and(eq(fundProofFiles.partnerId, partnerId), eq(fundProofFiles.sha256, sha256)))
        .get();
      return row ? proofFromRow(row) : null;
    },
    async proofFileBytes(id) {
      const row = db
        .select({ bytes: fundProofFiles.bytes })
        .from(fundProofFiles)
        .where(eq(fundProofFiles.id, id))
        .get();
      return row ? new Uint8Array(row.bytes) : null;
    },
  };
}
