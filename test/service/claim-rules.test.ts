import { describe, expect, it } from 'vitest';
import {
  checkApprovedAmount,
  isFinal,
  mayAmend,
  statusAfterDecision,
} from '../../node/service/claim-rules.ts';

describe('service/claim-rules', () => {
  it('approved and partial carry an amount of at most the claim, compared as decimals', () => {
    expect(checkApprovedAmount('partial', '310.00', '420.00')).toEqual({ ok: true });
    expect(checkApprovedAmount('approved', '420', '420.00')).toEqual({ ok: true });
    expect(checkApprovedAmount('approved', '0', '420.00')).toEqual({ ok: true });
    // 0.1 + 0.2 is not 0.3 in floating point; it is here.
    expect(checkApprovedAmount('partial', '0.3', '0.30')).toEqual({ ok: true });
    expect(checkApprovedAmount('partial', '420.000001', '420')).toMatchObject({ ok: false });
    expect(
      checkApprovedAmount('partial', '99999999999999999999.01', '99999999999999999999'),
    ).toMatchObject({ ok: false });
    expect(checkApprovedAmount('approved', undefined, '1')).toMatchObject({ ok: false });
  });

  it('rejected and more_info carry no amount', () => {
    expect(checkApprovedAmount('rejected', undefined, '1')).toEqual({ ok: true });
    expect(checkApprovedAmount('more_info', '1', '1')).toMatchObject({ ok: false });
  });

  it('approved, partial and rejected are final; the claimant amends the others', () => {
    expect(['approved', 'partial', 'rejected'].every((s) => isFinal(s as never))).toBe(true);
    expect(mayAmend('submitted')).toBe(true);
    expect(mayAmend('more_info')).toBe(true);
    expect(mayAmend('partial')).toBe(false);
  });

  it('ignores a request for more information about a version already replaced', () => {
    const amended = { version: 2, status: 'submitted' as const };
    expect(statusAfterDecision(amended, { status: 'more_info', claimVersion: 1 })).toBe(
      'submitted',
    );
    expect(statusAfterDecision(amended, { status: 'more_info', claimVersion: 2 })).toBe(
      'more_info',
    );
    // A final decision stands: the vendor refuses the amendment that crossed it.
    expect(statusAfterDecision(amended, { status: 'approved', claimVersion: 1 })).toBe('approved');
  });
});
