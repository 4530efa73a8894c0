/**
 * The partner's rule to accept a supplier's proposals on receipt, within caps: at most so many
 * lines, so many units in one line, so many units in all. Pure: whether a proposal falls within
 * the rule, and if not, why (kept on the proposal, which then waits for a person).
 */
import { Decimal } from '../records/decimal-string.ts';
import type { AutoAcceptRule, ProposalLine } from '../store/inventory-store.ts';

export type AutoAcceptVerdict = { accept: true } | { accept: false; why: string };

export function autoAcceptVerdict(
  rule: AutoAcceptRule | null,
  lines: readonly ProposalLine[],
): AutoAcceptVerdict {
  if (!rule || !rule.enabled)
    return { accept: false, why: 'no auto-accept rule for this supplier' };
  if (rule.maxLines !== null && lines.length > rule.maxLines) {
    return { accept: false, why: `${lines.length} lines, more than the ${rule.maxLines} allowed` };
  }
  if (rule.maxLineQty !== null) {
    const big = lines.find((l) => new Decimal(l.qty).gt(rule.maxLineQty!));
    if (big) {
      return {
        accept: false,
        why: `${big.sku}: ${big.qty} units, more than the ${rule.maxLineQty} allowed per line`,
      };
    }
  }
  if (rule.maxTotalQty !== null) {
    const total = lines.reduce((sum, l) => sum.plus(l.qty), new Decimal(0));
    if (total.gt(rule.maxTotalQty)) {
      return {
        accept: false,
        why: `${total.toFixed()} units in all, more than the ${rule.maxTotalQty} allowed`,
      };
    }
  }
  return { accept: true };
}
