/** How the admin API shows stock reports, settings, proposals and rules: times as ISO strings. */
import { refusalView } from '../../records/refusal-view.ts';
import { periodDays } from '../../inventory/compute-proposal.ts';
import type {
  AutoAcceptRule,
  InventoryReport,
  InventorySetting,
  PartnerInventorySettings,
  Proposal,
} from '../../store/inventory-store.ts';
import type { Partner } from '../../store/types.ts';
import { iso } from '../../records/iso-time.ts';

export type PartnerNames = ReadonlyMap<number, Pick<Partner, 'id' | 'name' | 'nodeId'>>;

export function partnerRef(names: PartnerNames, id: number) {
  const p = names.get(id);
  return { id, name: p?.name ?? null, nodeId: p?.nodeId ?? null };
}

export function reportView(r: InventoryReport, names: PartnerNames) {
  return {
    id: r.id,
    role: r.role,
    reportId: r.reportId,
    partner: partnerRef(names, r.partnerId),
    location: r.location,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    days: periodDays(r.periodStart, r.periodEnd),
    lines: r.lines,
    note: r.note,
    createdAt: iso(r.createdAt),
    refusal: refusalView(r.refusal),
  };
}

/** A listing row: the lines counted, not shown. */
export function reportSummaryView(r: InventoryReport, names: PartnerNames) {
  const { lines, ...rest } = reportView(r, names);
  return { ...rest, lineCount: lines.length };
}

export function settingView(s: InventorySetting, names: PartnerNames) {
  return {
    partner: partnerRef(names, s.partnerId),
    sku: s.sku,
    location: s.location === '' ? null : s.location,
    policy: s.policy,
    min: s.min,
    max: s.max,
    days: s.days,
    leadTimeDays: s.leadTimeDays,
    packSize: s.packSize,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function proposalView(p: Proposal, names: PartnerNames, now: Date) {
  return {
    id: p.id,
    role: p.role,
    proposalId: p.proposalId,
    partner: partnerRef(names, p.partnerId),
    location: p.location,
    basedOn: p.basedOn,
    validUntil: p.validUntil.toISOString(),
    expired: p.status === 'open' && now.getTime() > p.validUntil.getTime(),
    status: p.status,
    lines: p.lines,
    details: p.role === 'supplier' ? p.details : null,
    decision:
      p.status === 'open'
        ? null
        : {
            status: p.status,
            lines: p.decisionLines,
            reason: p.decisionReason,
            orderId: p.orderId,
            decidedAt: iso(p.decidedAt),
            late: p.decisionLate,
            autoAccepted: p.autoAccepted,
          },
    autoAcceptNote: p.autoAcceptNote,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
    refusal: refusalView(p.refusal),
  };
}

export function autoAcceptView(r: AutoAcceptRule, names: PartnerNames) {
  return {
    supplier: partnerRef(names, r.partnerId),
    enabled: r.enabled,
    maxLines: r.maxLines,
    maxLineQty: r.maxLineQty,
    maxTotalQty: r.maxTotalQty,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function partnerSettingsView(s: PartnerInventorySettings, names: PartnerNames) {
  return {
    partner: partnerRef(names, s.partnerId),
    autoPropose: s.autoPropose,
    validDays: s.validDays,
    updatedAt: s.updatedAt.toISOString(),
  };
}
