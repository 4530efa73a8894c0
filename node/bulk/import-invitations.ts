/**
 * Bulk partner invitations from CSV or JSON, as leads are imported (import-leads.ts): every row
 * checked first with the checks of POST /api/invitations, nothing created when any row is bad
 * unless bad rows are skipped, the rest created in one unit of work. The answer holds each new
 * invitation's token: like a single invitation's, it is shown only there.
 *
 * CSV columns: name, partnerType, relationship, kinds (separated by `;`), ttlHours.
 */
import { parse } from 'csv-parse/sync';
import type { AppDeps } from '../app.ts';
import { optionalInteger, rejectUnknownFields } from '../admin/fields.ts';
import { knownKinds } from '../admin/known-kinds.ts';
import { AppError } from '../errors.ts';
import { createInvitation, parsePartnerProfile } from '../partners/invitations.ts';
import { restoreCell } from '../records/csv-writer.ts';
import type { Store } from '../store/store.ts';
import type { PartnerProfile } from '../store/types.ts';
import { MAX_REPORTED, readLeadRows, type RowRejection } from './import-leads.ts';

const FIELDS = ['name', 'partnerType', 'relationship', 'kinds', 'ttlHours'] as const;
const MAX_TTL_HOURS = 8760;

function fromCsv(text: string): Array<Record<string, unknown>> {
  const records = parse(text, {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Array<Record<string, string>>;
  return records.map((r) => {
    const row: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(r)) {
      if (raw === '') continue;
      const value = restoreCell(raw);
      row[key] =
        key === 'kinds'
          ? value
              .split(';')
              .map((k) => k.trim())
              .filter(Boolean)
          : key === 'ttlHours' && /^\d+$/.test(value)
            ? Number(value)
            : value;
    }
    return row;
  });
}

export interface ImportInvitationsReport {
  ok: boolean;
  rows: number;
  imported: number;
  rejectedCount: number;
  rejected: RowRejection[];
  fileError: string | null;
  invitations: Array<{ row: number; id: string; name: string; token: string }>;
}

export async function importInvitations(
  deps: AppDeps,
  text: string,
  options: { format: 'csv' | 'json'; skipBadRows: boolean },
): Promise<ImportInvitationsReport> {
  const report: ImportInvitationsReport = {
    ok: false,
    rows: 0,
    imported: 0,
    rejectedCount: 0,
    rejected: [],
    fileError: null,
    invitations: [],
  };
  const read = readLeadRows(text, options.format, fromCsv);
  if ('fileError' in read) return { ...report, fileError: read.fileError };
  report.rows = read.rows.length;
  const accepted: Array<{ row: number; profile: PartnerProfile; ttlHours: number }> = [];
  read.rows.forEach((raw, i) => {
    try {
      rejectUnknownFields(raw, FIELDS);
      const profile = parsePartnerProfile(raw, knownKinds(deps));
      const ttlHours =
        optionalInteger(raw, 'ttlHours', { min: 1, max: MAX_TTL_HOURS }) ??
        deps.config.invitationTtlHours;
      accepted.push({ row: i + 1, profile, ttlHours });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      report.rejectedCount++;
      if (report.rejected.length < MAX_REPORTED) {
        report.rejected.push({
          row: i + 1,
          field: error.field ?? null,
          code: error.code,
          reason: error.message,
        });
      }
    }
  });
  if (report.rejectedCount > 0 && !options.skipBadRows) return report;
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    // createInvitation's own unit becomes this one, so the rows commit together or not at all.
    const inThisUnit = { transact: (fn: (t: typeof tx) => Promise<unknown>) => fn(tx) } as Store;
    for (const a of accepted) {
      const { token, invitation } = await createInvitation(
        { store: inThisUnit, now, ttlMs: a.ttlHours * 3600_000 },
        a.profile,
      );
      report.invitations.push({ row: a.row, id: invitation.id, name: invitation.name, token });
    }
    return { ...report, ok: true, imported: accepted.length };
  });
}
