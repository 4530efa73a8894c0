/**
 * Messages the vendor sends a portal partner never go over HTTP: the partner has no node, its
 * "inbox" is the portal. The outbox settles them here instead: signed by us as usual (the same
 * bytes a node would have received), receipted with the key the node holds for the partner, marked
 * delivered, and turned into the portal users' notifications, all in one unit of work.
 */
import {
  buildMessage,
  digestOf,
  formatUtcTimestamp,
  importSigningKey,
  signMessage,
  signReceipt,
} from '../../protocol/index.ts';
import type { DeliverDeps, DeliveryOutcome } from '../outbox/deliver-batch.ts';
import type { ClaimedBatch } from '../store/types.ts';
import { notifyUsersOfMessage } from './notifications.ts';
import { portalUidOf } from './portal-ids.ts';

/** Whether a claimed batch goes to a portal partner of this node (a cheap check, no I/O). */
export function isPortalBatch(deps: Pick<DeliverDeps, 'nodeId'>, batch: ClaimedBatch): boolean {
  return portalUidOf(deps.nodeId, batch.partner.nodeId) !== null;
}

export async function deliverToPortal(
  deps: DeliverDeps,
  batch: ClaimedBatch,
): Promise<DeliveryOutcome> {
  const { partner } = batch;
  const jwk = await deps.store.read((tx) => tx.portal.privateKey(partner.id));
  // A node id under ours without a portal record cannot be delivered to, locally or otherwise;
  // the lease returns the batch and the error is logged.
  if (!jwk) throw new Error(`partner ${partner.id} has a portal node id but no portal key`);
  const receiptKey = await importSigningKey(jwk);
  const ourKey = deps.keys.signing();
  const now = deps.clock.now();
  const settled = await Promise.all(
    batch.messages.map(async (row) => {
      const signed = row.jws !== null && row.digest !== null;
      const jws =
        row.jws ??
        (await signMessage(
          buildMessage({
            id: row.messageId,
            kind: row.kind,
            from: deps.nodeId,
            to: row.toNodeId,
            sentAt: now,
            body: row.body,
            ...(row.ref ? { ref: row.ref } : {}),
          }),
          ourKey,
        ));
      const digest = signed ? row.digest! : digestOf(jws);
      const receipt = await signReceipt(
        {
          v: 1,
          receiptFor: row.messageId,
          from: partner.nodeId,
          to: deps.nodeId,
          status: 'accepted',
          digest,
          receivedAt: formatUtcTimestamp(now),
        },
        receiptKey,
      );
      return { row, jws, digest, signed, receipt };
    }),
  );
  await deps.store.transact(async (tx) => {
    for (const s of settled) {
      if (!s.signed) await tx.outbox.recordSigned(s.row.seq, s.jws, s.digest, now);
      await tx.outbox.markDelivered(s.row.seq, {
        resultStatus: 'accepted',
        receipt: s.receipt,
        at: now,
      });
      await notifyUsersOfMessage(tx, partner.id, s.row, now, deps.config?.defaultLanguage);
    }
  });
  deps.metrics?.outbound(
    'delivered',
    now,
    settled.map((s) => s.row),
  );
  return { delivered: settled.length, dead: 0, retried: 0 };
}
