/**
 * record.withdraw for an allocation: the vendor that made it stops it; we mark our copy withdrawn
 * and file no more claims against it (claims already filed are still decided and paid).
 */
import { OK } from '../handlers/handler.ts';
import type { WithdrawTarget, WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { ALLOCATION_RECORD_KIND } from './wire.ts';

const allocationTarget: WithdrawTarget = {
  async authorize({ partner }, tx, { recordId }) {
    const allocation = await tx.funds.findAllocation(partner.id, recordId);
    return allocation?.owner === 'partner' ? OK : NOT_SHARED;
  },
  async apply({ partner, message, now }, tx, { recordId, reason }) {
    const allocation = await tx.funds.findAllocation(partner.id, recordId);
    if (allocation?.owner !== 'partner') return NOT_SHARED;
    if (allocation.withdrawnAt !== null) return OK;
    await tx.funds.updateAllocation(
      allocation.id,
      { withdrawnAt: new Date(message.sentAt), withdrawnReason: reason },
      now,
    );
    return OK;
  },
};

export const WITHDRAW_TARGETS: WithdrawTargets = { [ALLOCATION_RECORD_KIND]: allocationTarget };
