/** Reading leads for the admin API and the CLI: owned leads, copies, timeline, reports. */
import type { Store, StoreTx } from '../store/store.ts';
import type { OwnedLead, OwnedLeadFilter, ReceivedStatus } from '../store/lead-store.ts';
import { leadNotFound } from './lead-errors.ts';
import { leadCursorOf, parseLeadCursor } from './lead-cursor.ts';
import type { OwnedLeadStatus } from './lead-status.ts';
import {
  blackHoleView,
  eventView,
  ownedLeadView,
  receivedLeadView,
  trackingView,
} from './lead-views.ts';
import { findReceivedLead, type ReceivedRef } from './partner-service.ts';
import { blackHoles, trackingByPartner } from './tracking.ts';
import { partnersByIdIn } from '../partners/partners-by-id.ts';

export const MAX_LEAD_PAGE = 500;

export async function showLead(store: Store, id: string) {
  return store.read(async (tx) => {
    const lead = await tx.leads.getLead(id);
    if (!lead) throw leadNotFound(id);
    return ownedLeadView(lead, await tx.leads.listOffers(id));
  });
}

/**
 * A page of owned leads, newest first, and the cursor of the next page (null on the last). The
 * filters run in the query (the derived status, a partner's offer state), so every page is full
 * however many leads of other statuses stand before it. `after` is a previous nextCursor;
 * `offset` is kept for callers that page by counting. The admin API, the CLI and the partner's
 * portal page through it.
 */
export async function pageOwnedLeads(
  tx: StoreTx,
  filter: OwnedLeadFilter,
  page: { limit: number; offset?: number; after?: string },
): Promise<{ leads: OwnedLead[]; nextCursor: string | null }> {
  const after = page.after === undefined ? undefined : parseLeadCursor(page.after);
  const leads = await tx.leads.listLeads(filter, {
    limit: page.limit + 1,
    ...(page.offset !== undefined && { offset: page.offset }),
    ...(after !== undefined && { after }),
  });
  const shown = leads.slice(0, page.limit);
  return {
    leads: shown,
    nextCursor: leads.length > page.limit ? leadCursorOf(shown.at(-1)!) : null,
  };
}

/** Owned leads with their offers, a page at a time (pageOwnedLeads). */
export async function listOwnedLeads(
  store: Store,
  filter: { partnerId?: number; status?: OwnedLeadStatus },
  page: { limit: number; offset?: number; after?: string },
) {
  return store.read(async (tx) => {
    const { leads, nextCursor } = await pageOwnedLeads(
      tx,
      {
        ...(filter.partnerId !== undefined && { partnerId: filter.partnerId }),
        ...(filter.status !== undefined && { status: filter.status }),
      },
      page,
    );
    // The page's offers in one query, not one per lead.
    const offers = await tx.leads.listOffersOf(leads.map((l) => l.id));
    const views = leads.map((lead) => ownedLeadView(lead, offers.get(lead.id) ?? []));
    return { leads: views, nextCursor };
  });
}

export async function leadTimeline(store: Store, id: string) {
  return store.read(async (tx) => {
    if (!(await tx.leads.getLead(id))) throw leadNotFound(id);
    return (await tx.leads.listEvents(id)).map(eventView);
  });
}

export async function showReceivedLead(store: Store, ref: ReceivedRef) {
  return store.read(async (tx) => {
    const copy = await findReceivedLead(tx, ref);
    const owner = await tx.partners.getById(copy.ownerPartnerId);
    return receivedLeadView(copy, owner?.nodeId ?? null);
  });
}

export async function listReceivedLeads(
  store: Store,
  filter: { status?: ReceivedStatus; ownerPartnerId?: number },
  page: { limit: number; offset: number },
) {
  return store.read(async (tx) => {
    const owners = new Map((await tx.partners.list()).map((p) => [p.id, p.nodeId]));
    return (await tx.leads.listReceived(filter, page)).map((copy) =>
      receivedLeadView(copy, owners.get(copy.ownerPartnerId) ?? null),
    );
  });
}

/** Per partner: offers, answers, median time to accept, won deals per currency. */
export async function leadTracking(store: Store, partnerId?: number) {
  return store.read(async (tx) => {
    const partners = await partnersByIdIn(tx);
    const facts = await tx.leads.listOfferFacts(partnerId === undefined ? {} : { partnerId });
    return trackingByPartner(facts).map((t) => trackingView(t, partners.get(t.partnerId) ?? null));
  });
}

export async function leadBlackHoles(store: Store, now: Date, days: number, partnerId?: number) {
  return store.read(async (tx) => {
    const facts = await tx.leads.listOfferFacts({
      status: 'accepted',
      ...(partnerId !== undefined && { partnerId }),
    });
    return blackHoles(facts, now, days).map(blackHoleView);
  });
}
