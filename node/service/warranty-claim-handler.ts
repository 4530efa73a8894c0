/**
 * warranty.claim: a partner files a claim with us (we are the vendor), or amends its claim with a
 * new version while it is submitted or awaiting more information. A linked request must be one the
 * two parties share; the currency must be one of the accounting data we pushed it, if any.
 */
import type { HandlerContext, HandlerOutcome, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { StoreTx } from '../store/store.ts';
import { unknownWarrantyDetail } from './claim-accounting.ts';
import { mayAmend } from './claim-rules.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { claimFieldsOf, type WarrantyClaimBody } from './wire.ts';

async function judge({ message, partner }: HandlerContext, tx: StoreTx): Promise<HandlerOutcome> {
  const body = message.body as WarrantyClaimBody;
  const held = await tx.service.findClaim(partner.id, body.claim.id);
  if (held) {
    if (held.owner !== 'partner') return NOT_SHARED;
    // A late or repeated version changes nothing, whatever the claim's state.
    if (body.version <= held.version) return OK;
    if (held.withdrawnAt !== null) return conflict('the claim was withdrawn');
    if (!mayAmend(held.status)) return conflict(`the claim was decided (${held.status})`);
  }
  const requestId = body.claim.requestId;
  if (requestId !== undefined && !(await tx.service.findRequest(partner.id, requestId))) {
    return NOT_SHARED;
  }
  const unknown = await unknownWarrantyDetail(tx, partner.id, body.claim);
  if (unknown) return conflict(unknown);
  return OK;
}

export const warrantyClaimHandler: MessageHandler = {
  kind: 'warranty.claim',
  authorize: judge,

  async apply(ctx, tx) {
    const judged = await judge(ctx, tx);
    if (!judged.ok) return judged;
    const { message, partner, now } = ctx;
    const body = message.body as WarrantyClaimBody;
    const fields = claimFieldsOf(body);
    const held = await tx.service.findClaim(partner.id, body.claim.id);
    if (held && body.version <= held.version) return OK;
    const claim = held
      ? held
      : await tx.service.insertClaim({
          claimId: body.claim.id,
          partnerId: partner.id,
          owner: 'partner',
          fields,
          version: body.version,
          at: now,
        });
    if (held) {
      await tx.service.updateClaim(
        held.id,
        { ...fields, version: body.version, status: 'submitted' },
        now,
      );
    }
    await tx.service.addClaimEvent({
      claimRowId: claim.id,
      type: 'filed',
      side: 'partner',
      byNodeId: partner.nodeId,
      at: new Date(message.sentAt),
      messageId: message.id,
      version: body.version,
      status: 'submitted',
      amount: fields.claimedAmount,
      reason: null,
    });
    return OK;
  },
};
