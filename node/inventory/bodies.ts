/**
 * The vendor-managed inventory message bodies as TypeScript types (their JSON Schemas in
 * `schemas/` judge what arrives), and the conversions between them and the stored fields.
 */
import { contentHash } from '../../protocol/index.ts';
import type {
  DecisionStatus,
  OrderedLine,
  ProposalFields,
  ProposalLine,
  ReportFields,
  StockLine,
} from '../store/inventory-store.ts';

export const REPORT_KIND = 'inventory.report';
export const PROPOSAL_KIND = 'replenishment.proposal';
export const DECISION_KIND = 'replenishment.decision';

export interface ReportBody {
  reportId: string;
  location: string;
  periodStart: string;
  periodEnd: string;
  lines: StockLine[];
  note?: string;
}

export interface ProposalBody {
  proposalId: string;
  location: string;
  basedOn: string[];
  validUntil: string;
  lines: ProposalLine[];
}

export interface DecisionBody {
  proposalId: string;
  status: DecisionStatus;
  orderId?: string;
  lines?: OrderedLine[];
  reason?: string;
  autoAccepted?: boolean;
}

export function reportBody(f: ReportFields): ReportBody {
  return {
    reportId: f.reportId,
    location: f.location,
    periodStart: f.periodStart,
    periodEnd: f.periodEnd,
    lines: f.lines.map((l) => ({
      sku: l.sku,
      onHand: l.onHand,
      sold: l.sold,
      onOrder: l.onOrder,
      ...(l.returned !== undefined && { returned: l.returned }),
    })),
    ...(f.note !== null && { note: f.note }),
  };
}

export function reportFieldsOf(body: ReportBody): ReportFields {
  return {
    reportId: body.reportId,
    location: body.location,
    periodStart: body.periodStart,
    periodEnd: body.periodEnd,
    lines: body.lines,
    note: body.note ?? null,
  };
}

export function proposalBody(f: ProposalFields): ProposalBody {
  return {
    proposalId: f.proposalId,
    location: f.location,
    basedOn: f.basedOn,
    validUntil: f.validUntil.toISOString(),
    lines: f.lines.map((l) => ({ sku: l.sku, qty: l.qty, reason: l.reason })),
  };
}

export function proposalFieldsOf(body: ProposalBody): ProposalFields {
  return {
    proposalId: body.proposalId,
    location: body.location,
    basedOn: body.basedOn,
    validUntil: new Date(body.validUntil),
    lines: body.lines,
  };
}

/**
 * What makes two copies of an immutable record the same: its wire body, canonicalized (RFC
 * 8785), so a repeat under a new message id compares equal whatever its key order.
 */
export const hashOf = (body: ReportBody | ProposalBody): string => contentHash(body);

/** A decision's content, for telling a repeat from a contradicting second decision. */
export function sameDecision(
  a: { status: string; orderId: string | null; lines: OrderedLine[] | null },
  b: DecisionBody,
): boolean {
  return (
    a.status === b.status &&
    a.orderId === (b.orderId ?? null) &&
    JSON.stringify(a.lines ?? null) === JSON.stringify(b.lines ?? null)
  );
}
