/**
 * service.update: the other party of a request changes its status and/or comments on it. Only
 * the two parties of a request may update it; the convergence rule is in request-rules.ts.
 */
import { judgedHandler, type Refusal } from '../domain-kernel/judge-then-apply.ts';
import { parseUtcTimestamp } from '../../protocol/index.ts';
import type { HandlerContext, MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { ServiceRequest } from '../store/service-store.ts';
import type { StoreTx } from '../store/store.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import {
  decidePartnerUpdate,
  MAX_CHANGED_AT_LEAD_MS,
  type UpdateDecision,
} from './request-rules.ts';
import type { ServiceUpdateBody } from './wire.ts';

type Judged =
  Refusal | { ok: true; request: ServiceRequest; decision: UpdateDecision; changedAt: number };

async function judge({ message, partner, now }: HandlerContext, tx: StoreTx): Promise<Judged> {
  const body = message.body as ServiceUpdateBody;
  const request = await tx.service.findRequest(partner.id, body.requestId);
  if (!request) return { ok: false, outcome: NOT_SHARED };
  if (request.withdrawnAt !== null) {
    return { ok: false, outcome: conflict('the request was withdrawn') };
  }
  const changedAt = parseUtcTimestamp(body.changedAt);
  if (changedAt === null) {
    return { ok: false, outcome: conflict('changedAt is not a valid time') };
  }
  // A stamp far ahead of our clock would let the sender's clock decide every later race; the
  // bound is from when we received it, since the sender sets sentAt too.
  if (changedAt > now.getTime() + MAX_CHANGED_AT_LEAD_MS) {
    return { ok: false, outcome: conflict('changedAt is later than the message was received') };
  }
  const decision = decidePartnerUpdate(request, {
    version: body.version,
    status: body.status,
    stamp: { at: changedAt, by: partner.nodeId },
  });
  if (decision.kind === 'out_of_order_stamp') {
    return { ok: false, outcome: conflict('changedAt is older than an earlier version') };
  }
  return { ok: true, request, decision, changedAt };
}

export const serviceUpdateHandler: MessageHandler = judgedHandler(
  'service.update',
  judge,
  async (ctx, tx, judged) => {
    const { request, decision, changedAt } = judged;
    const body = ctx.message.body as ServiceUpdateBody;
    if (decision.kind === 'apply') {
      await tx.service.updateRequest(
        request.id,
        {
          partnerUpdateVersion: body.version,
          partnerUpdateAt: changedAt,
          ...(decision.statusChanges && { status: decision.status, statusStamp: decision.stamp }),
        },
        ctx.now,
      );
    }
    // Recorded once per version, late or not: a late update changes no state, but its comment
    // belongs on the timeline. A repeated version is not recorded again.
    await tx.service.addEvent({
      requestRowId: request.id,
      type: 'update',
      side: 'partner',
      byNodeId: ctx.partner.nodeId,
      at: new Date(changedAt),
      messageId: ctx.message.id,
      version: body.version,
      status: body.status,
      comment: body.comment ? { ...body.comment, visibility: 'partner' } : null,
      reason: null,
      recordedAt: ctx.now,
    });
    return OK;
  },
);
