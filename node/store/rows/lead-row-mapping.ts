/** Conversions between the leads tables' rows and the leads domain's records. */
import type {
  LeadEventRow,
  LeadOfferRow,
  LeadPartnerRoutingRow,
  LeadRoutingRuleRow,
  LeadRow,
  ReceivedLeadRow,
} from '../../db/schema/leads.ts';
import type {
  DeclineReason,
  LeadCore,
  LeadEvent,
  LeadEventType,
  LeadOffer,
  LeadProgress,
  LeadStage,
  OfferStatus,
  OwnedLead,
  PartnerRoutingAttributes,
  RecallReason,
  ReceivedLead,
  ReceivedStatus,
  RoutingRule,
} from '../lead-store.ts';

const date = (ms: number): Date => new Date(ms);
const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
export const millisOrNull = (d: Date | null | undefined): number | null => d?.getTime() ?? null;
const list = (json: string): string[] => JSON.parse(json) as string[];

/** The core-field columns shared by `leads` and `received_leads`. */
export function coreColumns(core: LeadCore) {
  return {
    company: core.company,
    contactName: core.contact.name,
    contactEmail: core.contact.email ?? null,
    contactPhone: core.contact.phone ?? null,
    region: core.region,
    interest: JSON.stringify(core.interest),
    estimatedValue: core.estimatedValue ?? null,
    currency: core.currency ?? null,
    source: core.source,
    notes: core.notes ?? null,
    domain: core.domain ?? null,
  };
}

type CoreRow = Pick<
  LeadRow,
  | 'company'
  | 'contactName'
  | 'contactEmail'
  | 'contactPhone'
  | 'region'
  | 'interest'
  | 'estimatedValue'
  | 'currency'
  | 'source'
  | 'notes'
  | 'domain'
>;

/** Optional fields are left out rather than null, as they travel in `lead.offer`. */
function coreFromRow(id: string, row: CoreRow): LeadCore {
  return {
    id,
    company: row.company,
    contact: {
      name: row.contactName,
      ...(row.contactEmail !== null && { email: row.contactEmail }),
      ...(row.contactPhone !== null && { phone: row.contactPhone }),
    },
    region: row.region,
    interest: list(row.interest),
    ...(row.estimatedValue !== null && { estimatedValue: row.estimatedValue }),
    ...(row.currency !== null && { currency: row.currency }),
    source: row.source,
    ...(row.notes !== null && { notes: row.notes }),
    ...(row.domain !== null && { domain: row.domain }),
  };
}

export function leadFromRow(row: LeadRow): OwnedLead {
  return {
    ...coreFromRow(row.id, row),
    version: row.version,
    routing:
      row.routeCandidates === null
        ? null
        : { ruleId: row.routeRuleId, candidates: JSON.parse(row.routeCandidates) as number[] },
    offerHours: row.offerHours,
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
    withdrawnAt: dateOrNull(row.withdrawnAt),
    withdrawReason: row.withdrawReason,
  };
}

type ProgressRow = Pick<
  LeadOfferRow,
  'stage' | 'amount' | 'amountCurrency' | 'progressNote' | 'lastActivityAt' | 'progressVersion'
>;

function progressFromRow(row: ProgressRow): LeadProgress {
  return {
    stage: row.stage as LeadStage | null,
    amount: row.amount,
    amountCurrency: row.amountCurrency,
    note: row.progressNote,
    lastActivityAt: dateOrNull(row.lastActivityAt),
    version: row.progressVersion,
  };
}

export function progressColumns(p: LeadProgress) {
  return {
    stage: p.stage,
    amount: p.amount,
    amountCurrency: p.amountCurrency,
    progressNote: p.note,
    lastActivityAt: millisOrNull(p.lastActivityAt),
    progressVersion: p.version,
  };
}

export function offerFromRow(row: LeadOfferRow): Omit<LeadOffer, 'refusal'> {
  return {
    seq: row.seq,
    leadId: row.leadId,
    partnerId: row.partnerId,
    exclusive: row.exclusive,
    status: row.status as OfferStatus,
    offeredAt: date(row.offeredAt),
    expiresAt: date(row.expiresAt),
    offerMessageId: row.offerMessageId,
    acceptedAt: dateOrNull(row.acceptedAt),
    declinedAt: dateOrNull(row.declinedAt),
    declineReason: row.declineReason as DeclineReason | null,
    declineComment: row.declineComment,
    closedAt: dateOrNull(row.closedAt),
    recallReason: row.recallReason as RecallReason | null,
    progress: progressFromRow(row),
    progressAt: dateOrNull(row.progressAt),
  };
}

export function eventFromRow(row: LeadEventRow): LeadEvent {
  return {
    seq: row.seq,
    leadId: row.leadId,
    at: date(row.at),
    type: row.type as LeadEventType,
    actorNodeId: row.actorNodeId,
    partnerId: row.partnerId,
    messageId: row.messageId,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
  };
}

export function ruleFromRow(row: LeadRoutingRuleRow): RoutingRule {
  return {
    ...row,
    regions: list(row.regions),
    products: list(row.products),
    tiers: list(row.tiers),
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
  };
}

export function attributesFromRow(row: LeadPartnerRoutingRow): PartnerRoutingAttributes {
  return {
    partnerId: row.partnerId,
    tier: row.tier,
    regions: list(row.regions),
    productLines: list(row.productLines),
    updatedAt: date(row.updatedAt),
  };
}

export function receivedFromRow(row: ReceivedLeadRow): Omit<ReceivedLead, 'refusal'> {
  return {
    ...coreFromRow(row.leadId, row),
    seq: row.seq,
    ownerPartnerId: row.ownerPartnerId,
    version: row.version,
    exclusive: row.exclusive,
    offerExpiresAt: date(row.offerExpiresAt),
    offerMessageId: row.offerMessageId,
    status: row.status as ReceivedStatus,
    recallReason: row.recallReason as RecallReason | null,
    declineReason: row.declineReason as DeclineReason | null,
    declineComment: row.declineComment,
    progress: progressFromRow(row),
    receivedAt: date(row.receivedAt),
    updatedAt: date(row.updatedAt),
    acceptedAt: dateOrNull(row.acceptedAt),
    closedAt: dateOrNull(row.closedAt),
  };
}

/** Offers by their lead, each lead's in the order given (listOffersOf on both engines). */
export function groupByLead<T extends { leadId: string }>(offers: readonly T[]): Map<string, T[]> {
  const byLead = new Map<string, T[]>();
  for (const o of offers) {
    const list = byLead.get(o.leadId);
    if (list) list.push(o);
    else byLead.set(o.leadId, [o]);
  }
  return byLead;
}
