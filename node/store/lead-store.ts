/** The leads domain's part of the storage boundary. */
import type { RecordRefusal } from './deal-store.ts';

/** A lead offered to a partner other than the one registering a deal, for the conflict rule. */
export interface LeadCustomerConflict {
  leadId: string;
  partnerId: number;
}

export interface LeadContact {
  name: string;
  email?: string;
  phone?: string;
}

/** The fields only a lead's owner changes; what `lead.offer` carries as `lead`. */
export interface LeadCore {
  id: string;
  company: string;
  contact: LeadContact;
  region: string;
  interest: string[];
  estimatedValue?: string;
  currency?: string;
  source: string;
  notes?: string;
  domain?: string;
}

export interface LeadRouting {
  ruleId: number | null;
  /** Partner ids in the order they are offered the lead. */
  candidates: number[];
}

/** A lead this node owns. */
export interface OwnedLead extends LeadCore {
  version: number;
  routing: LeadRouting | null;
  /** Hours each routed offer stays open. */
  offerHours: number | null;
  createdAt: Date;
  updatedAt: Date;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
}

export type OfferStatus = 'open' | 'accepted' | 'declined' | 'recalled' | 'expired' | 'withdrawn';
export type LeadStage = 'contacted' | 'qualified' | 'proposal' | 'won' | 'lost';
export type DeclineReason =
  'not_interested' | 'no_capacity' | 'out_of_territory' | 'duplicate' | 'spam';
export type RecallReason = 'expired' | 'reassigned' | 'withdrawn';

/** A partner's progress on a lead, ordered by the partner's own version. */
export interface LeadProgress {
  stage: LeadStage | null;
  amount: string | null;
  amountCurrency: string | null;
  note: string | null;
  lastActivityAt: Date | null;
  version: number;
}

/** One offer of an owned lead to one partner. */
export interface LeadOffer {
  seq: number;
  leadId: string;
  partnerId: number;
  exclusive: boolean;
  status: OfferStatus;
  offeredAt: Date;
  expiresAt: Date;
  offerMessageId: string;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  declineReason: DeclineReason | null;
  declineComment: string | null;
  closedAt: Date | null;
  recallReason: RecallReason | null;
  progress: LeadProgress;
  /** When the latest progress was received. */
  progressAt: Date | null;
  /** The counterpart refused our last message about it (and nothing since), else null. */
  refusal: RecordRefusal | null;
}

/** An offer with the lead fields the reports need. */
export interface OfferFact extends LeadOffer {
  leadCurrency: string | null;
  leadWithdrawn: boolean;
}

export type LeadEventType =
  | 'created'
  | 'updated'
  | 'routed'
  | 'offered'
  | 'accepted'
  | 'declined'
  | 'progress'
  | 'recalled'
  | 'expired'
  | 'withdrawn';

export interface LeadEvent {
  seq: number;
  leadId: string;
  at: Date;
  type: LeadEventType;
  /** The node that acted: ours, or the partner's. */
  actorNodeId: string;
  partnerId: number | null;
  /** The signed message sent or received with it. */
  messageId: string | null;
  detail: Record<string, unknown> | null;
}

export interface RoutingRule {
  id: number;
  name: string;
  priority: number;
  enabled: boolean;
  /** Lead regions the rule applies to; empty: any. */
  regions: string[];
  /** Products of interest the rule applies to (one in common suffices); empty: any. */
  products: string[];
  /** Partner tiers eligible; empty: any. */
  tiers: string[];
  matchPartnerRegion: boolean;
  matchPartnerProducts: boolean;
  roundRobin: boolean;
  offerHours: number | null;
  lastPartnerId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export type RoutingRuleInput = Omit<
  RoutingRule,
  'id' | 'lastPartnerId' | 'createdAt' | 'updatedAt'
>;

export interface PartnerRoutingAttributes {
  partnerId: number;
  tier: string | null;
  regions: string[];
  productLines: string[];
  updatedAt: Date;
}

export type ReceivedStatus = 'offered' | 'accepted' | 'declined' | 'recalled' | 'withdrawn';

/** A lead a partner offered us: its fields are the owner's, only the answer is ours. */
export interface ReceivedLead extends LeadCore {
  seq: number;
  ownerPartnerId: number;
  version: number;
  exclusive: boolean;
  offerExpiresAt: Date;
  offerMessageId: string;
  status: ReceivedStatus;
  recallReason: RecallReason | null;
  declineReason: DeclineReason | null;
  declineComment: string | null;
  progress: LeadProgress;
  receivedAt: Date;
  updatedAt: Date;
  acceptedAt: Date | null;
  closedAt: Date | null;
  /** The counterpart refused our last message about it (and nothing since), else null. */
  refusal: RecordRefusal | null;
}

/** Where an owned lead stands, derived from its offers (node/leads/lead-status.ts). */
export type OwnedLeadStatus =
  'new' | 'offered' | 'accepted' | 'won' | 'lost' | 'unassigned' | 'withdrawn';

/**
 * Where a lead stands for one partner, as its portal shows it: its latest offer's status, except
 * withdrawn (the lead or the offer) and expired (an open offer whose time ran out).
 */
export const PARTNER_OFFER_STATES = [
  'open',
  'accepted',
  'declined',
  'expired',
  'recalled',
  'withdrawn',
] as const;
export type PartnerOfferState = (typeof PARTNER_OFFER_STATES)[number];

export interface OwnedLeadFilter {
  /** Only leads with an offer (of any state) to this partner. */
  partnerId?: number;
  /** With `partnerId`: only leads that stand so for that partner at `now`, decided in the query. */
  partnerOffer?: { state: PartnerOfferState; now: Date };
  withdrawn?: boolean;
  /**
   * Only leads of this derived status, decided in the query (the same rules as ownedLeadStatus
   * in node/leads/lead-status.ts), so that a page of them holds `limit` leads however many
   * newer leads stand otherwise.
   */
  status?: OwnedLeadStatus;
}

/** Where a page of owned leads starts: after this lead in newest-first order. */
export interface OwnedLeadCursor {
  createdAt: Date;
  id: string;
}

/** A page of owned leads: by `after` (keyset), or by `offset` (kept for older callers). */
export interface OwnedLeadPage {
  limit: number;
  offset?: number;
  after?: OwnedLeadCursor;
}

export interface OfferChanges {
  status?: OfferStatus;
  acceptedAt?: Date;
  declinedAt?: Date;
  declineReason?: DeclineReason;
  declineComment?: string | null;
  closedAt?: Date;
  recallReason?: RecallReason;
  progress?: LeadProgress;
  progressAt?: Date;
}

export interface ReceivedChanges {
  core?: LeadCore;
  version?: number;
  exclusive?: boolean;
  offerExpiresAt?: Date;
  offerMessageId?: string;
  status?: ReceivedStatus;
  recallReason?: RecallReason | null;
  declineReason?: DeclineReason;
  declineComment?: string | null;
  progress?: LeadProgress;
  acceptedAt?: Date | null;
  closedAt?: Date | null;
  updatedAt: Date;
}

export interface LeadRepo {
  /**
   * Leads this node owns that are offered (open offer or accepted) to partners other than
   * `exceptPartnerId`, whose end customer matches by domain or by normalized company name (see
   * node/records/normalize-customer.ts) and whose interest shares at least one product.
   * Deal registration calls it to detect conflicts.
   */
  findCustomerConflicts(input: {
    domain: string | null;
    normalizedName: string;
    products: string[];
    exceptPartnerId: number;
  }): Promise<LeadCustomerConflict[]>;

  // ---- leads we own ----
  insertLead(lead: OwnedLead): Promise<void>;
  getLead(id: string): Promise<OwnedLead | null>;
  /** Newest first (by creation time, then id). */
  listLeads(filter: OwnedLeadFilter, page: OwnedLeadPage): Promise<OwnedLead[]>;
  /** Replaces the core fields and version (the caller advanced it). */
  updateLead(
    id: string,
    changes: {
      core?: LeadCore;
      version?: number;
      routing?: LeadRouting | null;
      offerHours?: number | null;
      at: Date;
    },
  ): Promise<void>;
  markLeadWithdrawn(id: string, reason: string, at: Date): Promise<void>;

  insertOffer(offer: Omit<LeadOffer, 'seq' | 'refusal'>): Promise<LeadOffer>;
  /** Every offer of a lead, oldest first. */
  listOffers(leadId: string): Promise<LeadOffer[]>;
  /** Every offer of each of `leadIds` (a page of leads, one query), oldest first per lead. */
  listOffersOf(leadIds: readonly string[]): Promise<Map<string, LeadOffer[]>>;
  getOffer(seq: number): Promise<LeadOffer | null>;
  /** The latest offer of a lead to a partner. */
  latestOffer(leadId: string, partnerId: number): Promise<LeadOffer | null>;
  updateOffer(seq: number, changes: OfferChanges): Promise<void>;
  /** Open offers whose time ran out by `now`, oldest first. */
  listExpiredOpenOffers(now: Date, limit: number): Promise<LeadOffer[]>;
  /** Offers with their lead's currency, for the reports; all partners when none is given. */
  listOfferFacts(filter: { partnerId?: number; status?: OfferStatus }): Promise<OfferFact[]>;

  addEvent(event: Omit<LeadEvent, 'seq'>): Promise<void>;
  listEvents(leadId: string): Promise<LeadEvent[]>;

  // ---- routing ----
  listRules(): Promise<RoutingRule[]>;
  getRule(id: number): Promise<RoutingRule | null>;
  insertRule(rule: RoutingRuleInput, at: Date): Promise<RoutingRule>;
  updateRule(id: number, rule: RoutingRuleInput, at: Date): Promise<void>;
  deleteRule(id: number): Promise<boolean>;
  setRuleCursor(id: number, lastPartnerId: number): Promise<void>;
  listPartnerAttributes(): Promise<PartnerRoutingAttributes[]>;
  getPartnerAttributes(partnerId: number): Promise<PartnerRoutingAttributes | null>;
  setPartnerAttributes(attributes: PartnerRoutingAttributes): Promise<void>;

  // ---- leads partners offered us ----
  getReceived(ownerPartnerId: number, leadId: string): Promise<ReceivedLead | null>;
  /** Copies with this lead id, from any owner (ids are the owners' choice). */
  findReceived(leadId: string): Promise<ReceivedLead[]>;
  /** Newest first. */
  listReceived(
    filter: { status?: ReceivedStatus; ownerPartnerId?: number },
    page: { limit: number; offset: number },
  ): Promise<ReceivedLead[]>;
  insertReceived(lead: Omit<ReceivedLead, 'seq' | 'refusal'>): Promise<ReceivedLead>;
  updateReceived(seq: number, changes: ReceivedChanges): Promise<void>;
}
