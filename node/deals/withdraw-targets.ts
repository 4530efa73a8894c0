/**
 * record.withdraw with recordKind `deal`, received by the vendor: the registering partner
 * withdraws its registration (it lost the deal). We keep the record, marked withdrawn.
 * The vendor marks its copy withdrawn, which frees the customer for other partners' registrations.
 *
 * Only the registering partner withdraws. The vendor does not own the registration, so a
 * record.withdraw about a deal from the vendor is `forbidden` (the partner finds no registration
 * received from it under that id); the vendor ends a registration through deal.decision instead.
 */
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { OK } from '../handlers/handler.ts';
import type { WithdrawTarget } from '../records/record-withdraw-handler.ts';

const WITHDRAW_KIND = 'record.withdraw';

export const dealWithdrawTarget: WithdrawTarget = {
  async authorize({ partner }, tx, request) {
    const deal = await tx.deals.find('vendor', partner.id, request.recordId);
    return deal ? OK : NOT_SHARED;
  },
  async apply({ message, jws, partner, now }, tx, request) {
    const deal = await tx.deals.find('vendor', partner.id, request.recordId);
    if (!deal) return NOT_SHARED;
    // Withdrawn already: a repeat changes nothing.
    if (deal.status === 'withdrawn') return OK;
    await tx.deals.withdraw(deal.id, { reason: request.reason, at: now });
    await tx.deals.addMessage({
      dealRowId: deal.id,
      direction: 'in',
      kind: WITHDRAW_KIND,
      messageId: message.id,
      version: null,
      jws,
      at: now,
    });
    return OK;
  },
};
