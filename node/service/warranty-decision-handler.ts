/**
 * warranty.decision: the vendor we filed a claim with decides on it. Only that vendor may; a
 * decision on a claim we withdrew is `conflict`, and so is an amount above what the decided
 * version claimed.
 */
import type { HandlerContext, HandlerOutcome, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { StoreTx } from '../store/store.ts';
import { checkApprovedAmount, statusAfterDecision } from './claim-rules.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import type { WarrantyDecisionBody } from './wire.ts';

async function judge({ message, partner }: HandlerContext, tx: StoreTx): Promise<HandlerOutcome> {
  const body = message.body as WarrantyDecisionBody;
  const claim = await tx.service.findClaim(partner.id, body.claimId);
  if (!claim || claim.owner !== 'self') return NOT_SHARED;
  if (claim.withdrawnAt !== null) return conflict('the claim was withdrawn');
  if (body.version <= claim.decisionVersion) return OK;
  if (body.claimVersion > claim.version) return conflict('no such claim version was filed');
  // The amount is judged against what the decided version claimed, which we recorded when filing.
  const filed = (await tx.service.claimEvents(claim.id)).find(
    (e) => e.type === 'filed' && e.version === body.claimVersion,
  );
  const claimed = filed?.amount ?? claim.claimedAmount;
  const amount = checkApprovedAmount(body.status, body.approvedAmount, claimed);
  return amount.ok ? OK : conflict(amount.problem);
}

export const warrantyDecisionHandler: MessageHandler = {
  kind: 'warranty.decision',
  authorize: judge,

  async apply(ctx, tx) {
    const judged = await judge(ctx, tx);
    if (!judged.ok) return judged;
    const { message, partner, now } = ctx;
    const body = message.body as WarrantyDecisionBody;
    const claim = await tx.service.findClaim(partner.id, body.claimId);
    if (!claim || body.version <= claim.decisionVersion) return OK;
    await tx.service.updateClaim(
      claim.id,
      {
        status: statusAfterDecision(claim, body),
        decisionVersion: body.version,
        decidedVersion: body.claimVersion,
        approvedAmount: body.approvedAmount ?? null,
        decisionReason: body.reason ?? null,
        decidedAt: new Date(message.sentAt),
      },
      now,
    );
    await tx.service.addClaimEvent({
      claimRowId: claim.id,
      type: 'decision',
      side: 'partner',
      byNodeId: partner.nodeId,
      at: new Date(message.sentAt),
      messageId: message.id,
      version: body.version,
      status: body.status,
      amount: body.approvedAmount ?? null,
      reason: body.reason ?? null,
    });
    return OK;
  },
};
