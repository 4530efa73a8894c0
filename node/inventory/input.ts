/**
 * Reads what an operator gives (admin API JSON, CLI flags and CSV gathered into the same shape,
 * the portal's forms): stock reports, replenishment settings, proposals to send, decisions and
 * auto-accept rules. The shape through the schemas of inventory-schemas.ts, then what a shape
 * cannot say (the period, a SKU given twice, what goes with which policy or decision). Each
 * failure is a 400 `invalid_field` naming the field (`lines[3].sold`), raised before anything is
 * written. Stricter than the wire schemas where an operator benefits.
 */
import { badRequest } from '../errors.ts';
import { dateField } from '../input/input-atoms.ts';
import { parseInput } from '../input/parse-input.ts';
import { Decimal } from '../records/decimal-string.ts';
import type {
  DecisionStatus,
  OrderedLine,
  ReplenishmentPolicy,
  ReportFields,
  StockLine,
} from '../store/inventory-store.ts';
import { periodDays } from './compute-proposal.ts';
import {
  AutoAcceptInput as AutoAcceptSchema,
  InventoryPartnerSettingsInput,
  InventoryReportSubmission,
  InventorySettingInput,
  MAX_PERIOD_DAYS,
  ProposalDecisionRequest,
  ProposalSendRequest,
  skuField,
  StockLinesInput,
  trimmedText,
  VALID_DAYS,
} from './inventory-schemas.ts';

export {
  DECISION_STATUSES,
  MAX_COVER_DAYS,
  MAX_LEAD_TIME_DAYS,
  MAX_PERIOD_DAYS,
  MAX_PROPOSAL_LINES,
  MAX_REPORT_LINES,
  POLICIES,
  VALID_DAYS,
} from './inventory-schemas.ts';

type Input = Record<string, unknown>;

const invalid = (field: string, message: string) => badRequest('invalid_field', message, field);

/** One text field of a form, trimmed, by the same rule as in the whole input. */
export function text(input: Input, field: string, max: number, singleLine = true) {
  const value = input[field];
  return value === undefined ? undefined : parseInput(trimmedText(max, singleLine), value, field);
}

export function sku(value: unknown, field: string): string {
  return parseInput(skuField(), value, field);
}

export function calendarDate(value: unknown, field: string): string {
  return parseInput(dateField(), value, field);
}

/** One line per SKU. */
function once<T extends { sku: string }>(lines: T[]): T[] {
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (seen.has(line.sku)) {
      throw invalid(`lines[${i}].sku`, `${line.sku} appears twice; one line per SKU`);
    }
    seen.add(line.sku);
  });
  return lines;
}

export function parseStockLines(value: unknown): StockLine[] {
  return once(
    parseInput(StockLinesInput, value, 'lines').map((l) => ({
      sku: l.sku,
      onHand: l.onHand,
      sold: l.sold,
      onOrder: l.onOrder ?? '0',
      ...(l.returned !== undefined && { returned: l.returned }),
    })),
  );
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
  raw: unknown,
): { supplier: unknown; reportId?: string } & Omit<ReportFields, 'reportId'> {
  const input = parseInput(InventoryReportSubmission, raw);
  const problem = checkPeriod(input.periodStart, input.periodEnd);
  if (problem) throw invalid('periodEnd', problem);
  return {
    supplier: input.supplier,
    ...(input.reportId !== undefined && { reportId: input.reportId }),
    location: input.location,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    lines: parseStockLines(input.lines),
    note: input.note ?? null,
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

export function parseSetting(raw: unknown): SettingInput {
  const input = parseInput(InventorySettingInput, raw);
  let min: string | null = null;
  let max: string | null = null;
  let days: number | null = null;
  if (input.policy === 'min_max') {
    if (input.min === undefined) throw invalid('min', 'min is required');
    if (input.max === undefined) throw invalid('max', 'max is required');
    min = input.min;
    max = input.max;
    if (new Decimal(max).isZero()) throw invalid('max', 'max must be more than 0');
    if (new Decimal(max).lt(min)) throw invalid('max', 'max must not be below min');
    if (input.days != null) throw invalid('days', 'days goes with days_of_cover only');
  } else {
    if (input.days == null) throw invalid('days', 'days is required');
    days = input.days;
    for (const f of ['min', 'max'] as const) {
      if (input[f] !== undefined) throw invalid(f, `${f} goes with min_max only`);
    }
  }
  return {
    partner: input.partner,
    sku: input.sku,
    location: input.location ?? '',
    policy: input.policy,
    min,
    max,
    days,
    leadTimeDays: input.leadTimeDays ?? 0,
    packSize: input.packSize ?? null,
  };
}

export function parseSend(raw: unknown): { partner: unknown; location: string; validDays: number } {
  const input = parseInput(ProposalSendRequest, raw);
  return {
    partner: input.partner,
    location: input.location,
    validDays: input.validDays ?? VALID_DAYS.fallback,
  };
}

export interface DecisionInput {
  status: DecisionStatus;
  /** With modified: the quantities to order instead (a SKU left out, or "0", is not ordered). */
  lines?: OrderedLine[];
  reason?: string;
}

export function parseDecision(raw: unknown): DecisionInput {
  const input = parseInput(ProposalDecisionRequest, raw);
  const out: DecisionInput = { status: input.status };
  if (input.reason !== undefined) out.reason = input.reason;
  if (input.status === 'modified') {
    if (input.lines === undefined) throw invalid('lines', 'lines is required');
    out.lines = once(input.lines.map((l) => ({ sku: l.sku, qty: l.qty })));
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

export function parseAutoAccept(raw: unknown): AutoAcceptInput {
  const input = parseInput(AutoAcceptSchema, raw);
  return {
    supplier: input.supplier,
    enabled: input.enabled ?? true,
    maxLines: input.maxLines ?? null,
    maxLineQty: input.maxLineQty ?? null,
    maxTotalQty: input.maxTotalQty ?? null,
  };
}

export function parsePartnerSettings(raw: unknown): {
  partner: unknown;
  autoPropose?: boolean;
  validDays?: number;
} {
  const input = parseInput(InventoryPartnerSettingsInput, raw);
  return {
    partner: input.partner,
    ...(input.autoPropose !== undefined && { autoPropose: input.autoPropose }),
    ...(input.validDays != null && { validDays: input.validDays }),
  };
}
