/** Shared services in SQLite: attachments, agreements and charges (see shared-service-store.ts). */
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgDb as Db } from '../../db/open-postgres.ts';
import {
  serviceAgreements,
  serviceAttachments,
  serviceCharges,
  type ServiceAgreementRow,
  type ServiceChargeRow,
} from '../../db/pg-schema/shared-services.ts';
import type { RequestCategory } from '../service-store.ts';
import type {
  Agreement,
  AttachmentType,
  Charge,
  ChargeStatus,
  PriceUnit,
  SharedServiceRepo,
} from '../shared-service-store.ts';

export function createSharedServiceRepo(db: Db): SharedServiceRepo {
  return {
    async replaceAttachments(requestRowId, attachments, at) {
      await db.delete(serviceAttachments).where(eq(serviceAttachments.requestRowId, requestRowId));
      if (attachments.length === 0) return;
      await db.insert(serviceAttachments).values(
        attachments.map((a, position) => ({
          requestRowId,
          position,
          type: a.type,
          recordId: a.recordId,
          contentHash: a.contentHash,
          snapshot: JSON.stringify(a.snapshot),
          takenAt: a.takenAt.getTime(),
          recordedAt: at.getTime(),
        })),
      );
    },
    async attachments(requestRowId) {
      return (
        await db
          .select()
          .from(serviceAttachments)
          .where(eq(serviceAttachments.requestRowId, requestRowId))
          .orderBy(asc(serviceAttachments.position))
      ).map((r) => ({
        type: r.type as AttachmentType,
        recordId: r.recordId,
        contentHash: r.contentHash,
        snapshot: JSON.parse(r.snapshot) as Record<string, unknown>,
        takenAt: new Date(r.takenAt),
      }));
    },
    async eraseAttachments(requestRowId) {
      return (
        await db.delete(serviceAttachments).where(eq(serviceAttachments.requestRowId, requestRowId))
      ).count;
    },

    async agreementOf(partnerId) {
      const row = (
        await db.select().from(serviceAgreements).where(eq(serviceAgreements.partnerId, partnerId))
      )[0];
      return row ? agreementFromRow(row) : null;
    },
    async putAgreement(partnerId, f, at) {
      const columns = {
        categories: JSON.stringify(f.categories),
        responseHours: f.responseHours,
        resolutionHours: f.resolutionHours,
        billable: f.billable,
        price: f.price,
        currency: f.currency,
        priceUnit: f.priceUnit,
        updatedAt: at.getTime(),
      };
      const row = (
        await db
          .insert(serviceAgreements)
          .values({ partnerId, ...columns, createdAt: at.getTime() })
          .onConflictDoUpdate({ target: serviceAgreements.partnerId, set: columns })
          .returning()
      )[0]!;
      return agreementFromRow(row);
    },
    async deleteAgreement(partnerId) {
      return (
        (await db.delete(serviceAgreements).where(eq(serviceAgreements.partnerId, partnerId)))
          .count > 0
      );
    },
    async listAgreements() {
      return (
        await db.select().from(serviceAgreements).orderBy(asc(serviceAgreements.partnerId))
      ).map(agreementFromRow);
    },

    async insertCharge(c) {
      const row = (
        await db
          .insert(serviceCharges)
          .values({ ...c, status: 'open', bookedAt: c.bookedAt.getTime() })
          .onConflictDoNothing({ target: serviceCharges.requestRowId })
          .returning()
      )[0]!;
      return row ? chargeFromRow(row) : null;
    },
    async getCharge(id) {
      const row = (await db.select().from(serviceCharges).where(eq(serviceCharges.id, id)))[0];
      return row ? chargeFromRow(row) : null;
    },
    async chargeOfRequest(requestRowId) {
      const row = (
        await db.select().from(serviceCharges).where(eq(serviceCharges.requestRowId, requestRowId))
      )[0];
      return row ? chargeFromRow(row) : null;
    },
    async listCharges(filter, page) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined)
        where.push(eq(serviceCharges.partnerId, filter.partnerId));
      if (filter.status !== undefined) where.push(eq(serviceCharges.status, filter.status));
      if (page.after !== undefined) where.push(lt(serviceCharges.id, page.after));
      return (
        await db
          .select()
          .from(serviceCharges)
          .where(and(...where))
          .orderBy(desc(serviceCharges.id))
          .limit(page.limit)
      ).map(chargeFromRow);
    },
    async markInvoiced(ids, invoiceNumber, at) {
      if (ids.length === 0) return;
      await db
        .update(serviceCharges)
        .set({ status: 'invoiced', invoiceNumber, invoicedAt: at.getTime() })
        .where(inArray(serviceCharges.id, ids));
    },
  };
}

function agreementFromRow(r: ServiceAgreementRow): Agreement {
  return {
    id: r.id,
    partnerId: r.partnerId,
    categories: JSON.parse(r.categories) as RequestCategory[],
    responseHours: r.responseHours,
    resolutionHours: r.resolutionHours,
    billable: r.billable,
    price: r.price,
    currency: r.currency,
    priceUnit: r.priceUnit as PriceUnit | null,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
  };
}

function chargeFromRow(r: ServiceChargeRow): Charge {
  return {
    id: r.id,
    requestRowId: r.requestRowId,
    partnerId: r.partnerId,
    unit: r.unit as PriceUnit,
    quantity: r.quantity,
    price: r.price,
    amount: r.amount,
    currency: r.currency,
    status: r.status as ChargeStatus,
    invoiceNumber: r.invoiceNumber,
    invoicedAt: r.invoicedAt === null ? null : new Date(r.invoicedAt),
    bookedAt: new Date(r.bookedAt),
  };
}
