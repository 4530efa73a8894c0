/** Refusals of our messages by partners, by the record they were about (schema/refusals.ts). */

export interface Refusal {
  id: number;
  partnerId: number;
  messageId: string;
  kind: string;
  recordKind: string | null;
  recordId: string | null;
  code: string;
  reason: string;
  at: Date;
  seenAt: Date | null;
  clearedAt: Date | null;
  /** The staff member whose change sent the message (id and e-mail then), or null. */
  sentBy: string | null;
  sentByEmail: string | null;
  /** When its sender was e-mailed about it, or given up on; null while due. */
  mailedAt: Date | null;
  mailAttempts: number;
}

export interface RefusalRepo {
  record(
    input: Omit<Refusal, 'id' | 'seenAt' | 'clearedAt' | 'mailedAt' | 'mailAttempts'>,
  ): Promise<void>;
  /** A later message about the record was accepted: its refusals no longer stand. */
  clear(partnerId: number, recordKind: string, recordId: string, at: Date): Promise<void>;
  /** The standing refusal of a record (the latest), or null. */
  forRecord(partnerId: number, recordKind: string, recordId: string): Promise<Refusal | null>;
  /** Newest first; `sentBy` keeps those one staff member's changes sent. */
  list(filter: { unseen?: boolean; sentBy?: string }, limit: number): Promise<Refusal[]>;
  countUnseen(): Promise<number>;
  /** Refusals recorded after the one with id `afterId`, oldest first (a reader's cursor). */
  listSince(afterId: number, limit: number): Promise<Refusal[]>;
  /** The id of the newest refusal, 0 when none. */
  latestId(): Promise<number>;
  /** Refusals with a sender not yet mailed, recorded at or after `since`, oldest first. */
  dueMail(since: Date, limit: number): Promise<Refusal[]>;
  /** A mail went out (`sent`), or failed: counted, and given up on with `giveUp`. */
  markMail(
    id: number,
    at: Date,
    outcome: { sent: true } | { sent: false; giveUp: boolean },
  ): Promise<void>;
  markSeen(ids: number[] | 'all', at: Date): Promise<number>;
}
