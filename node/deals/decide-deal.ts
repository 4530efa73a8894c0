/**
 * The vendor decides a registration it received: approve (with a protection window), reject,
 * return for more information, or declare a conflict the node could not see (a direct deal).
 * Only registrations still pending are decided; the decision goes to the partner, signed.
 */
import { badRequest, conflict, notFound } from '../errors.ts';
import type { Deal, DealDecision } from '../store/deal-store.ts';
import { protectionEnd, readDealSettings } from './deal-settings.ts';
import { isPending, PENDING_STATUSES } from './deal-status.ts';
import { assertCanSend } from '../domain-kernel/send-to-partner.ts';
import type { DealDeps } from './register-deal.ts';
import { sendDecision } from './send-decision.ts';

export interface DecisionInput {
  status: DealDecision['status'];
  /** With approved: the end of the protection window (else the default window from now). */
  protectedUntil?: Date;
  /** With approved: the window's length in days, instead of the setting protectionDays. */
  protectionDays?: number;
  reason?: string;
}

export async function decideDeal(deps: DealDeps, id: number, input: DecisionInput): Promise<Deal> {
  const now = deps.clock.now();
  const deal = await deps.store.transact(async (tx) => {
    const deal = await tx.deals.get(id);
    if (!deal) throw notFound(`deal ${id}`);
    if (deal.role !== 'vendor') {
      throw conflict(
        'deal_wrong_role',
        `deal ${id} is one we registered; only the vendor it was registered with decides it`,
      );
    }
    if (!isPending(deal.status)) {
      throw conflict(
        'deal_closed',
        `deal ${id} is ${deal.status}; only ${PENDING_STATUSES.join(' or ')} registrations are decided`,
      );
    }
    const partner = await tx.partners.getById(deal.partnerId);
    if (!partner) throw notFound(`partner ${deal.partnerId}`);
    assertCanSend(partner);

    let protectedUntil: Date | null = null;
    if (input.status === 'approved') {
      const days = input.protectionDays ?? (await readDealSettings(tx)).protectionDays;
      protectedUntil = input.protectedUntil ?? protectionEnd(now, days);
      if (protectedUntil.getTime() <= now.getTime()) {
        throw badRequest('invalid_field', 'protectedUntil must be in the future', 'protectedUntil');
      }
    }
    const decision: DealDecision = {
      status: input.status,
      decisionVersion: deal.decisionVersion + 1,
      decidedVersion: deal.version,
      reason: input.reason ?? null,
      protectedUntil,
      at: now,
    };
    await sendDecision(tx, { deal, partner, decision, schemas: deps.schemas });
    return {
      ...deal,
      status: decision.status,
      decisionVersion: decision.decisionVersion,
      decidedVersion: decision.decidedVersion,
      decidedAt: now,
      decisionReason: decision.reason,
      protectedUntil,
      updatedAt: now,
    };
  });
  deps.notifyOutbox();
  return deal;
}
