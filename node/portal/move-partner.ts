/**
 * A portal partner moves to a node of its own. The vendor gives the partner's row the new node's
 * id, so every record linked to the row (leads offered, deals, requests, claims, price lists)
 * stays linked, and hands out a one-time invitation for that node. Until the node connects with
 * it, the partner is suspended: messages to it wait in the outbox. The connect pins the node's
 * keys and inbox on the same row (partners are keyed by node id) and makes it active again. The
 * portal access ends at once; the portal key stays, so the history before the move can still be
 * exported and verified (export-history.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { isNodeId } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { badRequest, conflict } from '../errors.ts';
import { hashToken } from '../partners/invitations.ts';
import type { Invitation, Partner } from '../store/types.ts';
import { findPortalPartner } from './portal-access.ts';
import { portalUidOf } from './portal-ids.ts';

export interface MoveResult {
  partner: Partner;
  invitation: Invitation;
  /** The invitation's secret: shown once, for the partner's `partner-sync connect`. */
  token: string;
}

export async function movePortalPartner(
  deps: Pick<NodeDeps, 'store' | 'clock' | 'nodeId'>,
  ref: string,
  input: { nodeId: string; ttlMs: number },
): Promise<MoveResult> {
  const { nodeId } = input;
  if (!isNodeId(nodeId)) {
    throw badRequest(
      'invalid_field',
      'nodeId must be a node id: an http(s) URL without trailing slash, query or fragment',
      'nodeId',
    );
  }
  if (nodeId === deps.nodeId || portalUidOf(deps.nodeId, nodeId) !== null) {
    throw badRequest('invalid_field', 'nodeId must be the partner’s own node, not ours', 'nodeId');
  }
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  return deps.store.transact(async (tx) => {
    const { partner } = await findPortalPartner(tx, ref);
    // Moved to this node and not yet connected (say, the invitation expired): a new invitation.
    const reissue = partner.nodeId === nodeId && partner.status === 'suspended';
    if (!reissue && portalUidOf(deps.nodeId, partner.nodeId) === null) {
      throw conflict('partner_moved', `partner ${partner.id} has moved to ${partner.nodeId}`);
    }
    if (partner.status === 'removed') {
      throw conflict('partner_removed', `partner ${partner.id} was removed`);
    }
    if (!reissue && (await tx.partners.getByNodeId(nodeId))) {
      throw conflict('partner_exists', `${nodeId} is a partner already`);
    }
    // A message not yet settled to the portal would go to the new node addressed to the old id.
    if ((await tx.outbox.list({ status: 'pending', partnerId: partner.id }, { limit: 1 })).length) {
      throw conflict('outbox_pending', 'messages to the partner are being settled; try again');
    }
    if (
      (await tx.outbox.list({ status: 'in_flight', partnerId: partner.id }, { limit: 1 })).length
    ) {
      throw conflict('outbox_pending', 'messages to the partner are being settled; try again');
    }
    if (!reissue) {
      await tx.partners.moveToNode(partner.id, nodeId, now);
      await tx.portal.setPartnerRevoked(partner.id, now, now);
      await tx.portal.endSessions({ partnerId: partner.id }, now);
    }
    const invitation = await tx.invitations.create({
      id: randomUUID(),
      tokenHash: hashToken(token),
      profile: {
        name: partner.name,
        partnerType: partner.partnerType,
        relationship: partner.relationship,
        allowedKinds: partner.allowedKinds,
      },
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.ttlMs),
    });
    const moved: Partner = { ...partner, nodeId, status: 'suspended', updatedAt: now };
    return { partner: moved, invitation, token };
  });
}
