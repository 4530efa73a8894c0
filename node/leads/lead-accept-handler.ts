/**
 * lead.accept (owner side): the partner an offer went to takes the lead. Accepting twice changes
 * nothing; accepting after a decline, recall or expiry is `conflict`.
 */
import { OK, type MessageHandler } from '../handlers/handler.ts';
import { NOT_SHARED, conflict } from '../domain-kernel/outcomes.ts';
import { answeredInTime, answeredOffer, leadTx } from './handler-context.ts';
import { acceptOffer } from './offer-flow.ts';

export const leadAcceptHandler: MessageHandler = {
  kind: 'lead.accept',
  async authorize(ctx, tx) {
    return (await answeredOffer(ctx, tx)) ? OK : NOT_SHARED;
  },
  async apply(ctx, tx) {
    const found = await answeredOffer(ctx, tx);
    if (!found) return NOT_SHARED;
    const { offer } = found;
    if (offer.status === 'accepted') return OK;
    if (offer.status !== 'open') return conflict(`the offer is ${offer.status}`);
    if (!answeredInTime(ctx, offer)) return conflict('the offer had expired');
    await acceptOffer(leadTx(ctx, tx), offer, {
      actorNodeId: ctx.partner.nodeId,
      messageId: ctx.message.id,
    });
    return OK;
  },
};
