/**
 * record.withdraw for this domain: the opener of a request, or the claimant of a claim, stops
 * sharing it; we mark our copy withdrawn, erase the documents attached to a request, and refuse further messages about it as `conflict`.
 */
import { OK } from '../handlers/handler.ts';
import type { WithdrawTarget, WithdrawTargets } from '../records/record-withdraw-handler.ts';
import { NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { CLAIM_RECORD_KIND, REQUEST_RECORD_KIND } from './wire.ts';

const requestTarget: WithdrawTarget = {
  async authorize({ partner }, tx, { recordId }) {
    const request = await tx.service.findRequest(partner.id, recordId);
    return request?.owner === 'partner' ? OK : NOT_SHARED;
  },
  async apply({ partner, message, now }, tx, { recordId, reason }) {
    const request = await tx.service.findRequest(partner.id, recordId);
    if (request?.owner !== 'partner') return NOT_SHARED;
    if (request.withdrawnAt !== null) return OK;
    const at = new Date(message.sentAt);
    await tx.service.updateRequest(request.id, { withdrawnAt: at, withdrawnReason: reason }, now);
    // The documents were shared with the request: withdrawn with it, they are not kept.
    await tx.sharedServices.eraseAttachments(request.id);
    await tx.service.addEvent({
      requestRowId: request.id,
      type: 'withdrawn',
      side: 'partner',
      byNodeId: partner.nodeId,
      at,
      messageId: message.id,
      version: null,
      status: null,
      comment: null,
      reason,
      recordedAt: now,
    });
    return OK;
  },
};

const claimTarget: WithdrawTarget = {
  async authorize({ partner }, tx, { recordId }) {
    const claim = await tx.service.findClaim(partner.id, recordId);
    return claim?.owner === 'partner' ? OK : NOT_SHARED;
  },
  async apply({ partner, message, now }, tx, { recordId, reason }) {
    const claim = await tx.service.findClaim(partner.id, recordId);
    if (claim?.owner !== 'partner') return NOT_SHARED;
    if (claim.withdrawnAt !== null) return OK;
    const at = new Date(message.sentAt);
    await tx.service.updateClaim(claim.id, { withdrawnAt: at, withdrawnReason: reason }, now);
    await tx.service.addClaimEvent({
      claimRowId: claim.id,
      type: 'withdrawn',
      side: 'partner',
      byNodeId: partner.nodeId,
      at,
      messageId: message.id,
      version: null,
      status: null,
      amount: null,
      reason,
    });
    return OK;
  },
};

export const WITHDRAW_TARGETS: WithdrawTargets = {
  [REQUEST_RECORD_KIND]: requestTarget,
  [CLAIM_RECORD_KIND]: claimTarget,
};
