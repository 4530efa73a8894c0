/**
 * Routing a lead: the rules choose the candidates (leaving out partners that had the lead
 * before), the round-robin position moves on, and the first candidate gets the offer.
 */
import type { OwnedLead } from '../store/lead-store.ts';
import { addEvent, type LeadTx } from './lead-tx.ts';
import { advanceRouting, LEAD_ANSWER_KIND } from './offer-flow.ts';
import { chooseRoute, type RoutablePartner } from './routing.ts';

export async function routablePartners(c: LeadTx): Promise<RoutablePartner[]> {
  const attributes = new Map(
    (await c.tx.leads.listPartnerAttributes()).map((a) => [a.partnerId, a]),
  );
  return (await c.tx.partners.list())
    .filter((p) => p.status === 'active' && p.allowedKinds.includes(LEAD_ANSWER_KIND))
    .map((p) => ({ partnerId: p.id, attributes: attributes.get(p.id) ?? null }));
}

export async function routeLeadInTx(c: LeadTx, lead: OwnedLead): Promise<void> {
  const offers = await c.tx.leads.listOffers(lead.id);
  const excluded = new Set(offers.map((o) => o.partnerId));
  const choice = chooseRoute(
    await c.tx.leads.listRules(),
    lead,
    await routablePartners(c),
    excluded,
  );
  const routing = { ruleId: choice?.rule.id ?? null, candidates: choice?.candidates ?? [] };
  const offerHours = lead.offerHours ?? choice?.rule.offerHours ?? null;
  await c.tx.leads.updateLead(lead.id, { routing, offerHours, at: c.now });
  if (choice?.rule.roundRobin && routing.candidates[0] !== undefined) {
    await c.tx.leads.setRuleCursor(choice.rule.id, routing.candidates[0]);
  }
  await addEvent(c, lead.id, { type: 'routed', detail: { ...routing } });
  if (routing.candidates.length > 0) await advanceRouting(c, lead.id);
}
