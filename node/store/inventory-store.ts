/** The vendor-managed inventory domain's part of the storage boundary. */
import type { RecordRefusal } from './deal-store.ts';
import type { Page } from './types.ts';

/** `partner`: we reported to our supplier; `supplier`: a partner reported to us. */
export type ReportRole = 'partner' | 'supplier';
/** `supplier`: we proposed; `partner`: our supplier proposed to us. */
export type ProposalRole = 'supplier' | 'partner';
export type ProposalStatus = 'open' | 'accepted' | 'modified' | 'rejected';
export type DecisionStatus = Exclude<ProposalStatus, 'open'>;
export type ReplenishmentPolicy = 'min_max' | 'days_of_cover';

export interface StockLine {
  sku: string;
  onHand: string;
  sold: string;
  onOrder: string;
  returned?: string;
}

export interface ReportFields {
  reportId: string;
  location: string;
  /** RFC 3339 full-dates, both included. */
  periodStart: string;
  periodEnd: string;
  lines: StockLine[];
  note: string | null;
}

export interface InventoryReport extends ReportFields {
  /** This node's row id: how the admin API and CLI name a report. */
  id: number;
  role: ReportRole;
  partnerId: number;
  contentHash: string;
  messageId: string | null;
  jws: string | null;
  createdAt: Date;
  /** The counterpart refused our last message about it (and nothing since), else null. */
  refusal: RecordRefusal | null;
}

export interface InventorySetting {
  partnerId: number;
  sku: string;
  /** '' for every location without a setting of its own. */
  location: string;
  policy: ReplenishmentPolicy;
  /** min_max: order up to max when the position falls below min. */
  min: string | null;
  max: string | null;
  /** days_of_cover: the days of sales the stock should cover after the lead time. */
  days: number | null;
  leadTimeDays: number;
  /** Quantities are rounded up to a multiple of it (else to whole units). */
  packSize: string | null;
  updatedAt: Date;
}

export interface ProposalLine {
  sku: string;
  qty: string;
  reason: string;
}

export interface OrderedLine {
  sku: string;
  qty: string;
}

export interface ProposalFields {
  proposalId: string;
  location: string;
  basedOn: string[];
  validUntil: Date;
  lines: ProposalLine[];
}

export interface ProposalDecision {
  status: DecisionStatus;
  lines: OrderedLine[] | null;
  reason: string | null;
  orderId: string | null;
  at: Date;
  late?: boolean;
  autoAccepted?: boolean;
  jws?: string | null;
}

export interface Proposal extends ProposalFields {
  id: number;
  role: ProposalRole;
  partnerId: number;
  /** Role supplier: the computation behind each line (JSON as computed). */
  details: unknown;
  contentHash: string;
  status: ProposalStatus;
  decisionLines: OrderedLine[] | null;
  decisionReason: string | null;
  orderId: string | null;
  decidedAt: Date | null;
  decisionLate: boolean;
  autoAccepted: boolean;
  autoAcceptNote: string | null;
  jws: string | null;
  decisionJws: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The counterpart refused our last message about it (and nothing since), else null. */
  refusal: RecordRefusal | null;
}

export interface AutoAcceptRule {
  /** The supplier whose proposals it accepts. */
  partnerId: number;
  enabled: boolean;
  maxLines: number | null;
  maxLineQty: string | null;
  maxTotalQty: string | null;
  updatedAt: Date;
}

/** The supplier's settings for one partner. */
export interface PartnerInventorySettings {
  partnerId: number;
  /** Propose on its own after the partner reports (the auto-propose job). */
  autoPropose: boolean;
  /** Days the partner has to decide an automatic proposal. */
  validDays: number;
  /** The job has answered every report received before this time. */
  checkedUpTo: Date;
  updatedAt: Date;
}

export interface InventoryRepo {
  getReport(id: number): Promise<InventoryReport | null>;
  findReport(
    role: ReportRole,
    partnerId: number,
    reportId: string,
  ): Promise<InventoryReport | null>;
  insertReport(input: {
    role: ReportRole;
    partnerId: number;
    fields: ReportFields;
    contentHash: string;
    messageId: string | null;
    jws: string | null;
    at: Date;
  }): Promise<InventoryReport>;
  /** Newest first; `page.after` is the id of the last report of the previous page. */
  listReports(
    filter: { role?: ReportRole; partnerId?: number; location?: string },
    page: Page,
  ): Promise<InventoryReport[]>;
  /** Reports received from a partner for a location, latest period end first, at most `limit`. */
  latestReports(partnerId: number, location: string, limit: number): Promise<InventoryReport[]>;

  putSetting(setting: InventorySetting): Promise<void>;
  deleteSetting(partnerId: number, sku: string, location: string): Promise<boolean>;
  listSettings(filter: {
    partnerId?: number;
    sku?: string;
    location?: string;
  }): Promise<InventorySetting[]>;

  getProposal(id: number): Promise<Proposal | null>;
  findProposal(role: ProposalRole, partnerId: number, proposalId: string): Promise<Proposal | null>;
  insertProposal(input: {
    role: ProposalRole;
    partnerId: number;
    fields: ProposalFields;
    details: unknown;
    contentHash: string;
    jws: string | null;
    at: Date;
  }): Promise<Proposal>;
  /** Newest first. */
  listProposals(
    filter: { role?: ProposalRole; partnerId?: number; status?: ProposalStatus },
    page: Page,
  ): Promise<Proposal[]>;
  recordDecision(id: number, decision: ProposalDecision): Promise<void>;
  /** Role partner: why the auto-accept rule left it open. */
  noteAutoAccept(id: number, note: string, at: Date): Promise<void>;

  getAutoAccept(partnerId: number): Promise<AutoAcceptRule | null>;
  putAutoAccept(rule: AutoAcceptRule): Promise<void>;
  listAutoAccept(): Promise<AutoAcceptRule[]>;

  getPartnerSettings(partnerId: number): Promise<PartnerInventorySettings | null>;
  putPartnerSettings(settings: PartnerInventorySettings): Promise<void>;
  listPartnerSettings(): Promise<PartnerInventorySettings[]>;
  /**
   * Partners set to auto-propose with reports received in [checkedUpTo, before), and the
   * locations of those reports.
   */
  reportsToAnswer(before: Date): Promise<Array<{ partnerId: number; locations: string[] }>>;
  markChecked(partnerId: number, upTo: Date): Promise<void>;
}
