/**
 * The operator changes how we classify a partner (name, type, relationship, kinds). A new type or
 * relationship recomputes the default kinds (see default-kinds.ts), and a change of what the
 * partner is to us reaches it as `partner.update` with `classification`, in the same transaction,
 * so the partner knows which kinds it may send from now on (PROTOCOL.md section 10.1).
 */
import { newMessageId } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import type { Partner, PartnerProfile } from '../store/types.ts';

export async function reclassifyPartner(
  deps: Pick<NodeDeps, 'store' | 'clock' | 'notifyOutbox'>,
  partner: Partner,
  changes: Partial<PartnerProfile>,
): Promise<void> {
  // An empty patch changes nothing, not even updatedAt.
  if (Object.keys(changes).length === 0) return;
  const after = {
    partnerType: changes.partnerType ?? partner.partnerType,
    relationship: changes.relationship ?? partner.relationship,
    kinds: changes.allowedKinds ?? partner.allowedKinds,
  };
  const classified =
    after.partnerType !== partner.partnerType ||
    after.relationship !== partner.relationship ||
    after.kinds.join() !== [...partner.allowedKinds].sort().join();
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    await tx.partners.updateProfile(partner.id, changes, now);
    // A removed partner is no longer told anything.
    if (!classified || partner.status === 'removed') return;
    await tx.outbox.enqueue(
      [
        {
          messageId: newMessageId(),
          partnerId: partner.id,
          toNodeId: partner.nodeId,
          kind: 'partner.update',
          body: { classification: after },
        },
      ],
      now,
    );
  });
  deps.notifyOutbox();
}
