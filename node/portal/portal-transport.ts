/**
 * Messages the vendor sends a portal partner never go over HTTP: the partner has no node, its
 * "inbox" is the portal. The outbox settles them here instead: signed by us as usual (the same
 * bytes a node would have received), receipted with the key the node holds for the partner, marked
 * delivered, and turned into the portal users' notifications, all in one unit of work.
 */
import { formatUtcTimestamp, importSigningKey, signReceipt } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { signRow } from '../outbox/sign-row.ts';
import type { DeliveryOutcome, OutboxTransport } from '../outbox/transport.ts';
import type { ClaimedBatch } from '../store/types.ts';
import { portalUidOf } from './portal-ids.ts';

export type PortalDeliverDeps = Pick<
  NodeDeps,
  'nodeId' | 'store' | 'clock' | 'keys' | 'metrics' | 'config'
>;

/** A portal partner has no node: its messages are settled here, never sent over HTTP. */
export function createPortalTransport(deps: PortalDeliverDeps): OutboxTransport {
  return {
    name: 'portal',
    handles: (batch) => isPortalBatch(deps, batch),
    deliver: (batch) => deliverToPortal(deps, batch),
  };
}

/** Whether a claimed batch goes to a portal partner of this node (a cheap check, no I/O). */
export function isPortalBatch(deps: Pick<NodeDeps, 'nodeId'>, batch: ClaimedBatch): boolean {
  return portalUidOf(deps.nodeId, batch.partner.nodeId) !== null;
}

async function deliverToPortal(
  deps: PortalDeliverDeps,
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
      const { jws, digest, fresh } = await signRow(row, { nodeId: deps.nodeId, key: ourKey, now });
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
      return { row, jws, digest, fresh, receipt };
    }),
  );
  // Loaded on a portal partner's first delivery, before the transaction (which must not wait on
  // a load): the notifications' texts and the catalog's settlement are no part of a node's start.
  const [{ notifyUsersOfMessage }, { settleSharesOnReceipt }] = await Promise.all([
    import('./notifications.ts'),
    import('../catalog/settle-shares.ts'),
  ]);
  await deps.store.transact(async (tx) => {
    for (const s of settled) {
      if (s.fresh) await tx.outbox.recordSigned(s.row.seq, s.jws, s.digest, now);
      await tx.outbox.markDelivered(s.row.seq, {
        resultStatus: 'accepted',
        receipt: s.receipt,
        at: now,
      });
      await notifyUsersOfMessage(tx, partner.id, s.row, now, deps.config.defaultLanguage);
    }
    await settleSharesOnReceipt(
      tx,
      settled.map((s) => s.row),
      now,
    );
  });
  deps.metrics?.outbound(
    'delivered',
    now,
    settled.map((s) => s.row),
  );
  return { delivered: settled.length, dead: 0, retried: 0 };
}
