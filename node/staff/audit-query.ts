/**
 * Reading the audit trail: filters (person, record, operation, time) and paging, shared by
 * `GET /api/audit` and `partner-sync audit list`, with a JSON view and a CSV export.
 */
import { badRequest } from '../errors.ts';
import type { AuditFilter, AuditRecord } from '../store/audit-store.ts';
import type { Store } from '../store/store.ts';

export const AUDIT_PAGE = { fallback: 100, max: 1000 } as const;

export interface AuditQuery {
  filter: AuditFilter;
  beforeSeq?: number;
  limit: number;
}

/** Parses the filters as strings (query parameters or CLI flags); a bad one is a 400. */
export function parseAuditQuery(raw: Record<string, string | undefined>): AuditQuery {
  const filter: AuditFilter = {};
  const text = (name: string, max = 300) => {
    const v = raw[name];
    if (v === undefined || v === '') return undefined;
    if (v.length > max) throw badRequest('invalid_filter', `${name} is too long`, name);
    return v;
  };
  const time = (name: string) => {
    const v = text(name, 40);
    if (v === undefined) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      throw badRequest(
        'invalid_filter',
        `${name} must be a time such as 2026-12-07T10:00:00Z`,
        name,
      );
    }
    return d;
  };
  const int = (name: string, min: number, max: number) => {
    const v = text(name, 20);
    if (v === undefined) return undefined;
    const n = /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw badRequest(
        'invalid_filter',
        `${name} must be a whole number from ${min} to ${max}`,
        name,
      );
    }
    return n;
  };
  const person = text('person');
  if (person !== undefined) filter.person = person.includes('@') ? person.toLowerCase() : person;
  const record = text('record');
  if (record !== undefined) filter.record = record;
  const operation = text('operation');
  if (operation !== undefined) filter.operation = operation;
  const from = time('from');
  if (from) filter.from = from;
  const to = time('to');
  if (to) filter.to = to;
  const before = int('before', 1, Number.MAX_SAFE_INTEGER);
  return {
    filter,
    ...(before !== undefined && { beforeSeq: before }),
    limit: int('limit', 1, AUDIT_PAGE.max) ?? AUDIT_PAGE.fallback,
  };
}

export async function queryAudit(store: Store, q: AuditQuery) {
  const rows = await store.read((tx) =>
    tx.audit.list(q.filter, {
      limit: q.limit,
      ...(q.beforeSeq !== undefined && { beforeSeq: q.beforeSeq }),
    }),
  );
  const last = rows.at(-1);
  return { entries: rows.map(auditView), next: rows.length === q.limit && last ? last.seq : null };
}

export function auditView(r: AuditRecord) {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorKind: r.actorKind,
    staffId: r.staffId,
    email: r.email,
    tokenId: r.tokenId,
    address: r.address,
    operation: r.operation,
    record: r.record,
    outcome: r.outcome,
    messageIds: r.messageIds,
    detail: r.detail,
    hash: r.hash,
  };
}

type AuditView = ReturnType<typeof auditView>;

const CSV_COLUMNS = [
  'seq',
  'at',
  'actorKind',
  'staffId',
  'email',
  'tokenId',
  'address',
  'operation',
  'record',
  'outcome',
  'messageIds',
  'detail',
  'hash',
] as const;

/** RFC 4180 fields; a leading =, +, - or @ is prefixed with ' so a spreadsheet shows it as text. */
function csvField(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : Array.isArray(value)
          ? value.join(' ')
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(entries: readonly AuditView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) lines.push(CSV_COLUMNS.map((k) => csvField(e[k])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
