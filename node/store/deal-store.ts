/** The deal registration domain's part of the storage boundary. */
import type { Page } from './types.ts';

/** Our role in a registration: `partner` registered it with a vendor, `vendor` received it. */
export type DealRole = 'partner' | 'vendor';

export type DealStatus =
  'submitted' | 'returned' | 'approved' | 'rejected' | 'conflict' | 'expired' | 'withdrawn';

export interface EndCustomer {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  domain: string | null;
}

/** What the registering partner says about the deal: the fields only it changes. */
export interface DealFields {
  endCustomer: EndCustomer;
  products: string[];
  estimatedValue: string;
  currency: string;
  /** RFC 3339 full-date. */
  expectedCloseDate: string;
  notes: string | null;
}

/** A record an automatic `conflict` decision clashed with; shown to the vendor only. */
export type DealConflict =
  | { type: 'deal'; dealRowId: number; dealId: string; partnerId: number; products: string[] }
  | { type: 'lead'; leadId: string; partnerId: number };

export interface DealDecision {
  status: 'approved' | 'rejected' | 'returned' | 'conflict';
  /** The vendor's decision version. */
  decisionVersion: number;
  /** The registration version decided on. */
  decidedVersion: number;
  reason: string | null;
  protectedUntil: Date | null;
  /** Role vendor, automatic conflicts: what it clashed with (none otherwise). */
  conflicts?: DealConflict[];
  at: Date;
}

export interface Deal extends DealFields {
  /** This node's row id: how the admin API and CLI name a registration. */
  id: number;
  role: DealRole;
  /** The vendor (role partner) or the registering partner (role vendor). */
  partnerId: number;
  dealId: string;
  version: number;
  status: DealStatus;
  decisionVersion: number;
  decidedVersion: number | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  protectedUntil: Date | null;
  conflicts: DealConflict[] | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  registeredAt: Date;
  updatedAt: Date;
  /** The counterpart refused our last message about this registration (and nothing since). */
  refusal: RecordRefusal | null;
}

/** A partner's refusal of our message about a record, as the record shows it. */
export interface RecordRefusal {
  kind: string;
  messageId: string;
  code: string;
  reason: string;
  at: Date;
}

export interface DealMessage {
  id: number;
  dealRowId: number;
  direction: 'in' | 'out';
  kind: string;
  messageId: string;
  version: number | null;
  /** Inbound only: the JWS as received. Outbound JWS and receipts live on the outbox row. */
  jws: string | null;
  at: Date;
}

export interface DealSettings {
  /** Default protection window of an approval, in days. */
  protectionDays: number;
}

export interface DealListFilter {
  role?: DealRole;
  /**
   * As of `now`: an approval whose window has ended counts as expired, whether or not the
   * expiry job has marked it yet.
   */
  status?: DealStatus;
  partnerId?: number;
  now: Date;
}

export interface DealRepo {
  get(id: number): Promise<Deal | null>;
  find(role: DealRole, partnerId: number, dealId: string): Promise<Deal | null>;
  /** Every registration (either role, any partner) with this shared id. */
  listByDealId(dealId: string): Promise<Deal[]>;
  /** Newest first; `page.after` is the id of the last deal of the previous page. */
  list(filter: DealListFilter, page: Page): Promise<Deal[]>;
  /**
   * Registrations received (role vendor) from partners other than `exceptPartnerId` (and not
   * removed) that are open at `now` (submitted, returned, or approved with protection running) and whose end
   * customer has the domain `domain` or the normalized name and country given. Product overlap is
   * the caller's rule (node/deals/conflict-rule.ts).
   */
  findOpenByCustomer(input: {
    domain: string | null;
    normalizedName: string;
    country: string;
    exceptPartnerId: number;
    now: Date;
  }): Promise<Deal[]>;
  /**
   * Registrations received (role vendor) whose automatic conflict decision named one of `ids`
   * among the registrations it clashed with, oldest first: those that arrived later and clashed
   * with these.
   */
  listConflictingWith(ids: readonly number[]): Promise<Deal[]>;
  insert(input: {
    role: DealRole;
    partnerId: number;
    dealId: string;
    version: number;
    fields: DealFields;
    status: DealStatus;
    at: Date;
  }): Promise<Deal>;
  /** A new version of the registration's fields, with the status it has now. */
  amend(
    id: number,
    input: { version: number; fields: DealFields; status: DealStatus; at: Date },
  ): Promise<void>;
  /** Stores a decision; the registration takes its status unless `status` says otherwise. */
  recordDecision(id: number, decision: DealDecision, status?: DealStatus): Promise<void>;
  withdraw(id: number, input: { reason: string; at: Date }): Promise<void>;
  /**
   * Marks approved deals whose protection ended by `now` as expired; returns their row ids (one
   * `deal.protection_expired` event each).
   */
  expireProtection(now: Date): Promise<number[]>;
  addMessage(message: Omit<DealMessage, 'id'>): Promise<void>;
  /** Oldest first. */
  messages(dealRowId: number): Promise<DealMessage[]>;
  settings(): Promise<Partial<DealSettings>>;
  saveSettings(values: Partial<DealSettings>, at: Date): Promise<void>;
}
