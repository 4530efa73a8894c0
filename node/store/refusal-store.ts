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
}

export interface RefusalRepo {
  record(input: Omit<Refusal, 'id' | 'seenAt' | 'clearedAt'>): Promise<void>;
  /** A later message about the record was accepted: its refusals no longer stand. */
  clear(partnerId: number, recordKind: string, recordId: string, at: Date): Promise<void>;
  /** The standing refusal of a record (the latest), or null. */
  forRecord(partnerId: number, recordKind: string, recordId: string): Promise<Refusal | null>;
  /** Newest first; `sentBy` keeps those one staff member's changes sent. */
  list(filter: { unseen?: boolean; sentBy?: string }, limit: number): Promise<Refusal[]>;
  countUnseen(): Promise<number>;
  markSeen(ids: number[] | 'all', at: Date): Promise<number>;
}
