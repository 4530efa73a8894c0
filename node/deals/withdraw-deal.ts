/**
 * The registering partner withdraws its registration: record.withdraw goes to the vendor, and our
 * copy is marked withdrawn. Any status but withdrawn may be withdrawn: after a rejection or an
 * expiry it still tells the vendor the registration is off. Both sides keep their records (the
 * signed messages are the proof of who registered what), so nothing promises erasure.
 */
import { newMessageId } from '../../protocol/index.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import type { Deal } from '../store/deal-store.ts';
import { DEAL_RECORD_KIND } from './deal-bodies.ts';
import { assertReachable, ownDeal, type DealDeps } from './register-deal.ts';

const WITHDRAW_KIND = 'record.withdraw';
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
    assertReachable(vendor);
    const body = { recordKind: DEAL_RECORD_KIND, recordId: deal.dealId, reason };
    const valid = deps.schemas.validateBody(WITHDRAW_KIND, body);
    if (!valid.ok) throw badRequest('invalid_field', valid.detail, 'reason');
    const messageId = newMessageId();
    await tx.outbox.enqueue(
      [{ messageId, partnerId: vendor.id, toNodeId: vendor.nodeId, kind: WITHDRAW_KIND, body }],
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
