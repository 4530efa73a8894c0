/**
 * lead.recall (partner side): the owner takes its offer back (expired, reassigned, withdrawn).
 * Our copy is marked recalled and can no longer be progressed. Only the owner can recall: the
 * copy is looked up under the sender, so a recall from anyone else finds nothing (`forbidden`).
 */
import { OK, type MessageHandler } from '../handlers/handler.ts';
import type { RecallReason } from '../store/lead-store.ts';
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { leadTx } from './handler-context.ts';

interface RecallBody {
  leadId: string;
  reason: RecallReason;
}

export const leadRecallHandler: MessageHandler = {
  kind: 'lead.recall',
  async authorize(ctx, tx) {
    const { leadId } = ctx.message.body as RecallBody;
    return (await tx.leads.getReceived(ctx.partner.id, leadId)) ? OK : NOT_SHARED;
  },
  async apply(ctx, tx) {
    const body = ctx.message.body as RecallBody;
    const held = await tx.leads.getReceived(ctx.partner.id, body.leadId);
    if (!held) return NOT_SHARED;
    // Already closed (declined by us, recalled or withdrawn before): nothing changes.
    if (held.status !== 'offered' && held.status !== 'accepted') return OK;
    const { now } = leadTx(ctx, tx);
    await tx.leads.updateReceived(held.seq, {
      status: 'recalled',
      recallReason: body.reason,
      closedAt: now,
      updatedAt: now,
    });
    return OK;
  },
};
