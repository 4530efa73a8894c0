/**
 * Why a replenishment line proposes its quantity, in a reader's language, from the computation
 * the supplier's node keeps (compute-proposal.ts). The proposal's `reason` on the wire is the
 * sender's English words; a page of the supplier's own node (the portal, the console) can say
 * the same in the viewer's language because it holds the figures behind them.
 */
import type { Translator } from '../i18n/index.ts';
import type { LineExplanation } from './compute-proposal.ts';

/** The figures a line's explanation needs; the stored details may come from an older version. */
function isExplanation(value: unknown): value is LineExplanation {
  const l = value as Partial<LineExplanation> | null;
  return (
    typeof l === 'object' &&
    l !== null &&
    typeof l.sku === 'string' &&
    typeof l.soldPerDay === 'string' &&
    typeof l.salesDays === 'number' &&
    Array.isArray(l.salesReports) &&
    typeof l.position === 'string' &&
    typeof l.leadTimeDays === 'number' &&
    (l.policy === 'min_max' || l.policy === 'days_of_cover')
  );
}

export function explainLine(tr: Translator, l: LineExplanation): string {
  const { t, decimal } = tr;
  const ordering = Number(l.qty) > 0;
  const rule =
    l.policy === 'min_max'
      ? t(ordering ? 'inventory.reason.belowMin' : 'inventory.reason.notBelowMin', {
          min: decimal(l.min),
          max: decimal(l.max),
        })
      : t('inventory.reason.cover', {
          days: l.coverDays ?? 0,
          lead: l.leadTimeDays,
          target: decimal(l.target),
        });
  return [
    t('inventory.reason.sold', {
      perDay: decimal(l.soldPerDay),
      days: l.salesDays,
      reports: l.salesReports.length,
    }),
    t('inventory.reason.position', {
      position: decimal(l.position),
      onHand: decimal(l.onHand),
      onOrder: decimal(l.onOrder),
      hasCover: l.coverDaysNow === null ? 'no' : 'yes',
      cover: decimal(l.coverDaysNow),
    }),
    t('inventory.reason.leadTime', { days: l.leadTimeDays }),
    rule,
    ordering
      ? t('inventory.reason.order', {
          qty: decimal(l.qty),
          hasPack: l.packSize === null ? 'no' : 'yes',
          pack: decimal(l.packSize),
        })
      : t('inventory.reason.noOrder'),
  ].join(t('inventory.reason.separator'));
}

/**
 * A proposal line's reason for a reader: in their language from the stored computation when the
 * node holds it (its own proposals), else the words the sender gave.
 */
export function reasonFor(
  tr: Translator,
  details: unknown,
  line: { sku: string; reason: string },
): string {
  const lines = (details as { lines?: unknown } | null)?.lines;
  const found = Array.isArray(lines)
    ? lines.find((l) => isExplanation(l) && l.sku === line.sku)
    : undefined;
  return found ? explainLine(tr, found as LineExplanation) : line.reason;
}
