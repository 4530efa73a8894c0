/** The service, warranty and shared-services domain's part of the storage boundary. */
import type { RecordRefusal } from './deal-store.ts';
import type { Page } from './types.ts';

/** Who opened (owns) a record: this node, or the partner it is shared with. */
export type RecordOwner = 'self' | 'partner';
/** Whose event it is on a timeline; `system` for the node's own jobs (overdue marks). */
export type EventSide = RecordOwner | 'system';

export const REQUEST_CATEGORIES = [
  'technical',
  'help_desk',
  'accounting',
  'shipping',
  'warranty',
  'inquiry',
] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

export const REQUEST_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type RequestPriority = (typeof REQUEST_PRIORITIES)[number];

export const REQUEST_STATUSES = ['open', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** What the opener says about a request: the fields only it changes. */
export interface RequestFields {
  category: RequestCategory;
  subject: string;
  description: string;
  priority: RequestPriority;
  product: string | null;
  serial: string | null;
  dueAt: Date | null;
}

/** The stamp that orders status updates from both sides: (changedAt, author node id). */
export interface StatusStamp {
  at: number;
  by: string;
}

export interface ServiceRequest extends RequestFields {
  /** This node's row id: how the admin API and CLI name a request. */
  id: number;
  requestId: string;
  partnerId: number;
  owner: RecordOwner;
  version: number;
  status: RequestStatus;
  statusStamp: StatusStamp;
  selfUpdateVersion: number;
  selfUpdateAt: number;
  partnerUpdateVersion: number;
  partnerUpdateAt: number;
  overdueMarkedAt: Date | null;
  /** When the response-time job found our first answer late (we are the provider). */
  responseBreachedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The counterpart refused our last message about it (and nothing since), else null. */
  refusal: RecordRefusal | null;
}

export type ServiceEventType =
  'opened' | 'revised' | 'update' | 'comment' | 'overdue' | 'response_breached' | 'withdrawn';
export type CommentVisibility = 'partner' | 'internal';

export interface ServiceEvent {
  id: number;
  requestRowId: number;
  type: ServiceEventType;
  side: EventSide;
  byNodeId: string | null;
  at: Date;
  messageId: string | null;
  version: number | null;
  status: RequestStatus | null;
  comment: { id: string; text: string; visibility: CommentVisibility } | null;
  reason: string | null;
  recordedAt: Date;
}

export type NewServiceEvent = Omit<ServiceEvent, 'id'>;

/** The state columns an update, a revision or a withdrawal changes. */
export type RequestChanges = Partial<
  RequestFields &
    Pick<
      ServiceRequest,
      | 'version'
      | 'status'
      | 'statusStamp'
      | 'selfUpdateVersion'
      | 'selfUpdateAt'
      | 'partnerUpdateVersion'
      | 'partnerUpdateAt'
      | 'overdueMarkedAt'
      | 'withdrawnAt'
      | 'withdrawnReason'
    >
>;

export interface RequestFilter {
  partnerId?: number;
  owner?: RecordOwner;
  status?: RequestStatus;
  category?: RequestCategory;
  /** With `now`: only requests past their due date and not resolved, closed or withdrawn. */
  overdue?: boolean;
  now?: Date;
}

export const CLAIM_STATUSES = [
  'submitted',
  'approved',
  'partial',
  'rejected',
  'more_info',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type DecisionStatus = Exclude<ClaimStatus, 'submitted'>;

/** What the claimant says: the fields only it changes (by filing a new version). */
export interface ClaimFields {
  product: string;
  serial: string;
  /** RFC 3339 full-dates. */
  purchaseDate: string;
  failureDate: string;
  failure: string;
  claimedAmount: string;
  currency: string;
  requestId: string | null;
}

export interface WarrantyClaim extends ClaimFields {
  id: number;
  claimId: string;
  partnerId: number;
  owner: RecordOwner;
  version: number;
  status: ClaimStatus;
  decisionVersion: number;
  decidedVersion: number | null;
  approvedAmount: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The counterpart refused our last message about it (and nothing since), else null. */
  refusal: RecordRefusal | null;
}

export type ClaimChanges = Partial<
  ClaimFields &
    Pick<
      WarrantyClaim,
      | 'version'
      | 'status'
      | 'decisionVersion'
      | 'decidedVersion'
      | 'approvedAmount'
      | 'decisionReason'
      | 'decidedAt'
      | 'withdrawnAt'
      | 'withdrawnReason'
    >
>;

export interface WarrantyEvent {
  id: number;
  claimRowId: number;
  type: 'filed' | 'decision' | 'withdrawn';
  side: RecordOwner;
  byNodeId: string | null;
  at: Date;
  messageId: string | null;
  version: number | null;
  status: string | null;
  amount: string | null;
  reason: string | null;
}

export type NewWarrantyEvent = Omit<WarrantyEvent, 'id'>;

export interface ClaimFilter {
  partnerId?: number;
  owner?: RecordOwner;
  status?: ClaimStatus;
}

export interface ServiceRepo {
  /** The request shared with `partnerId` under the wire id `requestId`, whoever opened it. */
  findRequest(partnerId: number, requestId: string): Promise<ServiceRequest | null>;
  getRequest(id: number): Promise<ServiceRequest | null>;
  /** Every request with this wire id (one per partner at most). */
  requestsById(requestId: string): Promise<ServiceRequest[]>;
  insertRequest(input: {
    requestId: string;
    partnerId: number;
    owner: RecordOwner;
    fields: RequestFields;
    version: number;
    at: Date;
  }): Promise<ServiceRequest>;
  updateRequest(id: number, changes: RequestChanges, at: Date): Promise<void>;
  /** Newest first; `page.after` is the id of the last request of the previous page. */
  listRequests(filter: RequestFilter, page: Page): Promise<ServiceRequest[]>;
  /** Records an event; false when that side's version of that type was recorded before. */
  addEvent(event: NewServiceEvent): Promise<boolean>;
  /** The timeline in order of `at`, then author node id (the order of the status rule). */
  events(requestRowId: number): Promise<ServiceEvent[]>;
  /**
   * Overdue marks at `now`: marks requests past due (not resolved, closed or withdrawn) that are
   * not marked yet, and clears marks that no longer hold. Returns the requests newly marked and
   * the row ids of those whose mark was cleared.
   */
  refreshOverdue(now: Date): Promise<{ marked: ServiceRequest[]; cleared: number[] }>;
  /**
   * Requests opened with us whose first answer is late at `now`: the agreement with the opener
   * sets a response target, it passed, we sent no update, the request is neither settled nor
   * withdrawn, and it is not marked yet. At most `limit`, oldest first.
   */
  listResponseBreaches(now: Date, limit: number): Promise<ServiceRequest[]>;
  /** Marks the breach; false when it was marked already (another run got there first). */
  markResponseBreached(id: number, at: Date): Promise<boolean>;

  findClaim(partnerId: number, claimId: string): Promise<WarrantyClaim | null>;
  getClaim(id: number): Promise<WarrantyClaim | null>;
  claimsById(claimId: string): Promise<WarrantyClaim[]>;
  insertClaim(input: {
    claimId: string;
    partnerId: number;
    owner: RecordOwner;
    fields: ClaimFields;
    version: number;
    at: Date;
  }): Promise<WarrantyClaim>;
  updateClaim(id: number, changes: ClaimChanges, at: Date): Promise<void>;
  listClaims(filter: ClaimFilter, page: Page): Promise<WarrantyClaim[]>;
  addClaimEvent(event: NewWarrantyEvent): Promise<boolean>;
  claimEvents(claimRowId: number): Promise<WarrantyEvent[]>;
}
