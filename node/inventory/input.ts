/**
 * Reads what an operator gives (admin API JSON, CLI flags and CSV gathered into the same shape):
 * stock reports, replenishment settings, proposals to send, decisions and auto-accept rules.
 * Each failure is a 400 `invalid_field` naming the field (`lines[3].sold`), raised before
 * anything is written. Stricter than the wire schemas where an operator benefits.
 */
import { badRequest } from '../errors.ts';
import { Decimal } from '../records/decimal-string.ts';
import type {
  DecisionStatus,
  OrderedLine,
  ReplenishmentPolicy,
  ReportFields,
  StockLine,
} from '../store/inventory-store.ts';
import { periodDays } from './compute-proposal.ts';

type Input = Record<string, unknown>;

export const MAX_REPORT_LINES = 2000;
export const MAX_PROPOSAL_LINES = 500;
export const MAX_PERIOD_DAYS = 366;
export const MAX_LEAD_TIME_DAYS = 365;
export const MAX_COVER_DAYS = 365;
export const VALID_DAYS = { min: 1, max: 90, fallback: 7 };
export const POLICIES: readonly ReplenishmentPolicy[] = ['min_max', 'days_of_cover'];
export const DECISION_STATUSES: readonly DecisionStatus[] = ['accepted', 'modified', 'rejected'];

export const REPORT_FIELDS = [
  'supplier',
  'reportId',
  'location',
  'periodStart',
  'periodEnd',
  'lines',
  'note',
] as const;
export const SETTING_FIELDS = [
  'partner',
  'sku',
  'location',
  'policy',
  'min',
  'max',
  'days',
  'leadTimeDays',
  'packSize',
] as const;
export const SEND_FIELDS = ['partner', 'location', 'validDays'] as const;
export const DECISION_FIELDS = ['status', 'lines', 'reason'] as const;
export const AUTO_ACCEPT_FIELDS = [
  'supplier',
  'enabled',
  'maxLines',
  'maxLineQty',
  'maxTotalQty',
] as const;

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);
const CONTROL = /[\u0000-\u001f\u007f]/;
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SKU = /^[!-~]([ -~]*[!-~])?$/;

export function text(input: Input, field: string, max: number, singleLine = true) {
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

/** A quantity: a decimal string (a JSON number is refused, as on the wire). */
export function quantity(value: unknown, field: string, positive = false): string {
  if (typeof value !== 'string' || value.length > 40 || !DECIMAL.test(value)) {
    throw invalid(field, `${field} must be a decimal string such as "12" or "2.5"`);
  }
  if (positive && new Decimal(value).isZero()) throw invalid(field, `${field} must be more than 0`);
  return value;
}

export function sku(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 64 || !SKU.test(value)) {
    throw invalid(field, `${field} must be a SKU of 1 to 64 printable ASCII characters`);
  }
  return value;
}

export function calendarDate(value: unknown, field: string): string {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  const ok =
    m !== null &&
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) ===
      value;
  if (!ok) throw invalid(field, `${field} must be a date such as 2027-01-31`);
  return value as string;
}

function integer(input: Input, field: string, min: number, max: number): number | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (!Number.isSafeInteger(v) || (v as number) < min || (v as number) > max) {
    throw invalid(field, `${field} must be a whole number from ${min} to ${max}`);
  }
  return v as number;
}

function list(value: unknown, field: string, max: number): Input[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > max) {
    throw invalid(field, `${field} must be a list of 1 to ${max} lines`);
  }
  return value.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw invalid(`${field}[${i}]`, `${field}[${i}] must be an object`);
    }
    return item as Input;
  });
}

function closed(input: Input, allowed: readonly string[], prefix: string) {
  const extra = Object.keys(input).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw invalid(`${prefix}.${extra}`, `unknown field ${prefix}.${extra}`);
}

export function parseStockLines(value: unknown): StockLine[] {
  const seen = new Set<string>();
  return list(value, 'lines', MAX_REPORT_LINES).map((raw, i) => {
    const at = `lines[${i}]`;
    closed(raw, ['sku', 'onHand', 'sold', 'onOrder', 'returned'], at);
    const s = sku(raw.sku, `${at}.sku`);
    if (seen.has(s)) throw invalid(`${at}.sku`, `${s} appears twice; one line per SKU`);
    seen.add(s);
    return {
      sku: s,
      onHand: quantity(raw.onHand, `${at}.onHand`),
      sold: quantity(raw.sold, `${at}.sold`),
      onOrder: quantity(raw.onOrder ?? '0', `${at}.onOrder`),
      ...(raw.returned !== undefined && { returned: quantity(raw.returned, `${at}.returned`) }),
    };
  });
}

/** The period is whole days, both ends included. */
export function checkPeriod(periodStart: string, periodEnd: string): string | null {
  if (periodEnd < periodStart) return 'periodEnd must not be before periodStart';
  if (periodDays(periodStart, periodEnd) > MAX_PERIOD_DAYS) {
    return `a period covers at most ${MAX_PERIOD_DAYS} days`;
  }
  return null;
}

export function parseReport(
  input: Input,
): { supplier: unknown; reportId?: string } & Omit<ReportFields, 'reportId'> {
  const supplier = required(input.supplier, 'supplier');
  const reportId = text(input, 'reportId', 200);
  const location = required(text(input, 'location', 200), 'location');
  const periodStart = calendarDate(required(input.periodStart, 'periodStart'), 'periodStart');
  const periodEnd = calendarDate(required(input.periodEnd, 'periodEnd'), 'periodEnd');
  const problem = checkPeriod(periodStart, periodEnd);
  if (problem) throw invalid('periodEnd', problem);
  const lines = parseStockLines(required(input.lines, 'lines'));
  const note = text(input, 'note', 500, false) ?? null;
  return {
    supplier,
    ...(reportId !== undefined && { reportId }),
    location,
    periodStart,
    periodEnd,
    lines,
    note,
  };
}

export interface SettingInput {
  partner: unknown;
  sku: string;
  location: string;
  policy: ReplenishmentPolicy;
  min: string | null;
  max: string | null;
  days: number | null;
  leadTimeDays: number;
  packSize: string | null;
}

export function parseSetting(input: Input): SettingInput {
  const partner = required(input.partner, 'partner');
  const s = sku(required(input.sku, 'sku'), 'sku');
  const location =
    input.location === undefined ? '' : required(text(input, 'location', 200), 'location');
  const policy = input.policy;
  if (typeof policy !== 'string' || !POLICIES.includes(policy as ReplenishmentPolicy)) {
    throw invalid('policy', `policy must be one of ${POLICIES.join(', ')}`);
  }
  let min: string | null = null;
  let max: string | null = null;
  let days: number | null = null;
  if (policy === 'min_max') {
    min = quantity(required(input.min, 'min'), 'min');
    max = quantity(required(input.max, 'max'), 'max', true);
    if (new Decimal(max).lt(min)) throw invalid('max', 'max must not be below min');
    if (input.days !== undefined) throw invalid('days', 'days goes with days_of_cover only');
  } else {
    days = required(integer(input, 'days', 1, MAX_COVER_DAYS), 'days');
    for (const f of ['min', 'max'] as const) {
      if (input[f] !== undefined) throw invalid(f, `${f} goes with min_max only`);
    }
  }
  const leadTimeDays = integer(input, 'leadTimeDays', 0, MAX_LEAD_TIME_DAYS) ?? 0;
  const packSize =
    input.packSize === undefined || input.packSize === null
      ? null
      : quantity(input.packSize, 'packSize', true);
  return {
    partner,
    sku: s,
    location,
    policy: policy as ReplenishmentPolicy,
    min,
    max,
    days,
    leadTimeDays,
    packSize,
  };
}

export function parseSend(input: Input): { partner: unknown; location: string; validDays: number } {
  return {
    partner: required(input.partner, 'partner'),
    location: required(text(input, 'location', 200), 'location'),
    validDays: integer(input, 'validDays', VALID_DAYS.min, VALID_DAYS.max) ?? VALID_DAYS.fallback,
  };
}

export interface DecisionInput {
  status: DecisionStatus;
  /** With modified: the quantities to order instead (a SKU left out, or "0", is not ordered). */
  lines?: OrderedLine[];
  reason?: string;
}

export function parseDecision(input: Input): DecisionInput {
  const status = input.status;
  if (typeof status !== 'string' || !DECISION_STATUSES.includes(status as DecisionStatus)) {
    throw invalid('status', `status must be one of ${DECISION_STATUSES.join(', ')}`);
  }
  const out: DecisionInput = { status: status as DecisionStatus };
  const reason = text(input, 'reason', 500, false);
  if (reason !== undefined) out.reason = reason;
  if (status === 'modified') {
    const seen = new Set<string>();
    out.lines = list(required(input.lines, 'lines'), 'lines', MAX_PROPOSAL_LINES).map((raw, i) => {
      const at = `lines[${i}]`;
      closed(raw, ['sku', 'qty'], at);
      const s = sku(raw.sku, `${at}.sku`);
      if (seen.has(s)) throw invalid(`${at}.sku`, `${s} appears twice; one line per SKU`);
      seen.add(s);
      return { sku: s, qty: quantity(raw.qty, `${at}.qty`) };
    });
  } else if (input.lines !== undefined) {
    throw invalid('lines', 'lines go with a modified decision only');
  }
  return out;
}

export interface AutoAcceptInput {
  supplier: unknown;
  enabled: boolean;
  maxLines: number | null;
  maxLineQty: string | null;
  maxTotalQty: string | null;
}

export function parseAutoAccept(input: Input): AutoAcceptInput {
  const supplier = required(input.supplier, 'supplier');
  const enabled = input.enabled ?? true;
  if (typeof enabled !== 'boolean') throw invalid('enabled', 'enabled must be true or false');
  const optionalQty = (field: string) =>
    input[field] === undefined || input[field] === null
      ? null
      : quantity(input[field], field, true);
  return {
    supplier,
    enabled,
    maxLines: integer(input, 'maxLines', 1, MAX_PROPOSAL_LINES) ?? null,
    maxLineQty: optionalQty('maxLineQty'),
    maxTotalQty: optionalQty('maxTotalQty'),
  };
}

export const PARTNER_SETTINGS_FIELDS = ['partner', 'autoPropose', 'validDays'] as const;

export function parsePartnerSettings(input: Input): {
  partner: unknown;
  autoPropose?: boolean;
  validDays?: number;
} {
  const partner = required(input.partner, 'partner');
  if (input.autoPropose !== undefined && typeof input.autoPropose !== 'boolean') {
    throw invalid('autoPropose', 'autoPropose must be true or false');
  }
  const validDays = integer(input, 'validDays', VALID_DAYS.min, VALID_DAYS.max);
  return {
    partner,
    ...(input.autoPropose !== undefined && { autoPropose: input.autoPropose as boolean }),
    ...(validDays !== undefined && { validDays }),
  };
}
