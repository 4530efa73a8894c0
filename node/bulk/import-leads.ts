/**
 * Bulk import of leads from CSV or JSON, with the price lists' discipline: every row is checked
 * first (the same checks as POST /api/leads, plus duplicates within the file and against stored
 * leads), every rejection is reported with its row, field and reason, and nothing is imported
 * when any row is rejected unless the caller asked to skip bad rows. The accepted rows are then
 * created in one unit of work: all of them or none.
 *
 * CSV columns: id, company, contact.name, contact.email, contact.phone, region, interest
 * (separated by `;`), estimatedValue, currency, source, notes, domain.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { SchemaRegistry } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { parseCreateLead, type CreateLeadInput } from '../leads/lead-input.ts';
import { addEvent, type LeadTx } from '../leads/lead-tx.ts';
import { routeLeadInTx } from '../leads/route-lead.ts';
import { restoreCell } from '../records/csv-writer.ts';
import type { OwnedLead } from '../store/lead-store.ts';

export const MAX_IMPORT_ROWS = 10_000;
export const MAX_REPORTED = 1_000;

export interface RowRejection {
  /** 1-based data row (CSV: the header is row 0). */
  row: number;
  field: string | null;
  code: string;
  reason: string;
}

export interface ImportLeadsReport {
  ok: boolean;
  rows: number;
  imported: number;
  rejectedCount: number;
  rejected: RowRejection[];
  fileError: string | null;
  ids: string[];
}

const CSV_FIELDS = [
  'id',
  'company',
  'contact.name',
  'contact.email',
  'contact.phone',
  'region',
  'interest',
  'estimatedValue',
  'currency',
  'source',
  'notes',
  'domain',
] as const;

function fromCsv(text: string): Array<Record<string, unknown>> {
  const records = parse(text, {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Array<Record<string, string>>;
  return records.map((r) => {
    const unknown = Object.keys(r).filter((k) => !(CSV_FIELDS as readonly string[]).includes(k));
    if (unknown.length > 0)
      throw new CsvError('CSV_UNKNOWN_COLUMN' as never, `unknown column ${unknown[0]}`);
    const cell = (k: string) => (r[k] ? restoreCell(r[k]) : undefined);
    const contact = Object.fromEntries(
      (['name', 'email', 'phone'] as const)
        .map((k) => [k, cell(`contact.${k}`)])
        .filter(([, v]) => v !== undefined),
    );
    const row: Record<string, unknown> = { contact };
    for (const k of [
      'id',
      'company',
      'region',
      'estimatedValue',
      'currency',
      'source',
      'notes',
      'domain',
    ]) {
      const v = cell(k);
      if (v !== undefined) row[k] = v;
    }
    const interest = cell('interest');
    row['interest'] = interest
      ? interest
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
    return row;
  });
}

export function readLeadRows(
  text: string,
  format: 'csv' | 'json',
  csvRows: (text: string) => Array<Record<string, unknown>> = fromCsv,
): { rows: Array<Record<string, unknown>> } | { fileError: string } {
  try {
    const rows = format === 'csv' ? csvRows(text) : (JSON.parse(text) as unknown);
    if (
      !Array.isArray(rows) ||
      !rows.every((r) => r && typeof r === 'object' && !Array.isArray(r))
    ) {
      return { fileError: 'the JSON must be an array of lead objects' };
    }
    if (rows.length === 0) return { fileError: 'the file holds no rows' };
    if (rows.length > MAX_IMPORT_ROWS)
      return { fileError: `at most ${MAX_IMPORT_ROWS} rows per import` };
    return { rows: rows as Array<Record<string, unknown>> };
  } catch (error) {
    return {
      fileError: `the file cannot be read as ${format.toUpperCase()}: ${(error as Error).message}`,
    };
  }
}

export async function importLeads(
  deps: Pick<NodeDeps, 'store' | 'clock' | 'nodeId' | 'schemas'>,
  text: string,
  options: { format: 'csv' | 'json'; skipBadRows: boolean },
): Promise<ImportLeadsReport> {
  const report: ImportLeadsReport = {
    ok: false,
    rows: 0,
    imported: 0,
    rejectedCount: 0,
    rejected: [],
    fileError: null,
    ids: [],
  };
  const read = readLeadRows(text, options.format);
  if ('fileError' in read) return { ...report, fileError: read.fileError };
  report.rows = read.rows.length;
  const reject = (r: RowRejection) => {
    report.rejectedCount++;
    if (report.rejected.length < MAX_REPORTED) report.rejected.push(r);
  };
  const accepted: Array<{ row: number; input: CreateLeadInput }> = [];
  const seen = new Set<string>();
  read.rows.forEach((raw, i) => {
    try {
      const input = parseCreateLead(deps.schemas as SchemaRegistry, raw);
      if (seen.has(input.core.id)) {
        reject({
          row: i + 1,
          field: 'id',
          code: 'duplicate_row',
          reason: `lead ${input.core.id} appears twice in the file`,
        });
        return;
      }
      seen.add(input.core.id);
      accepted.push({ row: i + 1, input });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      reject({ row: i + 1, field: error.field ?? null, code: error.code, reason: error.message });
    }
  });
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const fresh: typeof accepted = [];
    for (const a of accepted) {
      if (await tx.leads.getLead(a.input.core.id)) {
        reject({
          row: a.row,
          field: 'id',
          code: 'lead_exists',
          reason: `a lead ${a.input.core.id} exists already`,
        });
      } else fresh.push(a);
    }
    if (report.rejectedCount > 0 && !options.skipBadRows) return report;
    const c: LeadTx = { tx, now, self: deps.nodeId, schemas: deps.schemas };
    for (const { input } of fresh) {
      const lead: OwnedLead = {
        ...input.core,
        version: 1,
        routing: null,
        offerHours: input.offerHours,
        createdAt: now,
        updatedAt: now,
        withdrawnAt: null,
        withdrawReason: null,
      };
      await tx.leads.insertLead(lead);
      await addEvent(c, lead.id, { type: 'created', detail: { version: 1, imported: true } });
      if (input.route) await routeLeadInTx(c, lead);
      report.ids.push(lead.id);
    }
    return { ...report, ok: true, imported: fresh.length };
  });
}
