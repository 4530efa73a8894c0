/** What the leads handlers share: their unit-of-work context and the offer an answer is for. */
import { getDefaultSchemaRegistry } from '../../protocol/index.ts';
import type { HandlerContext } from '../handlers/handler.ts';
import type { LeadOffer, OwnedLead } from '../store/lead-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { LeadTx } from './lead-tx.ts';

export function leadTx(ctx: HandlerContext, tx: StoreTx): LeadTx {
  return { tx, now: ctx.now, self: ctx.self, schemas: getDefaultSchemaRegistry() };
}

/**
 * The owned lead and the sender's latest offer of it, for an answer (accept, decline,
 * progress): only the partner a lead was offered to may answer for it.
 */
export async function answeredOffer(
  ctx: HandlerContext,
  tx: StoreTx,
): Promise<{ lead: OwnedLead; offer: LeadOffer } | null> {
  const { leadId } = ctx.message.body as { leadId: string };
  const lead = await tx.leads.getLead(leadId);
  if (!lead) return null;
  const offer = await tx.leads.latestOffer(leadId, ctx.partner.id);
  return offer ? { lead, offer } : null;
}

/**
 * Whether the partner answered in time: by when we received the answer, not by its sentAt, which
 * the sender could backdate (within the replay window) to take an offer that had expired.
 */
export function answeredInTime(ctx: HandlerContext, offer: LeadOffer): boolean {
  return ctx.now.getTime() <= offer.expiresAt.getTime();
}
