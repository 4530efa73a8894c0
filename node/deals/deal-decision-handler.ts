/**
 * deal.decision, received by the registering partner: the vendor's answer to a registration.
 * Only the vendor a deal was registered with decides it; a decision about a deal this node never
 * registered with the sender is `forbidden`. The decision's own version makes repeats and late
 * arrivals harmless. The JWS is kept as received: with the receipt of our deal.register it is
 * the proof of what was registered, when, and what the vendor answered.
 */
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';
import type { MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import { DECISION_KIND, decisionOf, type DecisionBody } from './deal-bodies.ts';

export const dealDecisionHandler: MessageHandler = {
  kind: DECISION_KIND,
  async authorize({ message, partner }, tx) {
    const body = message.body as DecisionBody;
    const deal = await tx.deals.find('partner', partner.id, body.dealId);
    return deal ? OK : NOT_SHARED;
  },
  async apply({ message, jws, partner, now }, tx) {
    const body = message.body as DecisionBody;
    const deal = await tx.deals.find('partner', partner.id, body.dealId);
    if (!deal) return NOT_SHARED;
    if (body.version <= deal.decisionVersion) return OK;
    if (body.dealVersion > deal.version) {
      return {
        ok: false,
        code: 'conflict',
        detail: `the decision is about version ${body.dealVersion}; version ${deal.version} is the latest registered`,
      };
    }
    await tx.deals.addMessage({
      dealRowId: deal.id,
      direction: 'in',
      kind: DECISION_KIND,
      messageId: message.id,
      version: body.version,
      jws,
      at: now,
    });
    // Our withdrawal crossed the decision on the wire: the vendor's word is kept as received,
    // the registration stays withdrawn (the vendor marks it so when our record.withdraw arrives).
    if (deal.status === 'withdrawn') return OK;

    // A `returned` about an older version crossed our amendment, which already answers it: the
    // registration stays submitted until the vendor decides the new version.
    const answered = body.status === 'returned' && body.dealVersion < deal.version;
    await tx.deals.recordDecision(
      deal.id,
      decisionOf(body, now),
      answered ? deal.status : undefined,
    );
    return OK;
  },
};
