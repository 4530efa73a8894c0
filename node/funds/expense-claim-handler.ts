/**
 * expense.claim, received by the vendor: a partner files a claim against an allocation we made to
 * it. The rules are checked again here, against our own balances (the partner's view may be
 * stale): a claim that breaks one is recorded and answered at once with expense.decision
 * rejected and the rule's reasonCode, so both sides see why. The same claim id again changes
 * nothing; with other content it is `conflict`.
 */
import { getDefaultSchemaRegistry, newMessageId } from '../../protocol/index.ts';
import type { HandlerContext, HandlerOutcome, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { StoreTx } from '../store/store.ts';
import { claimsAgainst } from './claim-ops.ts';
import { pushedAccountingTo } from '../catalog/accounting-check.ts';
import { unknownClaimCode } from './claim-accounting.ts';
import { checkClaim } from './claim-rules.ts';
import { assertValidBody, enqueueTo } from '../domain-kernel/send-to-partner.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import {
  CLAIM_KIND,
  claimFieldsOf,
  DECISION_KIND,
  decisionBody,
  sameClaim,
  type ExpenseClaimBody,
} from './wire.ts';

async function judge(
  { message, partner, limits }: HandlerContext,
  tx: StoreTx,
): Promise<HandlerOutcome> {
  const body = message.body as ExpenseClaimBody;
  const allocation = await tx.funds.findAllocation(partner.id, body.claim.allocationId);
  // Only an allocation we made to this sender can be claimed against.
  if (!allocation || allocation.owner !== 'self') return NOT_SHARED;
  const held = await tx.funds.findClaim(partner.id, body.claim.id);
  if (held) {
    if (held.owner !== 'partner') return NOT_SHARED;
    if (!sameClaim(held, claimFieldsOf(body))) {
      return conflict('a claim with this id was filed with other content');
    }
  }
  // Only digests travel, but the files they name are what the vendor is asked to keep and check.
  const proofBytes = body.claim.proof.reduce((sum, p) => sum + (p.size ?? 0), 0);
  if (proofBytes > limits.maxProofBytesPerClaim) {
    return conflict(
      `proof_too_large: the proof files of a claim may total at most ${limits.maxProofBytesPerClaim} bytes`,
    );
  }
  return OK;
}

export const expenseClaimHandler: MessageHandler = {
  kind: CLAIM_KIND,
  authorize: judge,

  async apply(ctx, tx) {
    const judged = await judge(ctx, tx);
    if (!judged.ok) return judged;
    const { message, partner, now } = ctx;
    const body = message.body as ExpenseClaimBody;
    if (await tx.funds.findClaim(partner.id, body.claim.id)) return OK;
    const allocation = (await tx.funds.findAllocation(partner.id, body.claim.allocationId))!;
    const fields = claimFieldsOf(body);
    // Filed when we received it: the sender's sentAt could be backdated (within the replay
    // window) to get a claim in after the deadline.
    const filedAt = now;
    let check = checkClaim(allocation, await claimsAgainst(tx, allocation), fields, filedAt);
    if (check.ok) {
      // Our accounting data pushed to this partner says which codes its claims must use.
      const unknown = await unknownClaimCode(await pushedAccountingTo(tx, partner.id), fields);
      if (unknown) {
        check = { ok: false, code: 'unknown_code', field: unknown.field, detail: unknown.detail };
      }
    }
    if (check.ok) {
      await tx.funds.insertClaim({
        claimId: body.claim.id,
        partnerId: partner.id,
        owner: 'partner',
        fields,
        filedAt,
        at: now,
      });
      return OK;
    }
    const decision = {
      status: 'rejected' as const,
      decisionVersion: 1,
      approvedAmount: null,
      paidAmount: null,
      paymentReference: null,
      reason: check.detail.slice(0, 500),
      reasonCode: check.code,
      decidedAt: now,
      paidAt: null,
    };
    await tx.funds.insertClaim({
      claimId: body.claim.id,
      partnerId: partner.id,
      owner: 'partner',
      fields,
      filedAt,
      decision,
      at: now,
    });
    const answer = decisionBody(body.claim.id, decision);
    assertValidBody(getDefaultSchemaRegistry(), DECISION_KIND, answer);
    await enqueueTo(
      tx,
      partner,
      { messageId: newMessageId(), kind: DECISION_KIND, body: answer, ref: message.id },
      now,
    );
    return OK;
  },
};
