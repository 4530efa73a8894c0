/**
 * The registering partner withdraws its registration: record.withdraw goes to the vendor, and our
 * copy is marked withdrawn. Any status but withdrawn may be withdrawn: after a rejection or an
 * expiry it still tells the vendor the registration is off. Both sides keep their records (the
 * signed messages are the proof of who registered what), so nothing promises erasure.
 */
import { sendWithdraw, WITHDRAW_KIND } from '../domain-kernel/send-withdraw.ts';
import { conflict, notFound } from '../errors.ts';
import type { Deal } from '../store/deal-store.ts';
import { DEAL_RECORD_KIND } from './deal-bodies.ts';
import { ownDeal, type DealDeps } from './register-deal.ts';

export const DEFAULT_WITHDRAW_REASON = 'withdrawn by the registering partner';

export async function withdrawDeal(deps: DealDeps, id: number, reason: string): Promise<Deal> {
  const now = deps.clock.now();
  const deal = await deps.store.transact(async (tx) => {
    const deal = await ownDeal(tx, id);
    if (deal.status === 'withdrawn') {
      throw conflict('deal_closed', `deal ${id} is withdrawn already`);
    }
    const vendor = await tx.partners.getById(deal.partnerId);
    if (!vendor) throw notFound(`partner ${deal.partnerId}`);
    const messageId = await sendWithdraw(
      tx,
      deps.schemas,
      vendor,
      { recordKind: DEAL_RECORD_KIND, recordId: deal.dealId, reason },
      now,
    );
    await tx.deals.withdraw(deal.id, { reason, at: now });
    await tx.deals.addMessage({
      dealRowId: deal.id,
      direction: 'out',
      kind: WITHDRAW_KIND,
      messageId,
      version: null,
      jws: null,
      at: now,
    });
    return { ...deal, status: 'withdrawn' as const, withdrawnAt: now, withdrawnReason: reason };
  });
  deps.notifyOutbox();
  return deal;
}
