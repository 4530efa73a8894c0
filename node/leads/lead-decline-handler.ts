/**
 * lead.decline (owner side): the partner an offer went to turns it down. It is never offered
 * that lead again, and a routed lead moves on to its next candidate.
 */
import { OK, type MessageHandler } from '../handlers/handler.ts';
import type { DeclineReason } from '../store/lead-store.ts';
import { NOT_SHARED, conflict } from '../domain-kernel/outcomes.ts';
import { answeredOffer, leadTx } from './handler-context.ts';
import { addEvent } from './lead-tx.ts';
import { advanceRouting } from './offer-flow.ts';

interface DeclineBody {
  leadId: string;
  reasonCode: DeclineReason;
  comment?: string;
}

export const leadDeclineHandler: MessageHandler = {
  kind: 'lead.decline',
  async authorize(ctx, tx) {
    return (await answeredOffer(ctx, tx)) ? OK : NOT_SHARED;
  },
  async apply(ctx, tx) {
    const found = await answeredOffer(ctx, tx);
    if (!found) return NOT_SHARED;
    const { offer } = found;
    if (offer.status === 'declined') return OK;
    // An accepted lead is closed with progress `lost`, not declined.
    if (offer.status !== 'open') return conflict(`the offer is ${offer.status}`);
    const body = ctx.message.body as DeclineBody;
    const c = leadTx(ctx, tx);
    await tx.leads.updateOffer(offer.seq, {
      status: 'declined',
      declinedAt: c.now,
      declineReason: body.reasonCode,
      declineComment: body.comment ?? null,
      closedAt: c.now,
    });
    await addEvent(c, offer.leadId, {
      type: 'declined',
      partnerId: offer.partnerId,
      actorNodeId: ctx.partner.nodeId,
      messageId: ctx.message.id,
      detail: { reasonCode: body.reasonCode, ...(body.comment && { comment: body.comment }) },
    });
    await advanceRouting(c, offer.leadId);
    return OK;
  },
};
