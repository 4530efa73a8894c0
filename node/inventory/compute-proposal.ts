/**
 * The replenishment computation, pure: from a partner's stock reports for one location and the
 * supplier's settings per SKU, what to propose and why. Every quantity is a decimal string and
 * every step is exact decimal arithmetic; only the final quantity is rounded, up, to whole units
 * or to the pack size, so that a proposal never leaves the partner short by a fraction.
 *
 * Sales rate: the latest report and the older ones that do not overlap it (nor each other) and
 * lie within `salesWindowDays` of the latest period's end; per SKU, the units sold minus those
 * returned, over the days of the reports that list the SKU. Position: on hand plus on order in
 * the latest report that lists the SKU.
 */
import { Decimal } from '../records/decimal-string.ts';
import type {
  InventoryReport,
  InventorySetting,
  ReplenishmentPolicy,
  StockLine,
} from '../store/inventory-store.ts';

export const DEFAULT_SALES_WINDOW_DAYS = 28;
const DAY_MS = 86_400_000;

type D = InstanceType<typeof Decimal>;

/** How one SKU's quantity came about: the structured twin of the line's `reason`. */
export interface LineExplanation {
  sku: string;
  /** The proposed quantity, rounded; "0" when nothing is needed. */
  qty: string;
  policy: ReplenishmentPolicy;
  /** Units sold (net of returns) per day, to 4 decimals. */
  soldPerDay: string;
  /** Net units sold and the days they were sold over. */
  sold: string;
  salesDays: number;
  /** reportIds the sales rate was taken from. */
  salesReports: string[];
  onHand: string;
  onOrder: string;
  /** onHand + onOrder, from the report named in positionReport. */
  position: string;
  positionReport: string;
  /** Days the position lasts at soldPerDay, to 1 decimal; null without sales. */
  coverDaysNow: string | null;
  leadTimeDays: number;
  /** min_max: min and max; days_of_cover: the days to cover after the lead time. */
  min: string | null;
  max: string | null;
  coverDays: number | null;
  /** The stock the policy aims for, and the quantity before rounding. */
  target: string;
  unrounded: string;
  packSize: string | null;
  reason: string;
}

export interface ProposalComputation {
  /** Reports the computation read (latest first). */
  basedOn: string[];
  /** SKUs with something to order. */
  lines: LineExplanation[];
  /** SKUs evaluated with nothing to order. */
  sufficient: LineExplanation[];
  /** SKUs with a setting that no report used lists. */
  unreported: string[];
}

export function periodDays(periodStart: string, periodEnd: string): number {
  return (
    Math.round(
      (Date.parse(`${periodEnd}T00:00:00Z`) - Date.parse(`${periodStart}T00:00:00Z`)) / DAY_MS,
    ) + 1
  );
}

/**
 * The reports whose sales count: the latest (by period end), then, going back, each one that
 * ends before the previous one taken starts and starts within the window.
 */
export function salesReports(
  reports: readonly InventoryReport[],
  salesWindowDays: number,
): InventoryReport[] {
  const sorted = [...reports].sort(
    (a, b) => b.periodEnd.localeCompare(a.periodEnd) || b.periodStart.localeCompare(a.periodStart),
  );
  const latest = sorted[0];
  if (!latest) return [];
  const windowStart = Date.parse(`${latest.periodEnd}T00:00:00Z`) - (salesWindowDays - 1) * DAY_MS;
  const taken = [latest];
  for (const report of sorted.slice(1)) {
    const previous = taken.at(-1)!;
    if (report.periodEnd >= previous.periodStart) continue;
    if (Date.parse(`${report.periodStart}T00:00:00Z`) < windowStart) break;
    taken.push(report);
  }
  return taken;
}

/** Rounds up to whole units, or to a multiple of the pack size. */
export function roundUp(qty: D, packSize: string | null): D {
  if (qty.lte(0)) return new Decimal(0);
  if (packSize === null) return qty.ceil();
  const pack = new Decimal(packSize);
  return qty.div(pack).ceil().times(pack);
}

const fmt = (d: D, places: number): string => d.toDecimalPlaces(places).toFixed();

export function computeProposal(input: {
  reports: readonly InventoryReport[];
  settings: readonly InventorySetting[];
  location: string;
  salesWindowDays?: number;
}): ProposalComputation {
  const used = salesReports(input.reports, input.salesWindowDays ?? DEFAULT_SALES_WINDOW_DAYS);
  const skus = [
    ...new Set(
      input.settings
        .filter((s) => s.location === input.location || s.location === '')
        .map((s) => s.sku),
    ),
  ].sort();
  const out: ProposalComputation = {
    basedOn: used.map((r) => r.reportId),
    lines: [],
    sufficient: [],
    unreported: [],
  };
  // Indexed once: a report and a settings list each hold up to thousands of SKUs. A SKU's
  // setting is the location's own, else the one for every location.
  const linesOf = used.map((report) => ({
    report,
    bySku: new Map(report.lines.map((l) => [l.sku, l])),
  }));
  const settingOf = new Map<string, InventorySetting>();
  for (const s of input.settings) {
    if (s.location === input.location) settingOf.set(s.sku, s);
    else if (s.location === '' && !settingOf.has(s.sku)) settingOf.set(s.sku, s);
  }
  for (const sku of skus) {
    const setting = settingOf.get(sku)!;
    const withSku = linesOf
      .map(({ report, bySku }) => ({ report, line: bySku.get(sku) }))
      .filter((x): x is { report: InventoryReport; line: StockLine } => x.line !== undefined);
    const latest = withSku[0];
    if (!latest) {
      out.unreported.push(sku);
      continue;
    }
    const line = explainLine(setting, latest, withSku);
    (new Decimal(line.qty).gt(0) ? out.lines : out.sufficient).push(line);
  }
  return out;
}

function explainLine(
  setting: InventorySetting,
  latest: { report: InventoryReport; line: StockLine },
  withSku: ReadonlyArray<{ report: InventoryReport; line: StockLine }>,
): LineExplanation {
  const salesDays = withSku.reduce(
    (days, { report }) => days + periodDays(report.periodStart, report.periodEnd),
    0,
  );
  const sold = withSku.reduce((sum, { line }) => {
    const net = new Decimal(line.sold).minus(line.returned ?? '0');
    return sum.plus(net.gt(0) ? net : 0);
  }, new Decimal(0));
  const perDay = sold.div(salesDays);
  const onHand = new Decimal(latest.line.onHand);
  const onOrder = new Decimal(latest.line.onOrder);
  const position = onHand.plus(onOrder);
  const lead = setting.leadTimeDays;

  let target: D;
  let unrounded: D;
  let rule: string;
  if (setting.policy === 'min_max') {
    const min = new Decimal(setting.min!);
    const max = new Decimal(setting.max!);
    target = max;
    unrounded = position.lt(min) ? max.minus(position) : new Decimal(0);
    rule = position.lt(min)
      ? `below min ${min.toFixed()}: order up to max ${max.toFixed()}`
      : `not below min ${min.toFixed()}: nothing to order`;
  } else {
    const days = setting.days!;
    // sold × days ÷ salesDays, multiplied before dividing so the target is exact when it can be.
    target = sold.times(days + lead).div(salesDays);
    const gap = target.minus(position);
    unrounded = gap.gt(0) ? gap : new Decimal(0);
    rule = `cover ${days} days + lead time ${lead} days: target ${fmt(target, 2)}`;
  }
  const qty = roundUp(unrounded, setting.packSize);
  const coverNow = perDay.gt(0) ? fmt(position.div(perDay), 1) : null;
  const reports = withSku.length === 1 ? '1 report' : `${withSku.length} reports`;
  const reason = [
    `sold ${fmt(perDay, 2)}/day over ${salesDays} days (${reports})`,
    `${position.toFixed()} on hand and on order (${onHand.toFixed()} + ${onOrder.toFixed()})` +
      (coverNow === null ? ', no sales' : ` = ${coverNow} days of cover`),
    `lead time ${lead} days`,
    rule,
    qty.gt(0)
      ? `order ${qty.toFixed()}${setting.packSize === null ? '' : ` (packs of ${setting.packSize})`}`
      : 'no order',
  ]
    .join('; ')
    .slice(0, 500);
  return {
    sku: setting.sku,
    qty: qty.toFixed(),
    policy: setting.policy,
    soldPerDay: fmt(perDay, 4),
    sold: sold.toFixed(),
    salesDays,
    salesReports: withSku.map(({ report }) => report.reportId),
    onHand: onHand.toFixed(),
    onOrder: onOrder.toFixed(),
    position: position.toFixed(),
    positionReport: latest.report.reportId,
    coverDaysNow: coverNow,
    leadTimeDays: lead,
    min: setting.min,
    max: setting.max,
    coverDays: setting.days,
    target: fmt(target, 4),
    unrounded: fmt(unrounded, 4),
    packSize: setting.packSize,
    reason,
  };
}
