/**
 * Receipts move a share forward: once every part of the version on its way to a partner is
 * receipted, the partner holds that version. Called in the unit of work that records the
 * receipts, so the owner's view of who holds what is current as soon as the partner has it (not
 * only at the next push, which used to recompute it).
 */
import type { StoreTx } from '../store/store.ts';
import type { OutboundMessage } from '../store/types.ts';
import { SPECS } from './list-kinds.ts';

const PUSH_KINDS: ReadonlySet<string> = new Set(Object.values(SPECS).map((s) => s.messageKind));

export async function settleSharesOnReceipt(
  tx: StoreTx,
  delivered: readonly Pick<OutboundMessage, 'kind' | 'partnerId'>[],
  at: Date,
): Promise<void> {
  const partners = new Set(delivered.filter((m) => PUSH_KINDS.has(m.kind)).map((m) => m.partnerId));
  for (const partnerId of partners) {
    for (const share of await tx.catalog.listPendingShares(partnerId)) {
      const pending = share.pendingMessageIds;
      if (pending.length === 0) continue;
      if ((await tx.outbox.countDelivered(partnerId, pending)) < pending.length) continue;
      await tx.catalog.saveShare({
        listRowId: share.listRowId,
        partnerId,
        heldVersion: share.pendingVersion,
        pendingVersion: null,
        pendingMessageIds: [],
        at,
      });
    }
  }
}
