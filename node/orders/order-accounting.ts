/**
 * An order against the seller's accounting data (catalog/accounting-check.ts): when the seller
 * pushed currencies, the order's currency must be one of them. The buyer's node refuses before
 * sending (400 `unknown_code`, field `currency`); the seller answers such an order `RE` with
 * `reasonCode` `unknown_code`.
 */
import {
  firstUnknownCode,
  type AccountingCodes,
  type UnknownCode,
} from '../catalog/accounting-check.ts';

export function unknownOrderCode(
  codes: AccountingCodes | null,
  order: { currency: string },
): UnknownCode | null {
  if (!codes?.has('currency')) return null;
  return firstUnknownCode(codes, [{ field: 'currency', type: 'currency', code: order.currency }]);
}
