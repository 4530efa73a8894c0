/**
 * record.withdraw with recordKind `lead` (partner side): the owner stops sharing a lead; our
 * copy is marked withdrawn and can no longer be answered or progressed.
 */
import { OK } from '../handlers/handler.ts';
import type { WithdrawTarget } from '../records/record-withdraw-handler.ts';
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';

export const leadWithdrawTarget: WithdrawTarget = {
  async authorize(ctx, tx, request) {
    return (await tx.leads.getReceived(ctx.partner.id, request.recordId)) ? OK : NOT_SHARED;
  },
  async apply(ctx, tx, request) {
    const held = await tx.leads.getReceived(ctx.partner.id, request.recordId);
    if (!held) return NOT_SHARED;
    if (held.status === 'withdrawn') return OK;
    await tx.leads.updateReceived(held.seq, {
      status: 'withdrawn',
      closedAt: ctx.now,
      updatedAt: ctx.now,
    });
    return OK;
  },
};
