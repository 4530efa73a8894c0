/**
 * A warranty claim against the vendor's accounting data (catalog/accounting-check.ts): when the
 * vendor's data has currencies, the claimed amount's currency must be one of them. The partner's
 * node refuses before sending (400 `unknown_code`, field `currency`) against the copy it holds;
 * the vendor refuses such a claim on arrival against what it pushed to the partner (`conflict`,
 * a detail beginning `unknown_code`), so the claim never enters its queue in a currency it does
 * not settle in. PROTOCOL.md 10.4 and 10.5.
 */
import {
  firstUnknownCode,
  heldAccountingOf,
  pushedAccountingTo,
  type AccountingCodes,
  type UnknownCode,
} from '../catalog/accounting-check.ts';
import { badRequest } from '../errors.ts';
import type { StoreTx } from '../store/store.ts';

export function unknownWarrantyCode(
  codes: AccountingCodes | null,
  claim: { currency: string },
): UnknownCode | null {
  if (!codes?.has('currency')) return null;
  return firstUnknownCode(codes, [{ field: 'currency', type: 'currency', code: claim.currency }]);
}

/** Sender side: refuses a claim the vendor's data (the copy we hold) would not take. */
export async function assertWarrantyCodes(
  tx: StoreTx,
  vendorId: number,
  claim: { currency: string },
): Promise<void> {
  const unknown = unknownWarrantyCode(await heldAccountingOf(tx, vendorId), claim);
  if (unknown) throw badRequest('unknown_code', unknown.detail, unknown.field);
}

/** Recipient side: the refusal's detail for a claim our data (pushed to `partnerId`) lacks. */
export async function unknownWarrantyDetail(
  tx: StoreTx,
  partnerId: number,
  claim: { currency: string },
): Promise<string | null> {
  const unknown = unknownWarrantyCode(await pushedAccountingTo(tx, partnerId), claim);
  return unknown ? `unknown_code: ${unknown.detail}` : null;
}
