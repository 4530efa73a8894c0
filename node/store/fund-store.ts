/** The marketing funds domain's part of the storage boundary. */
import type { RecordRefusal } from './deal-store.ts';
import type { Page } from './types.ts';

/** Who made a record: this node (`self`) or the partner it is shared with. */
export type FundOwner = 'self' | 'partner';

/** What the vendor says about an allocation: every field is the vendor's. */
export interface AllocationFields {
  amount: string;
  currency: string;
  /** RFC 3339 full-dates (UTC days). */
  validFrom: string | null;
  validTo: string;
  claimDeadline: string;
  activities: string[];
  note: string | null;
}

export interface FundAllocation extends AllocationFields {
  /** This node's row id: how the admin API and CLI name an allocation. */
  id: number;
  allocationId: string;
  partnerId: number;
  owner: FundOwner;
  version: number;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  /** The counterpart refused our last message about it (and nothing since), else null. */
  refusal: RecordRefusal | null;
  createdAt: Date;
  updatedAt: Date;
}

export type AllocationChanges = Partial<
  AllocationFields & Pick<FundAllocation, 'version' | 'withdrawnAt' | 'withdrawnReason'>
>;

export const EXPENSE_STATUSES = ['submitted', 'approved', 'partial', 'rejected', 'paid'] as const;
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number];
export type ExpenseDecisionStatus = Exclude<ExpenseStatus, 'submitted'>;

export interface ExpenseLine {
  description: string;
  amount: string;
  /** The vendor's account code for the line (from its accounting data, when it pushed some). */
  accountCode?: string;
}

export interface ProofRef {
  /** 64 lowercase hex digits. */
  sha256: string;
  name: string;
  size?: number;
}

/** What the partner says in a claim: fixed once filed. */
export interface ClaimFields {
  allocationId: string;
  invoiceNumber: string;
  invoiceDate: string;
  activity: string;
  lines: ExpenseLine[];
  total: string;
  currency: string;
  proof: ProofRef[];
}

/** The vendor's side of a claim: its decisions. */
export interface ClaimDecisionState {
  status: ExpenseStatus;
  decisionVersion: number;
  approvedAmount: string | null;
  paidAmount: string | null;
  paymentReference: string | null;
  reason: string | null;
  reasonCode: string | null;
  decidedAt: Date | null;
  paidAt: Date | null;
}

export interface ExpenseClaim extends ClaimFields, ClaimDecisionState {
  id: number;
  claimId: string;
  partnerId: number;
  owner: FundOwner;
  filedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  /** The counterpart refused our last message about it (and nothing since), else null. */
  refusal: RecordRefusal | null;
}

export interface AllocationFilter {
  partnerId?: number;
  owner?: FundOwner;
}

export interface ClaimFilter {
  partnerId?: number;
  owner?: FundOwner;
  status?: ExpenseStatus;
  /** The allocation's wire id (with partnerId it names one allocation). */
  allocationId?: string;
}

export interface ProofFile {
  id: number;
  partnerId: number;
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
  createdAt: Date;
}

export interface FundRepo {
  findAllocation(partnerId: number, allocationId: string): Promise<FundAllocation | null>;
  getAllocation(id: number): Promise<FundAllocation | null>;
  /** Every allocation with this wire id (one per partner at most). */
  allocationsById(allocationId: string): Promise<FundAllocation[]>;
  insertAllocation(input: {
    allocationId: string;
    partnerId: number;
    owner: FundOwner;
    fields: AllocationFields;
    version: number;
    at: Date;
  }): Promise<FundAllocation>;
  updateAllocation(id: number, changes: AllocationChanges, at: Date): Promise<void>;
  /** Newest first; `page.after` is the id of the last allocation of the previous page. */
  listAllocations(filter: AllocationFilter, page: Page): Promise<FundAllocation[]>;

  findClaim(partnerId: number, claimId: string): Promise<ExpenseClaim | null>;
  getClaim(id: number): Promise<ExpenseClaim | null>;
  claimsById(claimId: string): Promise<ExpenseClaim[]>;
  insertClaim(input: {
    claimId: string;
    partnerId: number;
    owner: FundOwner;
    fields: ClaimFields;
    filedAt: Date;
    /** Decided on arrival (a rule refused it), or submitted. */
    decision?: Partial<ClaimDecisionState>;
    at: Date;
  }): Promise<ExpenseClaim>;
  updateClaim(id: number, changes: Partial<ClaimDecisionState>, at: Date): Promise<void>;
  /** Newest first. */
  listClaims(filter: ClaimFilter, page: Page): Promise<ExpenseClaim[]>;
  /** Every claim against allocations of this partner (both owners unless given), oldest first. */
  claimsOfPartner(partnerId: number, owner?: FundOwner): Promise<ExpenseClaim[]>;

  /** Stores an uploaded proof file; the same bytes again from the same partner are kept once. */
  saveProofFile(input: {
    partnerId: number;
    sha256: string;
    name: string;
    mediaType: string;
    bytes: Uint8Array;
    at: Date;
  }): Promise<ProofFile>;
  findProofFile(partnerId: number, sha256: string): Promise<ProofFile | null>;
  proofFileBytes(id: number): Promise<Uint8Array | null>;
}
