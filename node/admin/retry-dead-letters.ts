/**
 * Puts dead letters back in their partners' queues. Letters to a removed partner stay dead: the
 * outbox only sends a removed partner its farewell, so a retried letter would sit at the head of
 * its queue for good and hold the farewell back.
 */
import type { NodeDeps } from '../deps.ts';
import { AppError } from '../errors.ts';

export async function retryDeadLetters(
  deps: Pick<NodeDeps, 'store' | 'clock' | 'notifyOutbox'>,
  filter: { messageIds?: string[]; partnerId?: number },
): Promise<number> {
  const retried = await deps.store.transact(async (tx) => {
    const partnerIds = new Set<number>();
    if (filter.partnerId !== undefined) partnerIds.add(filter.partnerId);
    for (const id of filter.messageIds ?? []) {
      const message = await tx.outbox.get(id);
      if (message?.status !== 'dead') continue;
      // Both filters given: only letters to that partner are retried.
      if (filter.partnerId === undefined || filter.partnerId === message.partnerId) {
        partnerIds.add(message.partnerId);
      }
    }
    for (const partnerId of partnerIds) {
      const partner = await tx.partners.getById(partnerId);
      if (partner?.status === 'removed') {
        throw new AppError(
          409,
          'partner_removed',
          `partner ${partner.nodeId} was removed; its dead letters cannot be retried`,
        );
      }
    }
    return tx.outbox.retryDead(filter, deps.clock.now());
  });
  if (retried > 0) deps.notifyOutbox();
  return retried;
}
