/**
 * replenishment.decision, received by the supplier: the partner's answer to a proposal we sent
 * it. Only the partner the proposal was sent to decides it; a decision about a proposal we never
 * sent the sender is `forbidden` (one code for both). A proposal is decided once: the same
 * decision again changes nothing, a different one is a `conflict`.
 *
 * A decision sent after validUntil is recorded and flagged late rather than refused: by then the
 * partner may have placed the order (order.place travels on its own), and refusing the decision
 * would leave us holding an order with no trace of the proposal it answers. The partner's node
 * refuses to accept an expired proposal, so a late decision means a slow clock or a long outage.
 */
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';
import type { MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import { DECISION_KIND, sameDecision, type DecisionBody } from './bodies.ts';

export const replenishmentDecisionHandler: MessageHandler = {
  kind: DECISION_KIND,
  async authorize({ message, partner }, tx) {
    const body = message.body as DecisionBody;
    const proposal = await tx.inventory.findProposal('supplier', partner.id, body.proposalId);
    return proposal ? OK : NOT_SHARED;
  },
  async apply({ message, jws, partner, now }, tx) {
    const body = message.body as DecisionBody;
    const proposal = await tx.inventory.findProposal('supplier', partner.id, body.proposalId);
    if (!proposal) return NOT_SHARED;
    if (proposal.status !== 'open') {
      const held = {
        status: proposal.status,
        orderId: proposal.orderId,
        lines: proposal.decisionLines,
      };
      return sameDecision(held, body)
        ? OK
        : {
            ok: false,
            code: 'conflict',
            detail: `proposal ${body.proposalId} was ${proposal.status} already`,
          };
    }
    await tx.inventory.recordDecision(proposal.id, {
      status: body.status,
      lines: body.lines ?? null,
      reason: body.reason ?? null,
      orderId: body.orderId ?? null,
      at: now,
      autoAccepted: body.autoAccepted === true,
      // Judged by when we received it: the sender's sentAt could be backdated.
      late: now.getTime() > proposal.validUntil.getTime(),
      jws,
    });
    return OK;
  },
};
