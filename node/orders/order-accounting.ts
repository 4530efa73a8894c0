/**
 * An order against the seller's accounting data (catalog/accounting-check.ts): when the seller
 * pushed currencies, the order's currency must be one of them; a line's `uom` and `taxCategory`,
 * when given, must be units and tax categories of that data. The buyer's node refuses before
 * sending (400 `unknown_code`, field `currency` or `lines[i].uom`); the seller answers such an
 * order `RE` with `reasonCode` `unknown_code`.
 */
import {
  firstUnknownCode,
  type AccountingCodes,
  type CodeUse,
  type UnknownCode,
} from '../catalog/accounting-check.ts';

export function unknownOrderCode(
  codes: AccountingCodes | null,
  order: {
    currency: string;
    paymentTerms?: string | null;
    lines: ReadonlyArray<{ uom?: string | undefined; taxCategory?: string | undefined }>;
  },
): UnknownCode | null {
  if (!codes) return null;
  const uses: CodeUse[] = [];
  if (codes.has('currency'))
    uses.push({ field: 'currency', type: 'currency', code: order.currency });
  if (order.paymentTerms != null) {
    uses.push({ field: 'paymentTerms', type: 'payment_terms', code: order.paymentTerms });
  }
  order.lines.forEach((line, i) => {
    if (line.uom !== undefined)
      uses.push({ field: `lines[${i}].uom`, type: 'uom', code: line.uom });
    if (line.taxCategory !== undefined) {
      uses.push({ field: `lines[${i}].taxCategory`, type: 'tax_category', code: line.taxCategory });
    }
  });
  return firstUnknownCode(codes, uses);
}
