/**
 * fund.allocation: a vendor allocates funds to us, or amends an allocation it made with a higher
 * version. Only the vendor that made an allocation changes it; the currency never changes (the
 * claims against it are in that currency); a withdrawn allocation is not revived.
 */
import type { HandlerContext, HandlerOutcome, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { StoreTx } from '../store/store.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { ALLOCATION_KIND, allocationFieldsOf, type FundAllocationBody } from './wire.ts';

async function judge({ message, partner }: HandlerContext, tx: StoreTx): Promise<HandlerOutcome> {
  const body = message.body as FundAllocationBody;
  const held = await tx.funds.findAllocation(partner.id, body.allocation.id);
  if (!held) return OK;
  // The same id for an allocation we made to the sender: the sender does not own it.
  if (held.owner !== 'partner') return NOT_SHARED;
  if (body.version <= held.version) return OK;
  if (held.withdrawnAt !== null) return conflict('the allocation was withdrawn');
  if (body.allocation.currency !== held.currency) {
    return conflict(`the allocation is in ${held.currency}; its currency does not change`);
  }
  return OK;
}

export const fundAllocationHandler: MessageHandler = {
  kind: ALLOCATION_KIND,
  authorize: judge,

  async apply(ctx, tx) {
    const judged = await judge(ctx, tx);
    if (!judged.ok) return judged;
    const { message, partner, now } = ctx;
    const body = message.body as FundAllocationBody;
    const fields = allocationFieldsOf(body);
    const held = await tx.funds.findAllocation(partner.id, body.allocation.id);
    if (!held) {
      await tx.funds.insertAllocation({
        allocationId: body.allocation.id,
        partnerId: partner.id,
        owner: 'partner',
        fields,
        version: body.version,
        at: now,
      });
    } else if (body.version > held.version) {
      await tx.funds.updateAllocation(held.id, { ...fields, version: body.version }, now);
    }
    return OK;
  },
};
