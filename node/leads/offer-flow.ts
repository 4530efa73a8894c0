/**
 * The owner's steps on offers, each inside the caller's unit of work: offer a lead to a partner,
 * accept, recall or expire an offer, and hand a routed lead to its next candidate. Admin
 * actions, inbound handlers and the expiry job share them, so the timeline and the messages
 * sent are the same whoever triggers a step.
 */
import type { LeadOffer, OwnedLead, RecallReason } from '../store/lead-store.ts';
import type { Partner } from '../store/types.ts';
import { isLive, takenBy } from './lead-status.ts';
import { addEvent, coreOf, enqueueLeadMessage, wireTime, type LeadTx } from './lead-tx.ts';
import { nextCandidate } from './routing.ts';

export const DEFAULT_OFFER_HOURS = 72;
export const MAX_OFFER_HOURS = 24 * 90;
const HOUR_MS = 3_600_000;

/** Kinds a partner must be allowed to send for an offer to make sense: it has to answer. */
export const LEAD_ANSWER_KIND = 'lead.accept';

export type OfferRefusal =
  | 'lead_closed'
  | 'partner_removed'
  | 'cannot_answer'
  | 'already_offered'
  | 'partner_declined'
  | 'offered_before'
  | 'lead_taken';

export const OFFER_REFUSALS: Record<OfferRefusal, string> = {
  lead_closed: 'the lead was withdrawn',
  partner_removed: 'the partner was removed',
  cannot_answer: 'the partner may not send lead.accept, so it could not answer',
  already_offered: 'the partner already holds an open or accepted offer of this lead',
  partner_declined: 'the partner declined this lead; it is never offered it again',
  offered_before: 'the partner had an offer of this lead before',
  lead_taken: 'an exclusive offer of this lead was accepted',
};

/** Why `partner` may not be offered `lead` now, or null when it may. */
export function offerRefusal(
  lead: Pick<OwnedLead, 'withdrawnAt'>,
  offers: readonly LeadOffer[],
  partner: Pick<Partner, 'id' | 'status' | 'allowedKinds'>,
): OfferRefusal | null {
  if (lead.withdrawnAt) return 'lead_closed';
  if (partner.status === 'removed') return 'partner_removed';
  if (!partner.allowedKinds.includes(LEAD_ANSWER_KIND)) return 'cannot_answer';
  const own = offers.filter((o) => o.partnerId === partner.id);
  if (own.some(isLive)) return 'already_offered';
  if (own.some((o) => o.status === 'declined')) return 'partner_declined';
  // One offer per partner and lead: a partner whose offer ran out or was recalled had its turn,
  // and its copy stays closed (a lead.offer never reopens a recalled copy).
  if (own.length > 0) return 'offered_before';
  if (takenBy(offers)) return 'lead_taken';
  return null;
}

export function offerExpiry(now: Date, hours: number | null | undefined): Date {
  return new Date(now.getTime() + (hours ?? DEFAULT_OFFER_HOURS) * HOUR_MS);
}

/** Sends `lead.offer` and records the open offer; the caller checked `offerRefusal`. */
export async function offerToPartner(
  c: LeadTx,
  lead: OwnedLead,
  partner: Pick<Partner, 'id' | 'nodeId'>,
  terms: { exclusive: boolean; expiresAt: Date; routed?: boolean },
): Promise<LeadOffer> {
  const messageId = await enqueueLeadMessage(c, partner, 'lead.offer', {
    lead: coreOf(lead),
    exclusive: terms.exclusive,
    offerExpiresAt: wireTime(terms.expiresAt),
    version: lead.version,
  });
  const offer = await c.tx.leads.insertOffer({
    leadId: lead.id,
    partnerId: partner.id,
    exclusive: terms.exclusive,
    status: 'open',
    offeredAt: c.now,
    expiresAt: terms.expiresAt,
    offerMessageId: messageId,
    acceptedAt: null,
    declinedAt: null,
    declineReason: null,
    declineComment: null,
    closedAt: null,
    recallReason: null,
    progress: emptyProgress(),
    progressAt: null,
  });
  await addEvent(c, lead.id, {
    type: 'offered',
    partnerId: partner.id,
    messageId,
    detail: {
      exclusive: terms.exclusive,
      offerExpiresAt: wireTime(terms.expiresAt),
      version: lead.version,
      ...(terms.routed && { routed: true }),
    },
  });
  return offer;
}

export const emptyProgress = () => ({
  stage: null,
  amount: null,
  amountCurrency: null,
  note: null,
  lastActivityAt: null,
  version: 0,
});

/** Ends a live offer and tells its partner (`lead.recall`). */
export async function recallOffer(
  c: LeadTx,
  offer: LeadOffer,
  reason: RecallReason,
): Promise<string | null> {
  const partner = await c.tx.partners.getById(offer.partnerId);
  await c.tx.leads.updateOffer(offer.seq, {
    status: reason === 'expired' ? 'expired' : 'recalled',
    recallReason: reason,
    closedAt: c.now,
  });
  // A removed partner gets no more messages; its offer still ends here.
  const messageId =
    partner && partner.status !== 'removed'
      ? await enqueueLeadMessage(
          c,
          partner,
          'lead.recall',
          { leadId: offer.leadId, reason },
          offer.offerMessageId,
        )
      : null;
  await addEvent(c, offer.leadId, {
    type: reason === 'expired' ? 'expired' : 'recalled',
    partnerId: offer.partnerId,
    messageId,
    detail: { reason },
  });
  return messageId;
}

/**
 * Records a partner's acceptance; an exclusive one recalls every other open offer of the lead
 * (`reassigned`). `actorNodeId` and `messageId` name the partner's signed message.
 */
export async function acceptOffer(
  c: LeadTx,
  offer: LeadOffer,
  by: { actorNodeId: string; messageId: string },
): Promise<void> {
  await c.tx.leads.updateOffer(offer.seq, { status: 'accepted', acceptedAt: c.now });
  await addEvent(c, offer.leadId, {
    type: 'accepted',
    partnerId: offer.partnerId,
    actorNodeId: by.actorNodeId,
    messageId: by.messageId,
    detail: { exclusive: offer.exclusive },
  });
  if (!offer.exclusive) return;
  for (const other of await c.tx.leads.listOffers(offer.leadId)) {
    if (other.seq !== offer.seq && other.status === 'open') {
      await recallOffer(c, other, 'reassigned');
    }
  }
}

/**
 * A routed lead with no live offer left goes to its next candidate, exclusively. Candidates
 * that were removed or may no longer answer leads are passed over.
 */
export async function advanceRouting(c: LeadTx, leadId: string): Promise<LeadOffer | null> {
  const lead = await c.tx.leads.getLead(leadId);
  if (!lead || lead.withdrawnAt || !lead.routing) return null;
  const offers = await c.tx.leads.listOffers(leadId);
  if (offers.some(isLive) || takenBy(offers)) return null;
  const skip = new Set<number>();
  for (;;) {
    const next = nextCandidate(lead.routing, offers, skip);
    if (next === null) {
      await addEvent(c, leadId, {
        type: 'routed',
        detail: { ruleId: lead.routing.ruleId, exhausted: true },
      });
      return null;
    }
    const partner = await c.tx.partners.getById(next);
    if (partner && partner.status === 'active' && offerRefusal(lead, offers, partner) === null) {
      return offerToPartner(c, lead, partner, {
        exclusive: true,
        expiresAt: offerExpiry(c.now, lead.offerHours),
        routed: true,
      });
    }
    skip.add(next);
  }
}
