/**
 * What the lead's owner does, for the admin API and the CLI alike: create, change, offer, route,
 * recall and withdraw leads. Each action is one unit of work with the messages it sends.
 */
import type { NodeDeps } from '../deps.ts';
import { sendWithdraw } from '../domain-kernel/send-withdraw.ts';
import { conflict } from '../errors.ts';
import type { LeadOffer, OwnedLead, RecallReason } from '../store/lead-store.ts';
import type { Partner } from '../store/types.ts';
import { leadNotFound, refusalError } from './lead-errors.ts';
import { coreChanged, parseLeadUpdate, type CreateLeadInput } from './lead-input.ts';
import { isLive } from './lead-status.ts';
import { addEvent, coreOf, enqueueLeadMessage, wireTime, type LeadTx } from './lead-tx.ts';
import { offerRefusal, offerToPartner, recallOffer } from './offer-flow.ts';
import { routeLeadInTx } from './route-lead.ts';

export type LeadDeps = Pick<NodeDeps, 'store' | 'clock' | 'nodeId' | 'schemas' | 'notifyOutbox'>;

/** Runs `fn` as one unit of work and wakes the outbox after it committed. */
export async function inLeadTx<T>(deps: LeadDeps, fn: (c: LeadTx) => Promise<T>): Promise<T> {
  const now = deps.clock.now();
  const result = await deps.store.transact((tx) =>
    fn({ tx, now, self: deps.nodeId, schemas: deps.schemas }),
  );
  deps.notifyOutbox();
  return result;
}

async function ownedLead(c: LeadTx, id: string): Promise<OwnedLead> {
  const lead = await c.tx.leads.getLead(id);
  if (!lead) throw leadNotFound(id);
  return lead;
}

function openForChanges(lead: OwnedLead): void {
  if (lead.withdrawnAt) throw conflict('lead_closed', `lead ${lead.id} was withdrawn`);
}

export async function createLead(deps: LeadDeps, input: CreateLeadInput): Promise<string> {
  return inLeadTx(deps, async (c) => {
    if (await c.tx.leads.getLead(input.core.id)) {
      throw conflict('lead_exists', `a lead ${input.core.id} exists already`);
    }
    const lead: OwnedLead = {
      ...input.core,
      version: 1,
      routing: null,
      offerHours: input.offerHours,
      createdAt: c.now,
      updatedAt: c.now,
      withdrawnAt: null,
      withdrawReason: null,
    };
    await c.tx.leads.insertLead(lead);
    await addEvent(c, lead.id, { type: 'created', detail: { version: 1 } });
    if (input.route) await routeLeadInTx(c, lead);
    return lead.id;
  });
}

/**
 * Changes the owner's fields: the version advances and every partner holding a live offer gets
 * the new version in a `lead.offer` (with its offer's terms unchanged).
 */
export async function updateLead(
  deps: LeadDeps,
  id: string,
  input: Record<string, unknown>,
): Promise<void> {
  await inLeadTx(deps, async (c) => {
    const lead = await ownedLead(c, id);
    openForChanges(lead);
    const core = parseLeadUpdate(deps.schemas, coreOf(lead), input);
    if (!coreChanged(coreOf(lead), core)) return;
    const version = lead.version + 1;
    await c.tx.leads.updateLead(id, { core, version, at: c.now });
    const messageIds: string[] = [];
    for (const offer of (await c.tx.leads.listOffers(id)).filter(isLive)) {
      const partner = await c.tx.partners.getById(offer.partnerId);
      if (!partner || partner.status === 'removed') continue;
      messageIds.push(
        await enqueueLeadMessage(c, partner, 'lead.offer', {
          lead: core,
          exclusive: offer.exclusive,
          offerExpiresAt: wireTime(offer.expiresAt),
          version,
        }),
      );
    }
    await addEvent(c, id, {
      type: 'updated',
      messageId: messageIds.length === 1 ? messageIds[0]! : null,
      detail: { version, ...(messageIds.length > 1 && { messageIds }) },
    });
  });
}

export interface OfferTerms {
  partners: Partner[];
  exclusive: boolean;
  expiresAt: Date;
}

/** Offers the lead to each partner named; all or none (one refusal refuses the request). */
export async function offerLead(deps: LeadDeps, id: string, terms: OfferTerms): Promise<void> {
  await inLeadTx(deps, async (c) => {
    const lead = await ownedLead(c, id);
    const offers = await c.tx.leads.listOffers(id);
    for (const partner of terms.partners) {
      const refusal = offerRefusal(lead, offers, partner);
      if (refusal) throw refusalError(refusal, `partner ${partner.id} ${partner.name}`);
    }
    for (const partner of terms.partners) {
      await offerToPartner(c, lead, partner, terms);
    }
  });
}

/** Lets the routing rules pick the candidates and offers the lead to the first. */
export async function routeLead(deps: LeadDeps, id: string): Promise<void> {
  await inLeadTx(deps, async (c) => {
    const lead = await ownedLead(c, id);
    openForChanges(lead);
    const offers = await c.tx.leads.listOffers(id);
    if (offers.some(isLive)) {
      throw conflict('already_offered', `lead ${id} has open or accepted offers`);
    }
    await routeLeadInTx(c, lead);
  });
}

/** Takes back a partner's live offer (`lead.recall`); routing does not move on by itself. */
export async function recallLead(
  deps: LeadDeps,
  id: string,
  partner: Partner,
  reason: Exclude<RecallReason, 'expired'>,
): Promise<void> {
  await inLeadTx(deps, async (c) => {
    await ownedLead(c, id);
    const offer = await c.tx.leads.latestOffer(id, partner.id);
    if (!offer || !isLive(offer)) {
      throw conflict('no_live_offer', `partner ${partner.id} holds no open or accepted offer`);
    }
    await recallOffer(c, offer, reason);
  });
}

/**
 * Stops sharing the lead: every partner holding a live offer gets `record.withdraw` and its
 * copy is marked withdrawn; the lead stays here, closed.
 */
export async function withdrawLead(deps: LeadDeps, id: string, reason: string): Promise<void> {
  await inLeadTx(deps, async (c) => {
    const lead = await ownedLead(c, id);
    if (lead.withdrawnAt) return;
    await c.tx.leads.markLeadWithdrawn(id, reason, c.now);
    for (const offer of (await c.tx.leads.listOffers(id)).filter(isLive)) {
      await withdrawOffer(c, offer, reason);
    }
    await addEvent(c, id, { type: 'withdrawn', detail: { reason } });
  });
}

async function withdrawOffer(c: LeadTx, offer: LeadOffer, reason: string): Promise<void> {
  await c.tx.leads.updateOffer(offer.seq, { status: 'withdrawn', closedAt: c.now });
  const partner = await c.tx.partners.getById(offer.partnerId);
  const messageId =
    partner && partner.status !== 'removed'
      ? await sendWithdraw(
          c.tx,
          c.schemas,
          partner,
          { recordKind: 'lead', recordId: offer.leadId, reason },
          c.now,
        )
      : null;
  await addEvent(c, offer.leadId, {
    type: 'withdrawn',
    partnerId: offer.partnerId,
    messageId,
    detail: { reason },
  });
}
