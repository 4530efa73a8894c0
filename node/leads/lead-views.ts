/** How the admin API and `--json` show leads: plain JSON, times as ISO strings. */
import { refusalView } from '../records/refusal-view.ts';
import type {
  LeadEvent,
  LeadOffer,
  LeadProgress,
  OwnedLead,
  PartnerRoutingAttributes,
  ReceivedLead,
  RoutingRule,
} from '../store/lead-store.ts';
import { ownedLeadStatus } from './lead-status.ts';
import { coreOf } from './lead-tx.ts';
import type { BlackHole, PartnerTracking } from './tracking.ts';
import { iso } from '../records/iso-time.ts';

function progressView(p: LeadProgress) {
  return {
    stage: p.stage,
    amount: p.amount,
    currency: p.amountCurrency,
    note: p.note,
    lastActivityAt: iso(p.lastActivityAt),
    version: p.version,
  };
}

export function offerView(o: LeadOffer) {
  return {
    partnerId: o.partnerId,
    status: o.status,
    exclusive: o.exclusive,
    offeredAt: iso(o.offeredAt),
    expiresAt: iso(o.expiresAt),
    offerMessageId: o.offerMessageId,
    acceptedAt: iso(o.acceptedAt),
    declinedAt: iso(o.declinedAt),
    declineReason: o.declineReason,
    declineComment: o.declineComment,
    closedAt: iso(o.closedAt),
    recallReason: o.recallReason,
    progress: progressView(o.progress),
    progressAt: iso(o.progressAt),
    refusal: refusalView(o.refusal),
  };
}

export function ownedLeadView(lead: OwnedLead, offers: readonly LeadOffer[]) {
  return {
    lead: coreOf(lead),
    status: ownedLeadStatus(lead, offers),
    version: lead.version,
    routing: lead.routing,
    offerHours: lead.offerHours,
    createdAt: iso(lead.createdAt),
    updatedAt: iso(lead.updatedAt),
    withdrawnAt: iso(lead.withdrawnAt),
    withdrawReason: lead.withdrawReason,
    offers: offers.map(offerView),
  };
}

export function eventView(e: LeadEvent) {
  return {
    seq: e.seq,
    at: iso(e.at),
    type: e.type,
    actorNodeId: e.actorNodeId,
    partnerId: e.partnerId,
    messageId: e.messageId,
    detail: e.detail,
  };
}

export function receivedLeadView(copy: ReceivedLead, ownerNodeId: string | null) {
  const { seq: _seq, ownerPartnerId, progress, refusal: _refusal, ...rest } = copy;
  return {
    lead: {
      id: rest.id,
      company: rest.company,
      contact: rest.contact,
      region: rest.region,
      interest: rest.interest,
      ...(rest.estimatedValue !== undefined && { estimatedValue: rest.estimatedValue }),
      ...(rest.currency !== undefined && { currency: rest.currency }),
      source: rest.source,
      ...(rest.notes !== undefined && { notes: rest.notes }),
      ...(rest.domain !== undefined && { domain: rest.domain }),
    },
    ownerPartnerId,
    ownerNodeId,
    status: copy.status,
    version: copy.version,
    exclusive: copy.exclusive,
    offerExpiresAt: iso(copy.offerExpiresAt),
    offerMessageId: copy.offerMessageId,
    recallReason: copy.recallReason,
    declineReason: copy.declineReason,
    declineComment: copy.declineComment,
    progress: progressView(progress),
    receivedAt: iso(copy.receivedAt),
    updatedAt: iso(copy.updatedAt),
    acceptedAt: iso(copy.acceptedAt),
    closedAt: iso(copy.closedAt),
    refusal: refusalView(copy.refusal),
  };
}

export function ruleView(r: RoutingRule) {
  return {
    id: r.id,
    name: r.name,
    priority: r.priority,
    enabled: r.enabled,
    regions: r.regions,
    products: r.products,
    tiers: r.tiers,
    matchPartnerRegion: r.matchPartnerRegion,
    matchPartnerProducts: r.matchPartnerProducts,
    roundRobin: r.roundRobin,
    offerHours: r.offerHours,
    lastPartnerId: r.lastPartnerId,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function attributesView(a: PartnerRoutingAttributes) {
  return {
    partnerId: a.partnerId,
    tier: a.tier,
    regions: a.regions,
    productLines: a.productLines,
    updatedAt: iso(a.updatedAt),
  };
}

export function trackingView(t: PartnerTracking, partner: { name: string; nodeId: string } | null) {
  return { ...t, partnerName: partner?.name ?? null, partnerNodeId: partner?.nodeId ?? null };
}

export function blackHoleView(h: BlackHole) {
  return {
    leadId: h.leadId,
    partnerId: h.partnerId,
    acceptedAt: iso(h.acceptedAt),
    lastProgressAt: iso(h.lastProgressAt),
    stage: h.stage,
    silentDays: h.silentDays,
  };
}
