/**
 * lead.offer (partner side): a partner offers us one of its leads, or sends a newer version of
 * it. The copy is keyed by the sender and the sender's lead id, so a node can only ever offer
 * or change its own leads. A version not newer than the one held changes nothing, and a newer
 * one updates the owner's fields without reopening a copy we declined or the owner recalled.
 */
import { OK, type MessageHandler } from '../handlers/handler.ts';
import type { LeadCore } from '../store/lead-store.ts';
import { leadTx } from './handler-context.ts';
import { emptyProgress } from './offer-flow.ts';

interface OfferBody {
  lead: LeadCore;
  exclusive: boolean;
  offerExpiresAt: string;
  version: number;
}

export const leadOfferHandler: MessageHandler = {
  kind: 'lead.offer',
  async authorize() {
    return OK;
  },
  async apply(ctx, tx) {
    const body = ctx.message.body as OfferBody;
    const { now } = leadTx(ctx, tx);
    const held = await tx.leads.getReceived(ctx.partner.id, body.lead.id);
    if (!held) {
      await tx.leads.insertReceived({
        ...body.lead,
        ownerPartnerId: ctx.partner.id,
        version: body.version,
        exclusive: body.exclusive,
        offerExpiresAt: new Date(body.offerExpiresAt),
        offerMessageId: ctx.message.id,
        status: 'offered',
        recallReason: null,
        declineReason: null,
        declineComment: null,
        progress: emptyProgress(),
        receivedAt: now,
        updatedAt: now,
        acceptedAt: null,
        closedAt: null,
      });
      return OK;
    }
    if (body.version <= held.version) return OK;
    await tx.leads.updateReceived(held.seq, {
      core: body.lead,
      version: body.version,
      exclusive: body.exclusive,
      offerExpiresAt: new Date(body.offerExpiresAt),
      updatedAt: now,
    });
    return OK;
  },
};
