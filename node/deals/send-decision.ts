/**
 * Records a vendor decision on a received registration and queues the signed deal.decision to
 * the registering partner, in the caller's unit of work (the record and its message commit
 * together).
 */
import type { SchemaRegistry } from '../../protocol/index.ts';
import { sendToPartner } from '../domain-kernel/send-to-partner.ts';
import type { Deal, DealDecision } from '../store/deal-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { DECISION_KIND, decisionBody } from './deal-bodies.ts';

export async function sendDecision(
  tx: StoreTx,
  input: {
    deal: Deal;
    partner: Pick<Partner, 'id' | 'nodeId' | 'status'>;
    decision: DealDecision;
    schemas: SchemaRegistry;
    /** The message this decision answers, when it answers one (an automatic conflict). */
    ref?: string;
  },
): Promise<string> {
  const { deal, partner, decision } = input;
  const body = decisionBody(deal, decision);
  const messageId = await sendToPartner(
    tx,
    input.schemas,
    partner,
    { kind: DECISION_KIND, body, ...(input.ref !== undefined && { ref: input.ref }) },
    decision.at,
  );
  await tx.deals.recordDecision(deal.id, decision);
  await tx.deals.addMessage({
    dealRowId: deal.id,
    direction: 'out',
    kind: DECISION_KIND,
    messageId,
    version: decision.decisionVersion,
    jws: null,
    at: decision.at,
  });
  return messageId;
}
