/**
 * expense.decision: the vendor we filed a claim with decides on it. Only that vendor may; a
 * newer decision must move the claim forward (approved, partial or rejected, then paid) with
 * amounts that fit it, or it is `conflict`; a version not newer than the one held changes
 * nothing, so late and repeated decisions leave the state they find.
 */
import type { HandlerContext, HandlerOutcome, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { StoreTx } from '../store/store.ts';
import { checkIncomingDecision } from './decision-rules.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { DECISION_KIND, type ExpenseDecisionBody } from './wire.ts';

async function judge({ message, partner }: HandlerContext, tx: StoreTx): Promise<HandlerOutcome> {
  const body = message.body as ExpenseDecisionBody;
  const claim = await tx.funds.findClaim(partner.id, body.claimId);
  if (!claim || claim.owner !== 'self') return NOT_SHARED;
  if (body.version <= claim.decisionVersion) return OK;
  const check = checkIncomingDecision(claim, body);
  return check.ok ? OK : conflict(check.detail);
}

export const expenseDecisionHandler: MessageHandler = {
  kind: DECISION_KIND,
  authorize: judge,

  async apply(ctx, tx) {
    const judged = await judge(ctx, tx);
    if (!judged.ok) return judged;
    const { message, partner, now } = ctx;
    const body = message.body as ExpenseDecisionBody;
    const claim = (await tx.funds.findClaim(partner.id, body.claimId))!;
    if (body.version <= claim.decisionVersion) return OK;
    const at = new Date(message.sentAt);
    const paid = body.status === 'paid';
    await tx.funds.updateClaim(
      claim.id,
      {
        status: body.status,
        decisionVersion: body.version,
        approvedAmount: body.approvedAmount ?? null,
        paidAmount: body.paidAmount ?? null,
        paymentReference: body.paymentReference ?? null,
        reason: body.reason ?? null,
        reasonCode: body.reasonCode ?? null,
        ...(paid ? { paidAt: at } : { decidedAt: at }),
      },
      now,
    );
    return OK;
  },
};
