/**
 * The leads domain's SQLite repo: leads we own, their offers and timeline (here), routing
 * configuration (lead-routing-repo.ts) and copies of leads partners offered us
 * (lead-received-repo.ts).
 */
import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Db } from '../../db/open-database.ts';
import { leadEvents, leadOffers, leads } from '../../db/schema/leads.ts';
import { customerKeysOf, productKey } from '../../records/customer-keys.ts';
import { normalizeDomain } from '../../records/normalize-customer.ts';
import type { LeadRepo, OfferFact } from '../lead-store.ts';
import { createLeadReceivedRepo } from './lead-received-repo.ts';
import {
  offeredToPartnerWhere,
  ownedLeadAfter,
  ownedLeadStatusWhere,
  type OwnedLeadColumns,
} from '../rows/owned-lead-status-sql.ts';
import {
  coreColumns,
  eventFromRow,
  groupByLead,
  leadFromRow,
  millisOrNull,
  offerFromRow as offerColumns,
  progressColumns,
} from '../rows/lead-row-mapping.ts';
import { withRefusal } from './refusal-repo.ts';
import { createLeadRoutingRepo } from './lead-routing-repo.ts';

/** The columns the derived-status filter reads (owned-lead-status-sql.ts). */
const COLUMNS: OwnedLeadColumns = { leads, offers: leadOffers, offersTable: leadOffers };

export function createLeadRepo(db: Db): LeadRepo {
  // An offer shows the partner's refusal of our lead messages to it (offer, recall).
  const offerFromRow = withRefusal(db, 'lead', offerColumns, (o) => [o.leadId, o.partnerId]);
  const leadById = db
    .select()
    .from(leads)
    .where(eq(leads.id, sql.placeholder('id')))
    .prepare();
  const latestOfferStmt = db
    .select()
    .from(leadOffers)
    .where(
      and(
        eq(leadOffers.leadId, sql.placeholder('leadId')),
        eq(leadOffers.partnerId, sql.placeholder('partnerId')),
      ),
    )
    .orderBy(desc(leadOffers.seq))
    .limit(1)
    .prepare();

  return {
    async findCustomerConflicts({ domain, normalizedName, products, exceptPartnerId }) {
      const keys = [...new Set(products.map(productKey))].filter((p) => p !== '');
      if (keys.length === 0) return [];
      const sameCustomer: SQL[] = [];
      const wantedDomain = domain === null ? null : normalizeDomain(domain);
      if (wantedDomain) sameCustomer.push(eq(leads.customerDomain, wantedDomain));
      // An empty name ("The Company Ltd." normalizes to nothing) matches nothing.
      if (normalizedName.trim() !== '') sameCustomer.push(eq(leads.normalizedName, normalizedName));
      if (sameCustomer.length === 0) return [];
      const productInCommon = sql`exists (select 1 from json_each(${leads.interest}) as j
        where lower(trim(j.value)) in (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )}))`;
      return db
        .selectDistinct({ leadId: leadOffers.leadId, partnerId: leadOffers.partnerId })
        .from(leadOffers)
        .innerJoin(leads, eq(leads.id, leadOffers.leadId))
        .where(
          and(
            inArray(leadOffers.status, ['open', 'accepted']),
            ne(leadOffers.partnerId, exceptPartnerId),
            isNull(leads.withdrawnAt),
            or(...sameCustomer),
            productInCommon,
          ),
        )
        .orderBy(asc(leadOffers.leadId), asc(leadOffers.partnerId))
        .all();
    },

    async insertLead(lead) {
      const keys = customerKeysOf(lead);
      db.insert(leads)
        .values({
          id: lead.id,
          ...coreColumns(lead),
          customerDomain: keys.domain,
          normalizedName: keys.normalizedName,
          version: lead.version,
          routeRuleId: lead.routing?.ruleId ?? null,
          routeCandidates: lead.routing ? JSON.stringify(lead.routing.candidates) : null,
          offerHours: lead.offerHours,
          createdAt: lead.createdAt.getTime(),
          updatedAt: lead.updatedAt.getTime(),
          withdrawnAt: millisOrNull(lead.withdrawnAt),
          withdrawReason: lead.withdrawReason,
        })
        .run();
    },

    async getLead(id) {
      const row = leadById.get({ id });
      return row ? leadFromRow(row) : null;
    },

    async listLeads(filter, page) {
      const where: SQL[] = [];
      if (filter.withdrawn !== undefined) {
        where.push(filter.withdrawn ? isNotNull(leads.withdrawnAt) : isNull(leads.withdrawnAt));
      }
      if (filter.partnerId !== undefined) {
        where.push(offeredToPartnerWhere(filter.partnerId, filter.partnerOffer, COLUMNS));
      }
      if (filter.status !== undefined) where.push(ownedLeadStatusWhere(filter.status, COLUMNS));
      if (page.after !== undefined) where.push(ownedLeadAfter(page.after, COLUMNS));
      return db
        .select()
        .from(leads)
        .where(and(...where))
        .orderBy(desc(leads.createdAt), desc(leads.id))
        .limit(page.limit)
        .offset(page.offset ?? 0)
        .all()
        .map(leadFromRow);
    },

    async updateLead(id, { core, version, routing, offerHours, at }) {
      const set: Partial<typeof leads.$inferInsert> = { updatedAt: at.getTime() };
      if (core) {
        const keys = customerKeysOf(core);
        Object.assign(set, coreColumns(core), {
          customerDomain: keys.domain,
          normalizedName: keys.normalizedName,
        });
      }
      if (version !== undefined) set.version = version;
      if (offerHours !== undefined) set.offerHours = offerHours;
      if (routing !== undefined) {
        set.routeRuleId = routing?.ruleId ?? null;
        set.routeCandidates = routing ? JSON.stringify(routing.candidates) : null;
      }
      db.update(leads).set(set).where(eq(leads.id, id)).run();
    },

    async markLeadWithdrawn(id, reason, at) {
      db.update(leads)
        .set({ withdrawnAt: at.getTime(), withdrawReason: reason, updatedAt: at.getTime() })
        .where(eq(leads.id, id))
        .run();
    },

    async insertOffer(offer) {
      // The lead's first offer ends its `new` status (leads.first_offered_at, in this transaction).
      db.update(leads)
        .set({ firstOfferedAt: offer.offeredAt.getTime() })
        .where(and(eq(leads.id, offer.leadId), isNull(leads.firstOfferedAt)))
        .run();
      const row = db
        .insert(leadOffers)
        .values({
          leadId: offer.leadId,
          partnerId: offer.partnerId,
          exclusive: offer.exclusive,
          status: offer.status,
          offeredAt: offer.offeredAt.getTime(),
          expiresAt: offer.expiresAt.getTime(),
          offerMessageId: offer.offerMessageId,
          acceptedAt: millisOrNull(offer.acceptedAt),
          declinedAt: millisOrNull(offer.declinedAt),
          declineReason: offer.declineReason,
          declineComment: offer.declineComment,
          closedAt: millisOrNull(offer.closedAt),
          recallReason: offer.recallReason,
          ...progressColumns(offer.progress),
          progressAt: millisOrNull(offer.progressAt),
        })
        .returning()
        .get();
      return offerFromRow(row);
    },

    async listOffers(leadId) {
      return db
        .select()
        .from(leadOffers)
        .where(eq(leadOffers.leadId, leadId))
        .orderBy(asc(leadOffers.seq))
        .all()
        .map(offerFromRow);
    },

    async listOffersOf(leadIds) {
      if (leadIds.length === 0) return new Map();
      const rows = db
        .select()
        .from(leadOffers)
        .where(inArray(leadOffers.leadId, [...leadIds]))
        .orderBy(asc(leadOffers.leadId), asc(leadOffers.seq))
        .all();
      return groupByLead(rows.map(offerFromRow));
    },

    async getOffer(seq) {
      const row = db.select().from(leadOffers).where(eq(leadOffers.seq, seq)).get();
      return row ? offerFromRow(row) : null;
    },

    async latestOffer(leadId, partnerId) {
      const row = latestOfferStmt.get({ leadId, partnerId });
      return row ? offerFromRow(row) : null;
    },

    async updateOffer(seq, changes) {
      const set: Partial<typeof leadOffers.$inferInsert> = {};
      if (changes.status !== undefined) set.status = changes.status;
      if (changes.acceptedAt !== undefined) set.acceptedAt = changes.acceptedAt.getTime();
      if (changes.declinedAt !== undefined) set.declinedAt = changes.declinedAt.getTime();
      if (changes.declineReason !== undefined) set.declineReason = changes.declineReason;
      if (changes.declineComment !== undefined) set.declineComment = changes.declineComment;
      if (changes.closedAt !== undefined) set.closedAt = changes.closedAt.getTime();
      if (changes.recallReason !== undefined) set.recallReason = changes.recallReason;
      if (changes.progress !== undefined) Object.assign(set, progressColumns(changes.progress));
      if (changes.progressAt !== undefined) set.progressAt = changes.progressAt.getTime();
      if (Object.keys(set).length === 0) return;
      db.update(leadOffers).set(set).where(eq(leadOffers.seq, seq)).run();
    },

    async listExpiredOpenOffers(now, limit) {
      return db
        .select()
        .from(leadOffers)
        .where(and(eq(leadOffers.status, 'open'), lte(leadOffers.expiresAt, now.getTime())))
        .orderBy(asc(leadOffers.expiresAt), asc(leadOffers.seq))
        .limit(limit)
        .all()
        .map(offerFromRow);
    },

    async listOfferFacts(filter) {
      const where: SQL[] = [];
      if (filter.partnerId !== undefined) where.push(eq(leadOffers.partnerId, filter.partnerId));
      if (filter.status !== undefined) where.push(eq(leadOffers.status, filter.status));
      return db
        .select({ offer: leadOffers, currency: leads.currency, withdrawnAt: leads.withdrawnAt })
        .from(leadOffers)
        .innerJoin(leads, eq(leads.id, leadOffers.leadId))
        .where(and(...where))
        .orderBy(asc(leadOffers.seq))
        .all()
        .map((r): OfferFact => ({
          ...offerFromRow(r.offer),
          leadCurrency: r.currency,
          leadWithdrawn: r.withdrawnAt !== null,
        }));
    },

    async addEvent(event) {
      db.insert(leadEvents)
        .values({
          leadId: event.leadId,
          at: event.at.getTime(),
          type: event.type,
          actorNodeId: event.actorNodeId,
          partnerId: event.partnerId,
          messageId: event.messageId,
          detail: event.detail === null ? null : JSON.stringify(event.detail),
        })
        .run();
    },

    async listEvents(leadId) {
      return db
        .select()
        .from(leadEvents)
        .where(eq(leadEvents.leadId, leadId))
        .orderBy(asc(leadEvents.seq))
        .all()
        .map(eventFromRow);
    },

    ...createLeadRoutingRepo(db),
    ...createLeadReceivedRepo(db),
  };
}
