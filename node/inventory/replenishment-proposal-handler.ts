/**
 * replenishment.proposal, received by the partner: what our supplier proposes we order. Proposals
 * are found by their sender and the sender's id, so a supplier only reaches its own. A proposal
 * is immutable: the same proposalId again with the same content changes nothing, with other
 * content it is a `conflict`. When our auto-accept rule for the supplier covers it, it is
 * accepted on receipt (the order placed, the decision sent); when accepting fails (no price for a
 * SKU, say) only the acceptance is undone and the proposal waits, with the reason noted.
 */
import { getDefaultSchemaRegistry } from '../../protocol/index.ts';
import { AppError } from '../errors.ts';
import type { MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import { autoAcceptVerdict } from './auto-accept.ts';
import { hashOf, PROPOSAL_KIND, proposalFieldsOf, type ProposalBody } from './bodies.ts';
import { decideInTx } from './decide-proposal.ts';

export const replenishmentProposalHandler: MessageHandler = {
  kind: PROPOSAL_KIND,
  async authorize() {
    return OK;
  },
  async apply({ message, jws, partner, now }, tx) {
    const body = message.body as ProposalBody;
    if (new Set(body.lines.map((l) => l.sku)).size !== body.lines.length) {
      return { ok: false, code: 'conflict', detail: 'a SKU appears twice; one line per SKU' };
    }
    const hash = hashOf(body);
    const existing = await tx.inventory.findProposal('partner', partner.id, body.proposalId);
    if (existing) {
      return existing.contentHash === hash
        ? OK
        : {
            ok: false,
            code: 'conflict',
            detail: `proposal ${body.proposalId} was received before with other content; proposals do not change`,
          };
    }
    const proposal = await tx.inventory.insertProposal({
      role: 'partner',
      partnerId: partner.id,
      fields: proposalFieldsOf(body),
      details: null,
      contentHash: hash,
      jws,
      at: now,
    });

    const rule = await tx.inventory.getAutoAccept(partner.id);
    if (!rule?.enabled) return OK;
    const verdict = autoAcceptVerdict(rule, proposal.lines);
    if (!verdict.accept) {
      await tx.inventory.noteAutoAccept(proposal.id, verdict.why, now);
      return OK;
    }
    const deps = { clock: { now: () => now }, schemas: getDefaultSchemaRegistry() };
    try {
      await tx.nested(() => decideInTx(deps, tx, proposal, { status: 'accepted' }, { auto: true }));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await tx.inventory.noteAutoAccept(proposal.id, `not accepted: ${error.message}`, now);
    }
    return OK;
  },
};
