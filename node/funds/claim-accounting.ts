/**
 * An expense claim against the vendor's accounting data (catalog/accounting-check.ts): its
 * currency must be one of the vendor's currencies, and when the vendor's data has account codes,
 * every line must name one of them. The partner's node checks before sending, the vendor on
 * arrival, with the same result (`unknown_code`).
 */
import {
  firstUnknownCode,
  type AccountingCodes,
  type CodeUse,
  type UnknownCode,
} from '../catalog/accounting-check.ts';
import type { ClaimFields } from '../store/fund-store.ts';

export async function unknownClaimCode(
  codes: AccountingCodes | null,
  claim: Pick<ClaimFields, 'currency' | 'lines'>,
): Promise<UnknownCode | null> {
  if (!codes) return null;
  const uses: CodeUse[] = [];
  if (codes.has('currency'))
    uses.push({ field: 'currency', type: 'currency', code: claim.currency });
  if (codes.has('account')) {
    claim.lines.forEach((line, i) =>
      uses.push({
        field: `lines[${i}].accountCode`,
        type: 'account',
        code: line.accountCode ?? '',
      }),
    );
  }
  const unknown = firstUnknownCode(codes, uses);
  if (unknown?.code === '') {
    return {
      ...unknown,
      detail: `${unknown.field} is required: the vendor's accounting data has account codes`,
    };
  }
  return unknown;
}
