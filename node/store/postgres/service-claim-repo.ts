/** Warranty claims and their history in SQLite: the claim half of the service repo. */
import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import { withRefusal } from './refusal-repo.ts';
import {
  warrantyClaims,
  warrantyEvents,
  type WarrantyClaimRow,
  type WarrantyEventRow,
} from '../../db/pg-schema/service.ts';
import type {
  ClaimChanges,
  ClaimStatus,
  RecordOwner,
  ServiceRepo,
  WarrantyClaim,
  WarrantyEvent,
} from '../service-store.ts';

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
    .prepare('byKey');

  return {
    async findClaim(partnerId, claimId) {
      const row = (await byKey.execute({ partnerId, claimId }))[0];
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

function changeColumns(c: ClaimChanges): Partial<WarrantyClaimRow> {
  const time = (d: Date | null | undefined) =>
    d === undefined ? undefined : (d?.getTime() ?? null);
  const columns: Partial<Record<keyof WarrantyClaimRow, unknown>> = {
    product: c.product,
    serial: c.serial,
    purchaseDate: c.purchaseDate,
    failureDate: c.failureDate,
    failure: c.failure,
    claimedAmount: c.claimedAmount,
    currency: c.currency,
    requestId: c.requestId,
    version: c.version,
    status: c.status,
    decisionVersion: c.decisionVersion,
    decidedVersion: c.decidedVersion,
    approvedAmount: c.approvedAmount,
    decisionReason: c.decisionReason,
    decidedAt: time(c.decidedAt),
    withdrawnAt: time(c.withdrawnAt),
    withdrawnReason: c.withdrawnReason,
  };
  return Object.fromEntries(
    Object.entries(columns).filter(([, v]) => v !== undefined),
  ) as Partial<WarrantyClaimRow>;
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

function claimColumns(row: WarrantyClaimRow): Omit<WarrantyClaim, 'refusal'> {
  return {
    id: row.id,
    claimId: row.claimId,
    partnerId: row.partnerId,
    owner: row.owner as RecordOwner,
    product: row.product,
    serial: row.serial,
    purchaseDate: row.purchaseDate,
    failureDate: row.failureDate,
    failure: row.failure,
    claimedAmount: row.claimedAmount,
    currency: row.currency,
    requestId: row.requestId,
    version: row.version,
    status: row.status as ClaimStatus,
    decisionVersion: row.decisionVersion,
    decidedVersion: row.decidedVersion,
    approvedAmount: row.approvedAmount,
    decisionReason: row.decisionReason,
    decidedAt: dateOrNull(row.decidedAt),
    withdrawnAt: dateOrNull(row.withdrawnAt),
    withdrawnReason: row.withdrawnReason,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

function eventFromRow(row: WarrantyEventRow): WarrantyEvent {
  return {
    ...row,
    type: row.type as WarrantyEvent['type'],
    side: row.side as RecordOwner,
    at: new Date(row.at),
  };
}
