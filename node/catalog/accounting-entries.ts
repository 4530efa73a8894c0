/**
 * Entries of an accounting data set, the third kind of centrally maintained data: the payment
 * terms, tax categories, currencies (with conversion rates), units of measure and account codes
 * an owner's partners must use in what they send it. Each entry is a flat object of strings
 * keyed by (`type`, `code`), so the same parts, deltas and content hash as price lists apply,
 * with "type:code" as the line key.
 */
import type { WireLine } from './list-kinds.ts';

export const ENTRY_TYPES = ['payment_terms', 'tax_category', 'currency', 'uom', 'account'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/** The line key of an entry: type and code joined by a colon (types have none). */
export const accountingKey = (line: Readonly<Record<string, string>>): string =>
  `${line.type}:${line.code}`;

const CODE = /^[!-~]{1,48}$/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const SINGLE_LINE = /^[^\u0000-\u001F\u007F]{1,200}$/;

/** The admin input's field rules, in the shape input.ts checks (the schema says the same). */
export const ACCOUNTING_FIELDS = {
  type: {
    required: true,
    test: (v: string) => (ENTRY_TYPES as readonly string[]).includes(v),
    hint: `one of ${ENTRY_TYPES.join(', ')}`,
  },
  code: { required: true, test: (v: string) => CODE.test(v), hint: '1 to 48 printable ASCII' },
  name: { required: true, test: (v: string) => SINGLE_LINE.test(v), hint: 'one line' },
  rate: {
    required: false,
    test: (v: string) => v.length <= 40 && DECIMAL.test(v),
    hint: 'a non-negative decimal string such as "19" or "1.0842"',
  },
  days: {
    required: false,
    test: (v: string) => /^(0|[1-9][0-9]{0,3})$/.test(v),
    hint: 'a whole number of days, 0 to 9999',
  },
  use: {
    required: false,
    test: (v: string) => /^[a-z_]{1,40}$/.test(v),
    hint: 'a document kind such as expense_claim',
  },
};

/** What each type needs besides type, code and name; null when the entry is complete. */
export function entryProblem(line: Readonly<Record<string, string>>): string | null {
  const needs: Record<EntryType, string | null> = {
    payment_terms: 'days',
    tax_category: 'rate',
    currency: 'rate',
    uom: null,
    account: null,
  };
  const need = needs[line.type as EntryType];
  if (need && line[need] === undefined) return `a ${line.type} entry needs ${need}`;
  return null;
}

/** Codes of one type in a version's entries. */
export function codesOf(entries: readonly WireLine[], type: EntryType): Set<string> {
  return new Set(entries.filter((e) => e.type === type).map((e) => e.code!));
}
