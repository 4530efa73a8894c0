/**
 * deal.register, received by the vendor: a partner registers a deal, or amends its registration
 * with a higher version while the vendor has not decided it. Every registration is checked for
 * conflicts; a conflicting one is answered at once with deal.decision `conflict`, the others wait
 * for the vendor's decision.
 */
import { getDefaultSchemaRegistry } from '../../protocol/index.ts';
import type { MessageHandler } from '../handlers/handler.ts';
import type { Deal } from '../store/deal-store.ts';
import { OK } from '../handlers/handler.ts';
import { fieldsOf, REGISTER_KIND, type RegisterBody } from './deal-bodies.ts';
import { isPending } from './deal-status.ts';
import { DEAL_CONFLICT_REASON, findConflicts } from './find-conflicts.ts';
import { sendDecision } from './send-decision.ts';

export const dealRegisterHandler: MessageHandler = {
  kind: REGISTER_KIND,
  // A registration is found by its sender and the sender's deal id, so a partner can only ever
  // reach its own registrations: nothing here can be about another partner's record.
  async authorize() {
    return OK;
  },
  async apply({ message, jws, partner, now }, tx) {
    const body = message.body as RegisterBody;
    const existing = await tx.deals.find('vendor', partner.id, body.deal.id);
    // Late or repeated: accepted, changes nothing.
    if (existing && body.version <= existing.version) return OK;
    if (existing && !isPending(existing.status)) {
      return {
        ok: false,
        code: 'conflict',
        detail: `the registration is ${existing.status} and cannot change; register a new deal`,
      };
    }

    const fields = fieldsOf(body);
    const conflicts = await findConflicts(tx, { partnerId: partner.id, fields, now });
    let deal: Deal;
    if (existing) {
      await tx.deals.amend(existing.id, {
        version: body.version,
        fields,
        status: 'submitted',
        at: now,
      });
      deal = { ...existing, ...fields, version: body.version, status: 'submitted' as const };
    } else {
      deal = await tx.deals.insert({
        role: 'vendor',
        partnerId: partner.id,
        dealId: body.deal.id,
        version: body.version,
        fields,
        status: 'submitted',
        at: now,
      });
    }
    await tx.deals.addMessage({
      dealRowId: deal.id,
      direction: 'in',
      kind: REGISTER_KIND,
      messageId: message.id,
      version: body.version,
      jws,
      at: now,
    });

    if (conflicts.length > 0) {
      await sendDecision(tx, {
        deal,
        partner,
        schemas: getDefaultSchemaRegistry(),
        ref: message.id,
        decision: {
          status: 'conflict',
          decisionVersion: deal.decisionVersion + 1,
          decidedVersion: body.version,
          reason: DEAL_CONFLICT_REASON,
          protectedUntil: null,
          conflicts,
          at: now,
        },
      });
    }
    return OK;
  },
};
