/**
 * lead.progress (owner side): the partner working a lead reports on it, with its own progress
 * version: a version not newer than the stored one changes nothing, so late or repeated reports
 * are harmless. Progress on a still-open offer means the partner took it: it counts as the
 * acceptance, so an acceptance delivered after its first progress leaves the same state.
 */
import { OK, type MessageHandler } from '../handlers/handler.ts';
import type { LeadStage } from '../store/lead-store.ts';
import { NOT_SHARED, conflict } from '../domain-kernel/outcomes.ts';
import { answeredInTime, answeredOffer, leadTx } from './handler-context.ts';
import { addEvent } from './lead-tx.ts';
import { acceptOffer } from './offer-flow.ts';

interface ProgressBody {
  leadId: string;
  stage: LeadStage;
  amount?: string;
  currency?: string;
  note?: string;
  lastActivityAt: string;
  version: number;
}

export const leadProgressHandler: MessageHandler = {
  kind: 'lead.progress',
  async authorize(ctx, tx) {
    return (await answeredOffer(ctx, tx)) ? OK : NOT_SHARED;
  },
  async apply(ctx, tx) {
    const found = await answeredOffer(ctx, tx);
    if (!found) return NOT_SHARED;
    const { lead, offer } = found;
    const body = ctx.message.body as ProgressBody;
    if (body.version <= offer.progress.version) return OK;
    const c = leadTx(ctx, tx);
    const by = { actorNodeId: ctx.partner.nodeId, messageId: ctx.message.id };
    if (offer.status === 'open') {
      if (!answeredInTime(ctx, offer)) return conflict('the offer had expired');
      await acceptOffer(c, offer, by);
    } else if (offer.status !== 'accepted') {
      return conflict(`the offer is ${offer.status}`);
    }
    const progress = {
      stage: body.stage,
      amount: body.amount ?? null,
      amountCurrency: body.amount === undefined ? null : (body.currency ?? lead.currency ?? null),
      note: body.note ?? null,
      lastActivityAt: new Date(body.lastActivityAt),
      version: body.version,
    };
    await tx.leads.updateOffer(offer.seq, { progress, progressAt: c.now });
    await addEvent(c, lead.id, {
      type: 'progress',
      partnerId: offer.partnerId,
      ...by,
      detail: {
        stage: body.stage,
        version: body.version,
        ...(progress.amount !== null && {
          amount: progress.amount,
          currency: progress.amountCurrency,
        }),
      },
    });
    return OK;
  },
};
