/**
 * Refusal codes stay codes for machines (the API, the wire, the `data-code` of a page), and
 * people read them in words: every stable code a portal or console page can show has a
 * `refusal.<code>` message in both catalogs. The codes are enumerated from the code itself (the
 * protocol's and the staff accounts' code lists, and every code an error is thrown or returned
 * with under node/), so a new refusal without words fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REJECTION_CODES, REQUEST_ERROR_CODES } from '../../protocol/codes.ts';
import { REFUSAL_CODES } from '../../node/funds/claim-rules.ts';
import { CATALOGS, LOCALES } from '../../node/i18n/locales.ts';
import { STAFF_CODES } from '../../node/staff/staff-errors.ts';

const NODE = join(import.meta.dirname, '..', '..', 'node');

/**
 * Codes that never reach a page: the node's start and the CLI's own refusals (an operator at the
 * machine reads those in English, as the CLI stays English), and values the patterns below catch
 * that are not refusals (a pricing result's branch, a delivery's outcome, an event example).
 */
const NOT_ON_PAGES = new Set([
  'bad_config',
  'bad_data_dir',
  'already_serving',
  'not_initialized',
  'already_initialized',
  'bad_backup',
  'exists',
  'lines',
  'deferred',
  'expired',
  'rejected',
  // The operator's commands for moving a node to PostgreSQL (migrate-store, backup on a
  // PostgreSQL node): command-line refusals, in English like the rest of the CLI.
  'target_not_empty',
  'migrate_mismatch',
  'backup_unsupported',
  // zod's own issue code for a rule of ours; the refusal it becomes is invalid_field.
  'custom',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every code an error is built with, or a refusal result carries, in the node's sources. */
function codesInSources(): Map<string, string> {
  const patterns = [
    /\b(?:badRequest|conflict)\(\s*'([a-z][a-z0-9_]*)'/g,
    /new AppError\(\s*\d+\s*,\s*'([a-z][a-z0-9_]*)'/g,
    /\bcode:\s*'([a-z][a-z0-9_]*)'/g,
  ];
  const found = new Map<string, string>();
  for (const file of sourceFiles(NODE)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns)
      for (const m of text.matchAll(pattern))
        if (!found.has(m[1]!)) found.set(m[1]!, file.slice(NODE.length + 1));
  }
  return found;
}

function pageCodes(): Map<string, string> {
  const codes = codesInSources();
  const listed: Array<[readonly string[], string]> = [
    [REJECTION_CODES, 'protocol/codes.ts'],
    [REQUEST_ERROR_CODES, 'protocol/codes.ts'],
    [Object.values(STAFF_CODES), 'node/staff/staff-errors.ts'],
    [REFUSAL_CODES, 'node/funds/claim-rules.ts'],
  ];
  for (const [list, file] of listed) for (const code of list) codes.set(code, file);
  for (const code of NOT_ON_PAGES) codes.delete(code);
  return codes;
}

describe('refusal codes', () => {
  it('are found in the sources (the enumeration works)', () => {
    const codes = pageCodes();
    expect(codes.size).toBeGreaterThan(100);
    for (const known of ['not_found', 'invalid_field', 'forbidden_role', 'offer_expired'])
      expect(codes.has(known), known).toBe(true);
  });

  it('each have words for people in every language', () => {
    const missing = LOCALES.flatMap((locale) =>
      [...pageCodes()]
        .filter(([code]) => !(`refusal.${code}` in CATALOGS[locale]))
        .map(([code, file]) => `${locale} refusal.${code} (${file})`),
    );
    expect(missing).toEqual([]);
  });

  it('have no words left over for a code that no longer exists', () => {
    const codes = pageCodes();
    // Words the pages use for their own refusals (not thrown with a code under node/).
    const pageOnly = new Set([
      'other',
      'order_conflict',
      'form_too_many_parts',
      'nothing_to_send',
      'order_refused',
      // The finer code a service request's refusal carries in its detail (agreements.ts).
      'service_not_offered',
    ]);
    const stale = Object.keys(CATALOGS.en)
      .filter((key) => key.startsWith('refusal.'))
      .map((key) => key.slice('refusal.'.length))
      .filter((code) => !codes.has(code) && !pageOnly.has(code));
    expect(stale).toEqual([]);
  });
});
