/** The wire bodies of deal.register and deal.decision, to and from the domain's records. */
import type { Deal, DealDecision, DealFields } from '../store/deal-store.ts';

export const REGISTER_KIND = 'deal.register';
export const DECISION_KIND = 'deal.decision';
/** record.withdraw's recordKind for a registration. */
export const DEAL_RECORD_KIND = 'deal';

export interface RegisterBody {
  deal: {
    id: string;
    endCustomer: { name: string; country: string; domain?: string };
    products: string[];
    estimatedValue: string;
    currency: string;
    expectedCloseDate: string;
    notes?: string;
  };
  version: number;
}

export interface DecisionBody {
  dealId: string;
  dealVersion: number;
  status: DealDecision['status'];
  protectedUntil?: string;
  reason?: string;
  version: number;
}

export function registerBody(dealId: string, version: number, f: DealFields): RegisterBody {
  const { name, country, domain } = f.endCustomer;
  return {
    deal: {
      id: dealId,
      endCustomer: { name, country, ...(domain !== null && { domain }) },
      products: f.products,
      estimatedValue: f.estimatedValue,
      currency: f.currency,
      expectedCloseDate: f.expectedCloseDate,
      ...(f.notes !== null && { notes: f.notes }),
    },
    version,
  };
}

/** A deal.register body (already schema-valid) as the registration's fields. */
export function fieldsOf(body: RegisterBody): DealFields {
  const d = body.deal;
  return {
    endCustomer: {
      name: d.endCustomer.name,
      country: d.endCustomer.country,
      domain: d.endCustomer.domain ?? null,
    },
    products: d.products,
    estimatedValue: d.estimatedValue,
    currency: d.currency,
    expectedCloseDate: d.expectedCloseDate,
    notes: d.notes ?? null,
  };
}

export function decisionBody(deal: Pick<Deal, 'dealId'>, d: DealDecision): DecisionBody {
  return {
    dealId: deal.dealId,
    dealVersion: d.decidedVersion,
    status: d.status,
    ...(d.protectedUntil !== null && { protectedUntil: d.protectedUntil.toISOString() }),
    ...(d.reason !== null && { reason: d.reason }),
    version: d.decisionVersion,
  };
}

/** A deal.decision body (already schema-valid) as a decision received at `at`. */
export function decisionOf(body: DecisionBody, at: Date): DealDecision {
  return {
    status: body.status,
    decisionVersion: body.version,
    decidedVersion: body.dealVersion,
    reason: body.reason ?? null,
    protectedUntil: body.protectedUntil === undefined ? null : new Date(body.protectedUntil),
    at,
  };
}
