/** Vendor-managed inventory in SQLite: reports, settings, proposals and auto-accept rules. */
import { and, asc, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import {
  inventoryPartnerSettings,
  inventoryReports,
  inventorySettings,
  replenishmentAutoAccept,
  replenishmentProposals,
} from '../../db/schema/inventory.ts';
import type { InventoryRepo } from '../inventory-store.ts';
import {
  partnerSettingsFromRow,
  proposalFromRow as proposalColumns,
  reportFromRow as reportColumns,
  ruleFromRow,
  settingFromRow,
} from '../rows/inventory-row-mapping.ts';
import { withRefusal } from './refusal-repo.ts';
import { toMillis } from '../rows/row-mapping.ts';

export function createInventoryRepo(db: Db): InventoryRepo {
  const reportFromRow = withRefusal(db, 'inventory_report', reportColumns, (r) => [
    r.reportId,
    r.partnerId,
  ]);
  const proposalFromRow = withRefusal(db, 'replenishment_proposal', proposalColumns, (p) => [
    p.proposalId,
    p.partnerId,
  ]);
  return {
    async getReport(id) {
      const row = db.select().from(inventoryReports).where(eq(inventoryReports.id, id)).get();
      return row ? reportFromRow(row) : null;
    },
    async findReport(role, partnerId, reportId) {
      const row = db
        .select()
        .from(inventoryReports)
        .where(
          and(
            eq(inventoryReports.role, role),
            eq(inventoryReports.partnerId, partnerId),
            eq(inventoryReports.reportId, reportId),
          ),
        )
        .get();
      return row ? reportFromRow(row) : null;
    },
    async insertReport(input) {
      const f = input.fields;
      const row = db
        .insert(inventoryReports)
        .values({
          role: input.role,
          partnerId: input.partnerId,
          reportId: f.reportId,
          location: f.location,
          periodStart: f.periodStart,
          periodEnd: f.periodEnd,
          lines: JSON.stringify(f.lines),
          lineCount: f.lines.length,
          note: f.note,
          contentHash: input.contentHash,
          messageId: input.messageId,
          jws: input.jws,
          createdAt: toMillis(input.at),
        })
        .returning()
        .get();
      return reportFromRow(row);
    },
    async listReports(filter, page) {
      const where: SQL[] = [];
      if (filter.role) where.push(eq(inventoryReports.role, filter.role));
      if (filter.partnerId !== undefined) {
        where.push(eq(inventoryReports.partnerId, filter.partnerId));
      }
      if (filter.location !== undefined) where.push(eq(inventoryReports.location, filter.location));
      if (page.after !== undefined) where.push(lt(inventoryReports.id, page.after));
      return db
        .select()
        .from(inventoryReports)
        .where(and(...where))
        .orderBy(desc(inventoryReports.id))
        .limit(page.limit)
        .all()
        .map(reportFromRow);
    },
    async latestReports(partnerId, location, limit) {
      return db
        .select()
        .from(inventoryReports)
        .where(
          and(
            eq(inventoryReports.role, 'supplier'),
            eq(inventoryReports.partnerId, partnerId),
            eq(inventoryReports.location, location),
          ),
        )
        .orderBy(desc(inventoryReports.periodEnd), desc(inventoryReports.id))
        .limit(limit)
        .all()
        .map(reportFromRow);
    },

    async putSetting(s) {
      const set = {
        policy: s.policy,
        minQty: s.min,
        maxQty: s.max,
        coverDays: s.days,
        leadTimeDays: s.leadTimeDays,
        packSize: s.packSize,
        updatedAt: toMillis(s.updatedAt),
      };
      db.insert(inventorySettings)
        .values({ partnerId: s.partnerId, sku: s.sku, location: s.location, ...set })
        .onConflictDoUpdate({
          target: [inventorySettings.partnerId, inventorySettings.sku, inventorySettings.location],
          set,
        })
        .run();
    },
    async deleteSetting(partnerId, sku, location) {
      return (
        db
          .delete(inventorySettings)
          .where(
            and(
              eq(inventorySettings.partnerId, partnerId),
              eq(inventorySettings.sku, sku),
              eq(inventorySettings.location, location),
            ),
          )
          .run().changes > 0
      );
    },
    async listSettings(filter) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined) {
        where.push(eq(inventorySettings.partnerId, filter.partnerId));
      }
      if (filter.sku !== undefined) where.push(eq(inventorySettings.sku, filter.sku));
      if (filter.location !== undefined)
        where.push(eq(inventorySettings.location, filter.location));
      return db
        .select()
        .from(inventorySettings)
        .where(and(...where))
        .orderBy(
          asc(inventorySettings.partnerId),
          asc(inventorySettings.sku),
          asc(inventorySettings.location),
        )
        .all()
        .map(settingFromRow);
    },

    async getProposal(id) {
      const row = db
        .select()
        .from(replenishmentProposals)
        .where(eq(replenishmentProposals.id, id))
        .get();
      return row ? proposalFromRow(row) : null;
    },
    async findProposal(role, partnerId, proposalId) {
      const row = db
        .select()
        .from(replenishmentProposals)
        .where(
          and(
            eq(replenishmentProposals.role, role),
            eq(replenishmentProposals.partnerId, partnerId),
            eq(replenishmentProposals.proposalId, proposalId),
          ),
        )
        .get();
      return row ? proposalFromRow(row) : null;
    },
    async insertProposal(input) {
      const f = input.fields;
      const at = toMillis(input.at);
      const row = db
        .insert(replenishmentProposals)
        .values({
          role: input.role,
          partnerId: input.partnerId,
          proposalId: f.proposalId,
          location: f.location,
          basedOn: JSON.stringify(f.basedOn),
          validUntil: toMillis(f.validUntil),
          lines: JSON.stringify(f.lines),
          details: input.details === null ? null : JSON.stringify(input.details),
          contentHash: input.contentHash,
          status: 'open',
          jws: input.jws,
          createdAt: at,
          updatedAt: at,
        })
        .returning()
        .get();
      return proposalFromRow(row);
    },
    async listProposals(filter, page) {
      const where: SQL[] = [];
      if (filter.role) where.push(eq(replenishmentProposals.role, filter.role));
      if (filter.partnerId !== undefined) {
        where.push(eq(replenishmentProposals.partnerId, filter.partnerId));
      }
      if (filter.status) where.push(eq(replenishmentProposals.status, filter.status));
      if (page.after !== undefined) where.push(lt(replenishmentProposals.id, page.after));
      return db
        .select()
        .from(replenishmentProposals)
        .where(and(...where))
        .orderBy(desc(replenishmentProposals.id))
        .limit(page.limit)
        .all()
        .map(proposalFromRow);
    },
    async recordDecision(id, d) {
      const at = toMillis(d.at);
      db.update(replenishmentProposals)
        .set({
          status: d.status,
          decisionLines: d.lines === null ? null : JSON.stringify(d.lines),
          decisionReason: d.reason,
          orderId: d.orderId,
          decidedAt: at,
          decisionLate: d.late ? 1 : 0,
          autoAccepted: d.autoAccepted ? 1 : 0,
          ...(d.jws !== undefined && { decisionJws: d.jws }),
          updatedAt: at,
        })
        .where(eq(replenishmentProposals.id, id))
        .run();
    },
    async noteAutoAccept(id, note, at) {
      db.update(replenishmentProposals)
        .set({ autoAcceptNote: note, updatedAt: toMillis(at) })
        .where(eq(replenishmentProposals.id, id))
        .run();
    },

    async getAutoAccept(partnerId) {
      const row = db
        .select()
        .from(replenishmentAutoAccept)
        .where(eq(replenishmentAutoAccept.partnerId, partnerId))
        .get();
      return row ? ruleFromRow(row) : null;
    },
    async putAutoAccept(rule) {
      const set = {
        enabled: rule.enabled ? 1 : 0,
        maxLines: rule.maxLines,
        maxLineQty: rule.maxLineQty,
        maxTotalQty: rule.maxTotalQty,
        updatedAt: toMillis(rule.updatedAt),
      };
      db.insert(replenishmentAutoAccept)
        .values({ partnerId: rule.partnerId, ...set })
        .onConflictDoUpdate({ target: replenishmentAutoAccept.partnerId, set })
        .run();
    },
    async listAutoAccept() {
      return db
        .select()
        .from(replenishmentAutoAccept)
        .orderBy(asc(replenishmentAutoAccept.partnerId))
        .all()
        .map(ruleFromRow);
    },

    async getPartnerSettings(partnerId) {
      const row = db
        .select()
        .from(inventoryPartnerSettings)
        .where(eq(inventoryPartnerSettings.partnerId, partnerId))
        .get();
      return row ? partnerSettingsFromRow(row) : null;
    },
    async putPartnerSettings(s) {
      const set = {
        autoPropose: s.autoPropose ? 1 : 0,
        validDays: s.validDays,
        checkedUpTo: toMillis(s.checkedUpTo),
        updatedAt: toMillis(s.updatedAt),
      };
      db.insert(inventoryPartnerSettings)
        .values({ partnerId: s.partnerId, ...set })
        .onConflictDoUpdate({ target: inventoryPartnerSettings.partnerId, set })
        .run();
    },
    async listPartnerSettings() {
      return db
        .select()
        .from(inventoryPartnerSettings)
        .orderBy(asc(inventoryPartnerSettings.partnerId))
        .all()
        .map(partnerSettingsFromRow);
    },
    async reportsToAnswer(before) {
      const rows = db
        .selectDistinct({
          partnerId: inventoryReports.partnerId,
          location: inventoryReports.location,
        })
        .from(inventoryReports)
        .innerJoin(
          inventoryPartnerSettings,
          eq(inventoryPartnerSettings.partnerId, inventoryReports.partnerId),
        )
        .where(
          and(
            eq(inventoryPartnerSettings.autoPropose, 1),
            eq(inventoryReports.role, 'supplier'),
            gte(inventoryReports.createdAt, inventoryPartnerSettings.checkedUpTo),
            lt(inventoryReports.createdAt, toMillis(before)),
          ),
        )
        .orderBy(asc(inventoryReports.partnerId), asc(inventoryReports.location))
        .all();
      const byPartner = new Map<number, string[]>();
      for (const r of rows)
        byPartner.set(r.partnerId, [...(byPartner.get(r.partnerId) ?? []), r.location]);
      return [...byPartner].map(([partnerId, locations]) => ({ partnerId, locations }));
    },
    async markChecked(partnerId, upTo) {
      db.update(inventoryPartnerSettings)
        .set({ checkedUpTo: toMillis(upTo) })
        .where(eq(inventoryPartnerSettings.partnerId, partnerId))
        .run();
    },
  };
}
