/**
 * The audit trail's hash chain. Each row's hash is SHA-256 over the previous row's hash and the
 * row's canonical JSON (RFC 8785), so editing a row breaks its own hash, and deleting or
 * re-hashing one breaks the link of the row after it. Rows are appended inside the caller's
 * unit of work, so a change and its audit row commit together (or neither does).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry, AuditRecord } from '../store/audit-store.ts';
import type { Store, StoreTx } from '../store/store.ts';

/** The `prevHash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);
const VERIFY_PAGE = 1000;

/** The hash a row must carry, from everything in it but the hash itself. */
export function auditHash(row: Omit<AuditRecord, 'hash'>): string {
  const canonical = canonicalize({
    seq: row.seq,
    at: row.at.getTime(),
    actorKind: row.actorKind,
    staffId: row.staffId,
    email: row.email,
    tokenId: row.tokenId,
    address: row.address,
    operation: row.operation,
    record: row.record,
    outcome: row.outcome,
    messageIds: row.messageIds,
    detail: row.detail,
  });
  return createHash('sha256').update(row.prevHash, 'utf8').update(canonical!, 'utf8').digest('hex');
}

export async function appendAudit(tx: StoreTx, entry: AuditEntry): Promise<AuditRecord> {
  const last = await tx.audit.last();
  const row = { ...entry, seq: (last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH };
  const record = { ...row, hash: auditHash(row) };
  await tx.audit.insert(record);
  return record;
}

export type AuditVerifyResult =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; seq: number; problem: string };

/** A row's hash the operator kept outside the node, from an earlier `audit verify`. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/** `1234:<64 hex>`, as `audit verify` prints it; null when it is not one. */
export function parseAuditAnchor(text: string): AuditAnchor | null {
  const m = /^([1-9][0-9]{0,15}):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

/**
 * Walks the whole chain, oldest first; names the first row that does not fit. The chain alone
 * cannot tell that its newest rows were dropped: with an anchor kept from an earlier run, the
 * row it names must still be there with the same hash.
 */
export async function verifyAuditChain(
  store: Store,
  anchor?: AuditAnchor,
): Promise<AuditVerifyResult> {
  let prev = { seq: 0, hash: GENESIS_HASH };
  let rows = 0;
  for (;;) {
    const page = await store.read((tx) => tx.audit.scan(prev.seq, VERIFY_PAGE));
    for (const row of page) {
      const fail = (problem: string): AuditVerifyResult => ({
        ok: false,
        rows,
        seq: row.seq,
        problem,
      });
      if (row.seq !== prev.seq + 1) {
        return fail(`row ${prev.seq + 1} is missing (the next row is ${row.seq})`);
      }
      if (row.prevHash !== prev.hash) {
        return fail('it does not follow the row before it (that row was changed or removed)');
      }
      if (auditHash(row) !== row.hash) return fail('its content does not match its hash (edited)');
      if (anchor && row.seq === anchor.seq && row.hash !== anchor.hash) {
        return fail('its hash is not the one kept for it (the trail was rewritten from here)');
      }
      prev = { seq: row.seq, hash: row.hash };
      rows++;
    }
    if (page.length < VERIFY_PAGE) {
      if (anchor && rows < anchor.seq) {
        return {
          ok: false,
          rows,
          seq: rows + 1,
          problem: `row ${rows + 1} is missing: the trail ends there, but row ${anchor.seq} was kept (its newest rows were removed)`,
        };
      }
      return { ok: true, rows, head: prev.hash };
    }
  }
}
