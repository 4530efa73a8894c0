/** Conversions between the inventory tables' rows and the domain's records. */
import type {
  AutoAcceptRow,
  InventoryPartnerSettingsRow,
  InventoryReportRow,
  InventorySettingRow,
  ReplenishmentProposalRow,
} from '../../db/schema/inventory.ts';
import type {
  AutoAcceptRule,
  InventoryReport,
  InventorySetting,
  OrderedLine,
  PartnerInventorySettings,
  Proposal,
  ProposalLine,
  ProposalRole,
  ProposalStatus,
  ReplenishmentPolicy,
  ReportRole,
  StockLine,
} from '../inventory-store.ts';

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function partnerSettingsFromRow(row: InventoryPartnerSettingsRow): PartnerInventorySettings {
  return {
    partnerId: row.partnerId,
    autoPropose: row.autoPropose === 1,
    validDays: row.validDays,
    checkedUpTo: new Date(row.checkedUpTo),
    updatedAt: new Date(row.updatedAt),
  };
}

export function reportFromRow(row: InventoryReportRow): Omit<InventoryReport, 'refusal'> {
  return {
    id: row.id,
    role: row.role as ReportRole,
    partnerId: row.partnerId,
    reportId: row.reportId,
    location: row.location,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    lines: JSON.parse(row.lines) as StockLine[],
    note: row.note,
    contentHash: row.contentHash,
    messageId: row.messageId,
    jws: row.jws,
    createdAt: new Date(row.createdAt),
  };
}

export function settingFromRow(row: InventorySettingRow): InventorySetting {
  return {
    partnerId: row.partnerId,
    sku: row.sku,
    location: row.location,
    policy: row.policy as ReplenishmentPolicy,
    min: row.minQty,
    max: row.maxQty,
    days: row.coverDays,
    leadTimeDays: row.leadTimeDays,
    packSize: row.packSize,
    updatedAt: new Date(row.updatedAt),
  };
}

export function proposalFromRow(row: ReplenishmentProposalRow): Omit<Proposal, 'refusal'> {
  return {
    id: row.id,
    role: row.role as ProposalRole,
    partnerId: row.partnerId,
    proposalId: row.proposalId,
    location: row.location,
    basedOn: JSON.parse(row.basedOn) as string[],
    validUntil: new Date(row.validUntil),
    lines: JSON.parse(row.lines) as ProposalLine[],
    details: row.details === null ? null : (JSON.parse(row.details) as unknown),
    contentHash: row.contentHash,
    status: row.status as ProposalStatus,
    decisionLines:
      row.decisionLines === null ? null : (JSON.parse(row.decisionLines) as OrderedLine[]),
    decisionReason: row.decisionReason,
    orderId: row.orderId,
    decidedAt: dateOrNull(row.decidedAt),
    decisionLate: row.decisionLate === 1,
    autoAccepted: row.autoAccepted === 1,
    autoAcceptNote: row.autoAcceptNote,
    jws: row.jws,
    decisionJws: row.decisionJws,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function ruleFromRow(row: AutoAcceptRow): AutoAcceptRule {
  return {
    partnerId: row.partnerId,
    enabled: row.enabled === 1,
    maxLines: row.maxLines,
    maxLineQty: row.maxLineQty,
    maxTotalQty: row.maxTotalQty,
    updatedAt: new Date(row.updatedAt),
  };
}
