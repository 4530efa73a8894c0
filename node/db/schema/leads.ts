/**
 * The leads domain's tables. A lead this node owns lives in `leads`, with one `lead_offers` row
 * per offer to a partner and its `lead_events` timeline; a lead a partner offered us is a
 * read-only copy in `received_leads`. Routing rules and the partners' routing attributes are the
 * owner's configuration. Times are integer millis, money decimal TEXT, lists JSON TEXT.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Leads this node owns: only we change their core fields, each change advances `version`. */
export const leads = sqliteTable(
  'leads',
  {
    id: text('id').primaryKey(),
    company: text('company').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    region: text('region').notNull(),
    /** JSON array of product names. */
    interest: text('interest').notNull(),
    estimatedValue: text('estimated_value'),
    currency: text('currency'),
    source: text('source').notNull(),
    notes: text('notes'),
    domain: text('domain'),
    /** For the customer-conflict rule: the domain given, else the contact e-mail's domain. */
    customerDomain: text('customer_domain'),
    normalizedName: text('normalized_name').notNull(),
    version: integer('version').notNull(),
    /** The routing rule that chose the candidates, and the candidates in offer order (JSON). */
    routeRuleId: integer('route_rule_id'),
    routeCandidates: text('route_candidates'),
    /** Hours an offer stays open when routing offers the lead to the next candidate. */
    offerHours: integer('offer_hours'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    withdrawnAt: integer('withdrawn_at'),
    withdrawReason: text('withdraw_reason'),
    /**
     * When the lead was first offered to a partner, null while it never was. Set in the
     * transaction that writes its first offer (offers are never deleted), so the leads list's
     * `new` status (no offer) is a lookup in `leads_new` instead of an offers probe per lead.
     */
    firstOfferedAt: integer('first_offered_at'),
  },
  (t) => [
    index('leads_customer_domain').on(t.customerDomain),
    index('leads_normalized_name').on(t.normalizedName),
    index('leads_created').on(t.createdAt),
    // The `new` leads, newest first (ownedLeadStatusWhere repeats this condition word for word,
    // so both engines' planners pick the partial index).
    index('leads_new')
      .on(t.createdAt, t.id)
      .where(sql`first_offered_at is null and withdrawn_at is null`),
  ],
);

/** One row per offer of an owned lead to one partner, with what that partner answered. */
export const leadOffers = sqliteTable(
  'lead_offers',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    partnerId: integer('partner_id').notNull(),
    exclusive: integer('exclusive', { mode: 'boolean' }).notNull(),
    /** open | accepted | declined | recalled | expired | withdrawn */
    status: text('status').notNull(),
    offeredAt: integer('offered_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    offerMessageId: text('offer_message_id').notNull(),
    acceptedAt: integer('accepted_at'),
    declinedAt: integer('declined_at'),
    declineReason: text('decline_reason'),
    declineComment: text('decline_comment'),
    closedAt: integer('closed_at'),
    recallReason: text('recall_reason'),
    /** The partner's progress, ordered by its own version. */
    stage: text('stage'),
    amount: text('amount'),
    amountCurrency: text('amount_currency'),
    progressNote: text('progress_note'),
    lastActivityAt: integer('last_activity_at'),
    progressVersion: integer('progress_version').notNull().default(0),
    progressAt: integer('progress_at'),
  },
  (t) => [
    index('lead_offers_lead').on(t.leadId, t.seq),
    index('lead_offers_partner').on(t.partnerId, t.status),
    index('lead_offers_status_expires').on(t.status, t.expiresAt),
    // A partner holds at most one live offer of a lead; ended ones stay as history.
    uniqueIndex('lead_offers_live')
      .on(t.leadId, t.partnerId)
      .where(sql`status in ('open', 'accepted')`),
  ],
);

/** The timeline of an owned lead: who did what, when, and the signed message involved. */
export const leadEvents = sqliteTable(
  'lead_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    at: integer('at').notNull(),
    type: text('type').notNull(),
    actorNodeId: text('actor_node_id').notNull(),
    partnerId: integer('partner_id'),
    messageId: text('message_id'),
    /** JSON object with the event's particulars (reason, stage, version). */
    detail: text('detail'),
  },
  (t) => [index('lead_events_lead').on(t.leadId, t.seq)],
);

/** The owner's routing rules, tried in `priority` order; the first with candidates wins. */
export const leadRoutingRules = sqliteTable('lead_routing_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  priority: integer('priority').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  /** JSON arrays; empty means any. */
  regions: text('regions').notNull(),
  products: text('products').notNull(),
  tiers: text('tiers').notNull(),
  matchPartnerRegion: integer('match_partner_region', { mode: 'boolean' }).notNull(),
  matchPartnerProducts: integer('match_partner_products', { mode: 'boolean' }).notNull(),
  roundRobin: integer('round_robin', { mode: 'boolean' }).notNull(),
  offerHours: integer('offer_hours'),
  /** Round-robin position: the partner that came first last time. */
  lastPartnerId: integer('last_partner_id'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** What routing knows about a partner: its tier, regions and product lines. */
export const leadPartnerRouting = sqliteTable('lead_partner_routing', {
  partnerId: integer('partner_id').primaryKey(),
  tier: text('tier'),
  regions: text('regions').notNull(),
  productLines: text('product_lines').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Leads partners offered us: read-only copies attributed to their owner, plus our answers. */
export const receivedLeads = sqliteTable(
  'received_leads',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    ownerPartnerId: integer('owner_partner_id').notNull(),
    leadId: text('lead_id').notNull(),
    company: text('company').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    region: text('region').notNull(),
    interest: text('interest').notNull(),
    estimatedValue: text('estimated_value'),
    currency: text('currency'),
    source: text('source').notNull(),
    notes: text('notes'),
    domain: text('domain'),
    version: integer('version').notNull(),
    exclusive: integer('exclusive', { mode: 'boolean' }).notNull(),
    offerExpiresAt: integer('offer_expires_at').notNull(),
    offerMessageId: text('offer_message_id').notNull(),
    /** offered | accepted | declined | recalled | withdrawn */
    status: text('status').notNull(),
    recallReason: text('recall_reason'),
    declineReason: text('decline_reason'),
    declineComment: text('decline_comment'),
    stage: text('stage'),
    amount: text('amount'),
    amountCurrency: text('amount_currency'),
    progressNote: text('progress_note'),
    lastActivityAt: integer('last_activity_at'),
    progressVersion: integer('progress_version').notNull().default(0),
    receivedAt: integer('received_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    acceptedAt: integer('accepted_at'),
    closedAt: integer('closed_at'),
  },
  (t) => [
    uniqueIndex('received_leads_owner_lead').on(t.ownerPartnerId, t.leadId),
    index('received_leads_lead').on(t.leadId),
  ],
);

export type LeadRow = typeof leads.$inferSelect;
export type LeadOfferRow = typeof leadOffers.$inferSelect;
export type LeadEventRow = typeof leadEvents.$inferSelect;
export type LeadRoutingRuleRow = typeof leadRoutingRules.$inferSelect;
export type LeadPartnerRoutingRow = typeof leadPartnerRouting.$inferSelect;
export type ReceivedLeadRow = typeof receivedLeads.$inferSelect;
