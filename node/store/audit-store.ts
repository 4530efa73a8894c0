/** The audit trail's part of the storage boundary: append-only, hash-chained rows. */

export type ActorKind = 'admin-token' | 'api-token' | 'session' | 'cli' | 'anonymous';

/** What a caller records; the sequence number and hashes are added by the chain. */
export interface AuditEntry {
  at: Date;
  actorKind: ActorKind;
  staffId: string | null;
  email: string | null;
  tokenId: string | null;
  address: string;
  operation: string;
  record: string | null;
  /** `ok`, or the stable code of a refusal. */
  outcome: string;
  messageIds: string[];
  detail: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  /** A staff id or an e-mail address. */
  person?: string;
  record?: string;
  /** Matches the start of the operation: `POST /api/leads` or `staff.`. */
  operation?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRepo {
  /** The newest row, or null when the trail is empty. */
  last(): Promise<AuditRecord | null>;
  insert(row: AuditRecord): Promise<void>;
  /** Oldest first, after `afterSeq`, at most `limit` (for verification). */
  scan(afterSeq: number, limit: number): Promise<AuditRecord[]>;
  /**
   * Who made the change that queued a message: the newest row between `from` and `to` whose
   * message ids name it (the window keeps the search on the time index), or null.
   */
  senderOf(
    messageId: string,
    from: Date,
    to: Date,
  ): Promise<Pick<AuditRecord, 'staffId' | 'email'> | null>;
  /** Newest first; `beforeSeq` pages back. */
  list(filter: AuditFilter, page: { beforeSeq?: number; limit: number }): Promise<AuditRecord[]>;
}
