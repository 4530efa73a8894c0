/**
 * Reading the audit trail: filters (person, record, operation, time) and paging, shared by
 * `GET /api/audit` and `partner-sync audit list`, with a JSON view and a CSV export. An export
 * holds every row the filters match (or `limit` of them), read a page at a time, so an audit
 * for a month is not cut off at one page without a word.
 */
import { badRequest } from '../errors.ts';
import type { AuditFilter, AuditRecord } from '../store/audit-store.ts';
import type { Store } from '../store/store.ts';

export const AUDIT_PAGE = { fallback: 100, max: 1000 } as const;

export interface AuditQuery {
  filter: AuditFilter;
  beforeSeq?: number;
  /** As asked: a listing shows AUDIT_PAGE.fallback rows without it, an export every row. */
  limit?: number;
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
  const limit = int('limit', 1, AUDIT_PAGE.max);
  return {
    filter,
    ...(before !== undefined && { beforeSeq: before }),
    ...(limit !== undefined && { limit }),
  };
}

/** One page, newest first, with `next` for the page after it. */
export async function queryAudit(store: Store, q: AuditQuery) {
  const limit = q.limit ?? AUDIT_PAGE.fallback;
  const rows = await readPage(store, q.filter, q.beforeSeq, limit);
  const last = rows.at(-1);
  return { entries: rows.map(auditView), next: rows.length === limit && last ? last.seq : null };
}

/**
 * Every row the filters match, newest first, or the first `limit` of them: the export. Pages are
 * read one after another below the previous page's last row, so rows appended meanwhile neither
 * shift nor repeat what is exported, and memory holds one page.
 */
export async function* exportAudit(store: Store, q: AuditQuery): AsyncGenerator<AuditView> {
  let before = q.beforeSeq;
  let left = q.limit ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const size = Math.min(AUDIT_PAGE.max, left);
    const rows = await readPage(store, q.filter, before, size);
    for (const row of rows) yield auditView(row);
    if (rows.length < size) return;
    left -= rows.length;
    before = rows.at(-1)!.seq;
  }
}

function readPage(store: Store, filter: AuditFilter, beforeSeq: number | undefined, limit: number) {
  return store.read((tx) =>
    tx.audit.list(filter, { limit, ...(beforeSeq !== undefined && { beforeSeq }) }),
  );
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

export type AuditView = ReturnType<typeof auditView>;

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

export const AUDIT_CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

/** One row of the CSV export, with its line break. */
export function auditCsvLine(e: AuditView): string {
  return `${CSV_COLUMNS.map((k) => csvField(e[k])).join(',')}\r\n`;
}

/** The JSON export as text: the listing's `{ entries, next }` with every row and no next page. */
export async function* auditJson(rows: AsyncIterable<AuditView>): AsyncGenerator<string> {
  yield '{\n  "entries": [';
  let first = true;
  for await (const row of rows) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(row)}`;
    first = false;
  }
  yield `${first ? '' : '\n  '}],\n  "next": null\n}\n`;
}

/** The CSV export as text, header first, a line for each row the filters match. */
export async function* auditCsv(rows: AsyncIterable<AuditView>): AsyncGenerator<string> {
  yield AUDIT_CSV_HEADER;
  for await (const row of rows) yield auditCsvLine(row);
}
