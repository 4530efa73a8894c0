/** Staff notifications, their digest settings and the deriving job's cursors (schema/staff-notifications.ts). */

export type DigestFrequency = 'off' | 'hourly' | 'daily';
export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ['off', 'hourly', 'daily'];

export interface StaffNotification {
  id: number;
  staffId: string;
  type: string;
  area: string;
  dedupeKey: string;
  facts: Record<string, string | number | null>;
  path: string;
  createdAt: Date;
  readAt: Date | null;
  mailedAt: Date | null;
}

export type NewStaffNotification = Pick<
  StaffNotification,
  'staffId' | 'type' | 'area' | 'dedupeKey' | 'facts' | 'path'
>;

export interface DigestSetting {
  staffId: string;
  frequency: DigestFrequency;
  lastSentAt: Date | null;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
}

/** Whose notifications, limited to the areas the reader's roles see now. */
export interface InboxScope {
  staffId: string;
  areas: readonly string[];
}

export interface StaffNotificationRepo {
  /** Adds what is new (by person and dedupe key); how many were added. */
  add(rows: NewStaffNotification[], at: Date): Promise<number>;
  /** Newest first; `before`: the id of the last one of the previous page. */
  list(
    scope: InboxScope,
    page: { before?: number | undefined; limit: number; unread?: boolean },
  ): Promise<StaffNotification[]>;
  countUnread(scope: InboxScope): Promise<number>;
  /** Marks the reader's own as read (ids, or all); how many changed. */
  markRead(staffId: string, ids: readonly number[] | 'all', at: Date): Promise<number>;
  /**
   * Deletes up to `limit` notifications read before `before`, oldest first; how many. Unread ones
   * are kept whatever their age.
   */
  pruneRead(before: Date, limit: number): Promise<number>;
  /** Unread ones no digest carried yet, oldest first. */
  listUnmailed(scope: InboxScope, limit: number): Promise<StaffNotification[]>;
  markMailed(ids: readonly number[], at: Date): Promise<void>;
  /** The job's position in a source, or null before its first run on this database. */
  getCursor(source: string): Promise<number | null>;
  setCursor(source: string, position: number, at: Date): Promise<void>;
  getDigest(staffId: string): Promise<DigestSetting | null>;
  setDigestFrequency(staffId: string, frequency: DigestFrequency, at: Date): Promise<void>;
  /** Digests switched on whose next attempt (if any) is due at `now`. */
  listActiveDigests(now: Date): Promise<DigestSetting[]>;
  /**
   * A digest went out (`sent`), failed and waits for `nextAttemptAt` (`failed`), or was given up
   * after its last attempt (`given_up`: the next one is due a period later, as after a sent one).
   */
  recordDigest(
    staffId: string,
    outcome:
      | { outcome: 'sent'; at: Date }
      | { outcome: 'failed'; at: Date; error: string; nextAttemptAt: Date }
      | { outcome: 'given_up'; at: Date; error: string },
  ): Promise<void>;
}
