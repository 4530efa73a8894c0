/** What an operator does to a partner: suspend, resume, remove (with a farewell message). */
import { newMessageId } from '../../protocol/index.ts';
import { AppError, notFound } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export async function findPartner(store: Store, ref: string): Promise<Partner> {
  const partner = await store.read((tx) =>
    /^\d+$/.test(ref) ? tx.partners.getById(Number(ref)) : tx.partners.getByNodeId(ref),
  );
  if (!partner) throw notFound(`partner ${ref}`);
  return partner;
}

/** Suspended: its messages are refused as from an unknown partner, ours to it wait. */
export async function suspendPartner(store: Store, partner: Partner, now: Date): Promise<void> {
  if (partner.status === 'removed') {
    throw new AppError(409, 'partner_removed', 'a removed partner cannot be suspended');
  }
  await store.transact((tx) => tx.partners.setStatus(partner.id, 'suspended', now));
}

export async function resumePartner(store: Store, partner: Partner, now: Date): Promise<void> {
  if (partner.status === 'removed') {
    throw new AppError(409, 'partner_removed', 'a removed partner must connect again');
  }
  await store.transact((tx) => tx.partners.setStatus(partner.id, 'active', now));
}

/**
 * Removed: the exchange ends, records stay. What was still queued for it is dead-lettered, and a
 * partner.disconnect goes out so its node stops too.
 */
export async function removePartner(
  deps: { store: Store; nodeId: string; notifyOutbox(): void },
  partner: Partner,
  now: Date,
  reason: string,
): Promise<void> {
  if (partner.status === 'removed') return;
  await deps.store.transact(async (tx) => {
    await tx.outbox.deadLetterPending(partner.id, {
      code: 'partner_removed',
      detail: 'the partner was removed before this message was delivered',
      at: now,
    });
    await tx.partners.setStatus(partner.id, 'removed', now);
    await tx.outbox.enqueue(
      [
        {
          messageId: newMessageId(),
          partnerId: partner.id,
          toNodeId: partner.nodeId,
          kind: 'partner.disconnect',
          body: { reason },
        },
      ],
      now,
    );
  });
  deps.notifyOutbox();
}
