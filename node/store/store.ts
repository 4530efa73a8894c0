/**
 * The storage boundary. Everything above it calls these domain-level operations and never SQL.
 * Every call is asynchronous and every unit of work runs through `transact` or `read`, so a
 * store backed by a server database (PostgreSQL with a pool) fits the same interface as the
 * embedded SQLite default.
 */
import type { EventCause } from '../events/event-cause.ts';
import type { UnitScope } from './unit-scope.ts';
import type { CatalogRepo } from './catalog-store.ts';
import type { DealRepo } from './deal-store.ts';
import type { EventRepo } from './event-store.ts';
import type { RateBucketStore } from './rate-bucket-store.ts';
import type { WebhookRepo } from './webhook-store.ts';
import type { FundRepo } from './fund-store.ts';
import type { InventoryRepo } from './inventory-store.ts';
import type { LeadRepo } from './lead-store.ts';
import type { OrderRepo } from './order-store.ts';
import type { PortalRepo } from './portal-store.ts';
import type { ServiceRepo } from './service-store.ts';
import type { StaffRepo } from './staff-store.ts';
import type { AuditRepo } from './audit-store.ts';
import type { RefusalRepo } from './refusal-store.ts';
import type { SharedServiceRepo } from './shared-service-store.ts';
import type { SearchRepo } from './search-store.ts';
import type { ScorecardRepo } from './scorecard-store.ts';
import type { StaffNotificationRepo } from './staff-notification-store.ts';
import type {
  ClaimedBatch,
  InboundMessage,
  InboundSummary,
  Invitation,
  OutboundDraft,
  OutboundMessage,
  OutboundStatus,
  OutboundSummary,
  Page,
  Partner,
  PartnerEndpoint,
  PartnerProfile,
  PartnerStatus,
} from './types.ts';

export interface Store {
  /**
   * Runs `fn` as one atomic unit: every write in it commits together, or none does. `scope` says
   * who asked for it (the cause its events name, the audit row it appends); without one the node
   * itself did.
   */
  transact<T>(fn: (tx: StoreTx) => Promise<T>, scope?: UnitScope): Promise<T>;
  /** Runs `fn` against a consistent view without writing. */
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * The partner with this node id (any status), or null: what `read` would find, but it may be
   * answered from memory without queueing behind other units. The inbox asks it for every
   * message, including every forged one, before anything else touches the store.
   */
  partnerByNodeId(nodeId: string): Promise<Partner | null>;
  /**
   * What `read` would find with tx.inbox.storedBytes, in one statement outside any unit: the
   * storage quota asks it about every second per sending partner when several processes serve
   * the node (partner-storage.ts), and a unit would cost more than the read itself.
   */
  partnerStoredBytes(
    partnerId: number,
    afterSeq: number,
  ): Promise<{ bytes: number; lastSeq: number }>;
  /** True when the store answers a trivial query. */
  ping(): Promise<boolean>;
  /**
   * Runs `fn` unless another process of this node runs the task of the same name now; null when
   * one does. On PostgreSQL several processes serve one node and the timed jobs run under this
   * (an advisory lock); on SQLite one process serves the node and `fn` always runs.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T | null>;
  /**
   * Calls `listener` when another process of this node queued outbound messages (PostgreSQL:
   * LISTEN/NOTIFY), so that this process's outbox need not wait for its next poll. SQLite has
   * one process, whose own callers wake its outbox: never called there.
   */
  onOutboxWork(listener: () => void): void;
  /**
   * Tells the node's other processes that this one rotated the signing key (PostgreSQL: NOTIFY),
   * so that they load keys.json at once instead of at their next look at it: until they do, they
   * would publish a key set without the key this one now signs with. SQLite: nothing to tell.
   */
  announceKeyRotation(): Promise<void>;
  /** Calls `listener` when another process announced a key rotation (never on SQLite). */
  onKeyRotation(listener: () => void): void;
  /**
   * The node-wide token buckets its processes share (PostgreSQL). Absent on SQLite, where one
   * process serves the node and counts in memory.
   */
  readonly rateBuckets?: RateBucketStore;
  /** Writes a consistent copy of the whole store to `file` while it stays in use. */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export interface StoreTx {
  partners: PartnerRepo;
  invitations: InvitationRepo;
  inbox: InboxRepo;
  outbox: OutboxRepo;
  adminTokens: AdminTokenRepo;
  leads: LeadRepo;
  deals: DealRepo;
  service: ServiceRepo;
  sharedServices: SharedServiceRepo;
  catalog: CatalogRepo;
  portal: PortalRepo;
  orders: OrderRepo;
  funds: FundRepo;
  inventory: InventoryRepo;
  staff: StaffRepo;
  audit: AuditRepo;
  refusals: RefusalRepo;
  /** Domain events: written by `withDomainEvents` in the same unit as each change. */
  events: EventRepo;
  webhooks: WebhookRepo;
  /** Records found by name, company, subject or number (the console's search box). */
  search: SearchRepo;
  /** A partner's scorecard figures and relationship timeline (the console's partner page). */
  scorecards: ScorecardRepo;
  /** What staff are told: the console's inbox and the e-mail digest. */
  staffNotifications: StaffNotificationRepo;
  /**
   * Runs `fn` so that its writes can be undone alone (a savepoint): when `fn` throws, only its
   * own writes are rolled back and the error is rethrown; the surrounding unit goes on.
   */
  nested<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` with `cause` as the cause of the events its writes emit, the unit's own cause
   * before and after it: the inbox names each message of a batch this way.
   */
  causedBy<T>(cause: EventCause, fn: () => Promise<T>): Promise<T>;
}

export interface PartnerRepo {
  getById(id: number): Promise<Partner | null>;
  getByNodeId(nodeId: string): Promise<Partner | null>;
  list(): Promise<Partner[]>;
  /** The partners of `ids` (the ones a page of records names), by id; unknown ids are left out. */
  listByIds(ids: readonly number[]): Promise<Partner[]>;
  /** Records a partner as connected, pinning its node id and keys; reactivates a former one. */
  saveConnected(input: {
    endpoint: PartnerEndpoint;
    profile: PartnerProfile;
    invitationId: string | null;
    at: Date;
  }): Promise<Partner>;
  setStatus(id: number, status: PartnerStatus, at: Date): Promise<void>;
  /**
   * Gives the partner a new node id and suspends it until that node connects (its keys and inbox
   * come with the connect); the row, and so every record linked to it, stays.
   */
  moveToNode(id: number, nodeId: string, at: Date): Promise<void>;
  updateProfile(id: number, changes: Partial<PartnerProfile>, at: Date): Promise<void>;
  /** Stores freshly fetched keys, or only the fetch time when `keys` is null. */
  recordKeyFetch(id: number, keys: Partner['keys'] | null, at: Date): Promise<void>;
  /**
   * Applies a partner's self-description unless the stored one is newer; false when it is.
   * Messages sent in one batch share their sentAt, so an equal time applies (in arrival order).
   */
  updateDeclaredProfile(id: number, profile: Record<string, unknown>, asOf: Date): Promise<boolean>;
}

export interface InvitationRepo {
  create(input: {
    id: string;
    tokenHash: string;
    profile: PartnerProfile;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<Invitation>;
  getById(id: string): Promise<Invitation | null>;
  findByTokenHash(tokenHash: string): Promise<Invitation | null>;
  /** Marks an open invitation used; false when it was used, revoked or expired meanwhile. */
  consume(id: string, nodeId: string, at: Date): Promise<boolean>;
  revoke(id: string, at: Date): Promise<boolean>;
  list(): Promise<Invitation[]>;
}

export interface InboxRepo {
  find(fromNodeId: string, messageId: string): Promise<InboundMessage | null>;
  insert(message: Omit<InboundMessage, 'seq'>): Promise<void>;
  /**
   * Newest first; `page.after` is the seq of the last message of the previous page. Reads only
   * the columns a listing shows (no JWS, no receipt).
   */
  list(filter: { partnerId?: number; kind?: string }, page: Page): Promise<InboundSummary[]>;
  /** As `list`, with each message's stored JWS and receipt: for exports that hand them on. */
  listStored(filter: { partnerId?: number; kind?: string }, page: Page): Promise<InboundMessage[]>;
  /**
   * Bytes of the received messages (their JWS) stored for a partner with a seq above `afterSeq`
   * (default 0: all of them), and the highest seq of the partner's messages (`afterSeq` when it has
   * none above it): read again from there, it gives what was stored since. Write units run one at
   * a time, so seq order is commit order: a read that saw a seq has seen every row below it.
   */
  storedBytes(partnerId: number, afterSeq?: number): Promise<{ bytes: number; lastSeq: number }>;
}

export interface OutboxRepo {
  /** Adds messages at the end of each partner's queue, due at once. */
  enqueue(drafts: OutboundDraft[], at: Date): Promise<OutboundMessage[]>;
  /**
   * Claims, for each partner with a due queue head and nothing in flight, up to `batchLimit`
   * consecutive messages (each partner's own maxBatch caps it too). Claimed rows are leased until
   * `leaseUntil`; rows whose lease ran out are claimable again.
   */
  claimDue(input: {
    now: Date;
    leaseUntil: Date;
    maxPartners: number;
    /** Batch size when the queue head has failed before: a failing partner is probed, not flooded. */
    probeBatch: number;
    /**
     * Partners whose batches in flight were all answered and are being settled: their next batch
     * may be claimed meanwhile (the partner has taken the ones before it, so order holds).
     */
    settling?: readonly number[];
  }): Promise<ClaimedBatch[]>;
  /**
   * Returns every leased (in flight) row to its queue; how many. Called by a worker at start: a
   * lease held then was held by a previous process of this node, which is gone. On PostgreSQL,
   * where other processes of the node may be delivering, it releases nothing (0) unless this
   * process is the only one alive; their leases are left to run out.
   */
  releaseLeases(): Promise<number>;
  /**
   * Makes due now the waiting messages to these partners whose last attempt could not reach them
   * (a network error or a timeout): they have shown they are up. Answers such as 503 or 429 keep
   * their wait. Returns how many rows changed.
   */
  wakeUnreachable(partnerIds: number[], now: Date): Promise<number>;
  recordSigned(seq: number, jws: string, digest: string, sentAt: Date): Promise<void>;
  markDelivered(
    seq: number,
    input: { resultStatus: 'accepted' | 'duplicate'; receipt: string; at: Date },
  ): Promise<void>;
  /** Dead-letters a claimed message; `rejected` when the partner refused it (a final answer). */
  markDead(
    seq: number,
    input: { code: string; detail: string; at: Date; rejected: boolean },
  ): Promise<void>;
  /** Returns claimed rows to the queue after a failed attempt. */
  reschedule(
    seqs: number[],
    input: { nextAttemptAt: Date; code: string; detail: string; countAttempt: boolean },
  ): Promise<void>;
  get(messageId: string): Promise<OutboundMessage | null>;
  /**
   * How many of these messages to the partner are delivered, from the indexes alone: a version's
   * parts are messages of a quarter MiB each, which `get` would read, copy and parse whole.
   */
  countDelivered(partnerId: number, messageIds: readonly string[]): Promise<number>;
  /** Oldest first. Reads only the columns a listing shows (no body, JWS or receipt). */
  list(
    filter: { status?: OutboundStatus; partnerId?: number },
    page: Page,
  ): Promise<OutboundSummary[]>;
  /** As `list`, with each message's body, signed JWS and receipt: for exports and tests. */
  listStored(
    filter: { status?: OutboundStatus; partnerId?: number },
    page: Page,
  ): Promise<OutboundMessage[]>;
  /**
   * Puts dead letters back in their queue with a fresh retry horizon; returns how many. Letters
   * to a removed partner stay dead: they could never be sent and would block its queue.
   */
  retryDead(filter: { messageIds?: string[]; partnerId?: number }, at: Date): Promise<number>;
  /** Dead-letters every pending message to a partner (e.g. when it is removed). */
  deadLetterPending(
    partnerId: number,
    input: { code: string; detail: string; at: Date },
  ): Promise<number>;
  /** The earliest time a pending message becomes due, or null when nothing waits. */
  nextDueAt(): Promise<Date | null>;
  counts(): Promise<Array<{ partnerId: number; status: OutboundStatus; count: number }>>;
}

export interface AdminTokenRepo {
  create(tokenHash: string, label: string, at: Date): Promise<void>;
  isValid(tokenHash: string): Promise<boolean>;
}
