/** How the admin API shows deal registrations: times as ISO strings, the status as of now. */
import { effectiveStatus } from '../../deals/deal-status.ts';
import { refusalView } from '../../records/refusal-view.ts';
import type { DealProof } from '../../deals/deal-proof.ts';
import type { LaterConflict } from '../../deals/later-conflicts.ts';
import type { Deal, DealConflict } from '../../store/deal-store.ts';
import type { Partner } from '../../store/types.ts';
import { iso } from '../../records/iso-time.ts';

export type PartnerNames = ReadonlyMap<number, Pick<Partner, 'id' | 'name' | 'nodeId'>>;

function partnerRef(names: PartnerNames, id: number) {
  const p = names.get(id);
  return { id, name: p?.name ?? null, nodeId: p?.nodeId ?? null };
}

/** For the vendor's eyes only: which records an automatic conflict decision clashed with. */
function conflictView(c: DealConflict, names: PartnerNames) {
  return c.type === 'deal'
    ? {
        type: c.type,
        id: c.dealRowId,
        dealId: c.dealId,
        partner: partnerRef(names, c.partnerId),
        products: c.products,
      }
    : { type: c.type, leadId: c.leadId, partner: partnerRef(names, c.partnerId) };
}

/** For the vendor's eyes only: a registration that arrived later and clashed with this one. */
function laterConflictView(l: LaterConflict, names: PartnerNames, now: Date) {
  return {
    id: l.deal.id,
    dealId: l.deal.dealId,
    partner: partnerRef(names, l.deal.partnerId),
    status: effectiveStatus(l.deal, now),
    registeredAt: iso(l.deal.registeredAt),
    products: l.products,
  };
}

/**
 * `later`: the registrations that arrived after this one and clashed with it (role vendor; see
 * node/deals/later-conflicts.ts).
 */
export function dealView(
  d: Deal,
  names: PartnerNames,
  now: Date,
  later: ReadonlyMap<number, readonly LaterConflict[]>,
) {
  return {
    id: d.id,
    role: d.role,
    dealId: d.dealId,
    version: d.version,
    partner: partnerRef(names, d.partnerId),
    status: effectiveStatus(d, now),
    endCustomer: d.endCustomer,
    products: d.products,
    estimatedValue: d.estimatedValue,
    currency: d.currency,
    expectedCloseDate: d.expectedCloseDate,
    notes: d.notes,
    decisionVersion: d.decisionVersion,
    decidedVersion: d.decidedVersion,
    decidedAt: iso(d.decidedAt),
    reason: d.decisionReason,
    protectedUntil: iso(d.protectedUntil),
    conflicts:
      d.role === 'vendor' && d.conflicts ? d.conflicts.map((c) => conflictView(c, names)) : null,
    laterConflicts:
      d.role === 'vendor'
        ? (later.get(d.id) ?? []).map((l) => laterConflictView(l, names, now))
        : null,
    withdrawnAt: iso(d.withdrawnAt),
    withdrawnReason: d.withdrawnReason,
    registeredAt: iso(d.registeredAt),
    updatedAt: iso(d.updatedAt),
    refusal: refusalView(d.refusal),
  };
}

export function proofView(
  p: DealProof,
  names: PartnerNames,
  now: Date,
  later: ReadonlyMap<number, readonly LaterConflict[]>,
) {
  return {
    deal: dealView(p.deal, names, now, later),
    counterpart: p.counterpart,
    sent: p.sent.map((m) => ({ ...m, createdAt: iso(m.createdAt), sentAt: iso(m.sentAt) })),
    received: p.received.map((m) => ({ ...m, receivedAt: iso(m.receivedAt) })),
  };
}
