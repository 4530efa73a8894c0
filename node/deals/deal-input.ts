/**
 * Reads what an operator gives to register, amend or decide a deal (admin API JSON, or CLI flags
 * gathered into the same shape). Each failure is a 400 `invalid_field` naming the field, raised
 * before anything is written. Stricter than the wire schema where an operator benefits: country
 * and currency must be real codes, a domain may be pasted as a URL or e-mail address.
 */
import { badRequest } from '../errors.ts';
import { parseInput } from '../input/parse-input.ts';
import { normalizeDomain } from '../records/normalize-customer.ts';
import type { DealFields, DealSettings, EndCustomer } from '../store/deal-store.ts';
import type { DecisionInput } from './decide-deal.ts';
import {
  DealAmendment,
  DealDecisionRequest,
  DealFieldsInput,
  DealRegistration,
  DealSettingsRequest,
  DealWithdrawal,
  DECISION_STATUSES,
  MAX_PRODUCTS,
} from './deal-schemas.ts';
import { DAY_MS, PROTECTION_DAYS } from './deal-settings.ts';

export { DECISION_STATUSES, MAX_PRODUCTS };

type Input = Record<string, unknown>;

export const DEAL_FIELD_NAMES = [
  'endCustomer',
  'products',
  'estimatedValue',
  'currency',
  'expectedCloseDate',
  'notes',
] as const;

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);
const CONTROL = /[\u0000-\u001f\u007f]/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
/** Region codes ICU knows that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ']);

const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const currencies = new Set(Intl.supportedValuesOf('currency'));

export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  // DisplayNames answers an unknown code with the code itself.
  return regions.of(code) !== code;
}

function text(input: Input, field: string, max: number, singleLine: boolean): string | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '' || trimmed.length > max || (singleLine && CONTROL.test(trimmed))) {
    throw invalid(
      field,
      `${field} must be a ${singleLine ? 'single-line ' : ''}text of 1 to ${max} characters`,
    );
  }
  return trimmed;
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw invalid(field, `${field} is required`);
  return value;
}

function endCustomer(value: unknown): EndCustomer {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('endCustomer', 'endCustomer must be an object with name, country and domain');
  }
  const c = value as Input;
  const extra = Object.keys(c).find((k) => !['name', 'country', 'domain'].includes(k));
  if (extra !== undefined) {
    throw invalid(`endCustomer.${extra}`, `unknown field endCustomer.${extra}`);
  }
  // A null domain is no domain (an amendment may drop it).
  const prefixed = Object.fromEntries(
    Object.entries(c)
      .filter(([k, v]) => !(k === 'domain' && v === null))
      .map(([k, v]) => [`endCustomer.${k}`, v]),
  );
  const name = required(text(prefixed, 'endCustomer.name', 200, true), 'endCustomer.name');
  const rawCountry = required(
    text(prefixed, 'endCustomer.country', 2, true),
    'endCustomer.country',
  );
  const country = rawCountry.toUpperCase();
  if (!isCountryCode(country)) {
    throw invalid('endCustomer.country', 'endCustomer.country must be an ISO 3166-1 alpha-2 code');
  }
  const rawDomain = text(prefixed, 'endCustomer.domain', 2048, true);
  let domain: string | null = null;
  if (rawDomain !== undefined) {
    domain = normalizeDomain(rawDomain);
    if (domain === null || domain.length > 253) {
      throw invalid('endCustomer.domain', 'endCustomer.domain must be an internet domain');
    }
  }
  return { name, country, domain };
}

function products(value: unknown): string[] {
  if (
    !Array.isArray(value) ||
    value.length < 1 ||
    value.length > MAX_PRODUCTS ||
    value.some((p) => typeof p !== 'string' || p.trim() === '' || p.length > 200 || CONTROL.test(p))
  ) {
    throw invalid(
      'products',
      `products must be a list of 1 to ${MAX_PRODUCTS} product ids of up to 200 characters`,
    );
  }
  return [...new Set((value as string[]).map((p) => p.trim()))];
}

function calendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The fields present in `raw` (an amendment); all of them when `partial` is false. */
export function parseDealFields(raw: unknown, partial: boolean): Partial<DealFields> {
  return dealFields(parseInput(partial ? DealAmendment : DealFieldsInput, raw), partial);
}

function dealFields(input: Input, partial: boolean): Partial<DealFields> {
  const out: Partial<DealFields> = {};
  if (input.endCustomer !== undefined) out.endCustomer = endCustomer(input.endCustomer);
  if (input.products !== undefined) out.products = products(input.products);
  if (input.estimatedValue !== undefined) {
    const v = input.estimatedValue;
    if (typeof v !== 'string' || !DECIMAL.test(v) || v.length > 40) {
      throw invalid('estimatedValue', 'estimatedValue must be a decimal string such as "1299.50"');
    }
    out.estimatedValue = v;
  }
  const currency = text(input, 'currency', 3, true)?.toUpperCase();
  if (currency !== undefined) {
    if (!currencies.has(currency)) {
      throw invalid('currency', 'currency must be an ISO 4217 code such as EUR');
    }
    out.currency = currency;
  }
  const close = text(input, 'expectedCloseDate', 10, true);
  if (close !== undefined) {
    if (!calendarDate(close)) {
      throw invalid('expectedCloseDate', 'expectedCloseDate must be a date such as 2027-01-31');
    }
    out.expectedCloseDate = close;
  }
  if (input.notes === null) out.notes = null;
  else {
    const notes = text(input, 'notes', 5000, false);
    if (notes !== undefined) out.notes = notes;
  }
  if (!partial) {
    for (const field of DEAL_FIELD_NAMES) {
      if (field !== 'notes' && out[field] === undefined) required(undefined, field);
    }
    out.notes ??= null;
  }
  return out;
}

export function parseRegistration(raw: unknown): {
  vendor: string | number;
  dealId?: string;
  fields: DealFields;
} {
  const input = parseInput(DealRegistration, raw);
  const dealId = text(input, 'id', 200, true);
  return {
    vendor: input.vendor,
    ...(dealId !== undefined && { dealId }),
    fields: dealFields(input, false) as DealFields,
  };
}

/** A date alone means "through that day": the window ends at the next midnight UTC. */
function parseProtectedUntil(value: unknown): Date {
  if (typeof value === 'string' && calendarDate(value)) {
    return new Date(Date.parse(`${value}T00:00:00Z`) + DAY_MS);
  }
  const ms = typeof value === 'string' && DATE_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw invalid(
      'protectedUntil',
      'protectedUntil must be an RFC 3339 time (2027-06-30T18:00:00Z) or a date (2027-06-30)',
    );
  }
  return new Date(ms);
}

export function parseDecision(raw: unknown): DecisionInput {
  const input: Input = parseInput(DealDecisionRequest, raw);
  const status = input.status as DecisionInput['status'];
  const out: DecisionInput = { status };
  const reason = text(input, 'reason', 500, false);
  if (reason !== undefined) out.reason = reason;
  if ((status === 'returned' || status === 'conflict') && reason === undefined) {
    throw invalid('reason', `a ${status} decision needs a reason the partner can act on`);
  }
  for (const field of ['protectedUntil', 'protectionDays'] as const) {
    if (input[field] !== undefined && status !== 'approved') {
      throw invalid(field, `${field} goes with an approved decision only`);
    }
  }
  if (input.protectedUntil !== undefined && input.protectionDays !== undefined) {
    throw invalid('protectionDays', 'give protectedUntil or protectionDays, not both');
  }
  if (input.protectedUntil !== undefined) {
    out.protectedUntil = parseProtectedUntil(input.protectedUntil);
  }
  if (input.protectionDays !== undefined) out.protectionDays = protectionDays(input);
  return out;
}

export function parseSettings(raw: unknown): Partial<DealSettings> {
  const input: Input = parseInput(DealSettingsRequest, raw);
  return input.protectionDays === undefined ? {} : { protectionDays: protectionDays(input) };
}

function protectionDays(input: Input): number {
  const v = input.protectionDays;
  if (
    !Number.isSafeInteger(v) ||
    (v as number) < PROTECTION_DAYS.min ||
    (v as number) > PROTECTION_DAYS.max
  ) {
    throw invalid(
      'protectionDays',
      `protectionDays must be a whole number from ${PROTECTION_DAYS.min} to ${PROTECTION_DAYS.max}`,
    );
  }
  return v as number;
}

/** A withdrawal's reason, which travels in record.withdraw. */
export function parseReason(raw: unknown): string | undefined {
  return text(parseInput(DealWithdrawal, raw), 'reason', 500, false);
}
