/** The partner portal's part of the storage boundary. */
import type { PrivateJwk } from '../../protocol/index.ts';
import type { Page } from './types.ts';

/** What the portal adds to a partners row (the key itself is read apart: see `privateKey`). */
export interface PortalPartner {
  partnerId: number;
  uid: string;
  createdAt: Date;
  revokedAt: Date | null;
  updatedAt: Date;
}

export interface PortalUser {
  id: number;
  partnerId: number;
  email: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastSignInAt: Date | null;
  /** The language the user chose (or the inviting company chose for them); null: the browser's. */
  language: string | null;
}

export type LinkPurpose = 'invite' | 'request';

/** Whose links or sessions: one user's, every user's of one partner, or all. */
export type PortalOwner = { userId: number } | { partnerId: number } | 'all';

export interface PortalLink {
  id: number;
  userId: number;
  purpose: LinkPurpose;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface PortalSession {
  id: number;
  userId: number;
  partnerId: number;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export type NotificationState = 'queued' | 'sent' | 'failed';

export interface PortalNotification {
  id: number;
  userId: number;
  partnerId: number;
  type: string;
  dedupeKey: string;
  subject: string;
  body: string;
  /** The portal page it links to, under /portal (`/leads/…`). */
  path: string;
  createdAt: Date;
  nextAttemptAt: Date;
  attempts: number;
  sentAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

export type NewNotification = Pick<
  PortalNotification,
  'userId' | 'partnerId' | 'type' | 'dedupeKey' | 'subject' | 'body' | 'path'
>;

export interface NotificationFilter {
  state?: NotificationState;
  partnerId?: number;
  userId?: number;
}

export interface PortalRepo {
  // ---- partners ----
  insertPartner(input: {
    partnerId: number;
    uid: string;
    privateJwk: PrivateJwk;
    at: Date;
  }): Promise<PortalPartner>;
  getPartner(partnerId: number): Promise<PortalPartner | null>;
  /** The key the node signs the partner's messages with. */
  privateKey(partnerId: number): Promise<PrivateJwk | null>;
  /** Seals, in place, the secrets written in the clear before the node had a storage key. */
  sealSecrets(): Promise<number>;
  listPartners(): Promise<PortalPartner[]>;
  /** Revokes (a date) or restores (null) the access of every user of the partner. */
  setPartnerRevoked(partnerId: number, revokedAt: Date | null, at: Date): Promise<void>;

  // ---- users ----
  insertUser(input: {
    partnerId: number;
    email: string;
    name: string;
    language?: string | null;
    at: Date;
  }): Promise<PortalUser>;
  getUser(id: number): Promise<PortalUser | null>;
  findUserByEmail(email: string): Promise<PortalUser | null>;
  /** Oldest first; every partner's when none is given. */
  listUsers(partnerId?: number): Promise<PortalUser[]>;
  revokeUser(id: number, at: Date): Promise<void>;
  recordSignIn(id: number, at: Date): Promise<void>;
  setUserLanguage(id: number, language: string | null): Promise<void>;

  // ---- links and sessions ----
  insertLink(input: {
    userId: number;
    tokenHash: string;
    purpose: LinkPurpose;
    at: Date;
    expiresAt: Date;
  }): Promise<PortalLink>;
  findLink(tokenHash: string): Promise<PortalLink | null>;
  /** Marks an unused, unexpired link used; false when it was used or expired meanwhile. */
  consumeLink(id: number, at: Date): Promise<boolean>;
  /**
   * Marks every unused link of a user, of every user of a partner, or of everyone as used, so
   * that none signs in any more (revocation, restore); returns how many.
   */
  spendLinks(of: PortalOwner, at: Date): Promise<number>;
  insertSession(input: {
    tokenHash: string;
    userId: number;
    partnerId: number;
    csrfToken: string;
    at: Date;
    expiresAt: Date;
  }): Promise<PortalSession>;
  /** A session that was not ended (expiry is the caller's check, against its clock). */
  findSession(tokenHash: string): Promise<PortalSession | null>;
  endSession(id: number, at: Date): Promise<void>;
  /** Ends every open session of a user, of every user of a partner, or of everyone; how many. */
  endSessions(of: PortalOwner, at: Date): Promise<number>;

  // ---- notifications ----
  /** Queues a notification; false when the user already has one with the same key. */
  addNotification(input: NewNotification, at: Date): Promise<boolean>;
  /** Queued notifications due at `now`, oldest first. */
  dueNotifications(now: Date, limit: number): Promise<PortalNotification[]>;
  markNotificationSent(id: number, at: Date): Promise<void>;
  /** A failed attempt: tried again at `retryAt`, or given up on when it is null. */
  markNotificationFailed(
    id: number,
    input: { at: Date; error: string; retryAt: Date | null },
  ): Promise<void>;
  /** Newest first; `page.after` is the id of the last row of the previous page. */
  listNotifications(filter: NotificationFilter, page: Page): Promise<PortalNotification[]>;
  countQueued(): Promise<number>;

  // ---- settings ----
  settings(): Promise<Record<string, unknown>>;
  /** Sets keys; a null value removes the key. */
  saveSettings(values: Record<string, unknown>, at: Date): Promise<void>;
}
