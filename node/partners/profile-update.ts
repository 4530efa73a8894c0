/** Tells partners about a change of our own profile (partner.update), through the outbox. */
import { newMessageId } from '../../protocol/index.ts';
import type { NodeDeps } from '../deps.ts';
import { badRequest } from '../errors.ts';
import type { Partner } from '../store/types.ts';

export async function sendProfileUpdate(
  deps: Pick<NodeDeps, 'store' | 'clock' | 'schemas' | 'notifyOutbox'>,
  body: Record<string, unknown>,
  to: Partner[] | 'all',
): Promise<{ messageIds: string[] }> {
  const valid = deps.schemas.validateBody('partner.update', body);
  if (!valid.ok) throw badRequest('invalid_field', valid.detail, valid.pointer);
  const now = deps.clock.now();
  const messageIds = await deps.store.transact(async (tx) => {
    const targets = (to === 'all' ? await tx.partners.list() : to).filter(
      (p) => p.status === 'active',
    );
    const rows = await tx.outbox.enqueue(
      targets.map((p) => ({
        messageId: newMessageId(),
        partnerId: p.id,
        toNodeId: p.nodeId,
        kind: 'partner.update',
        body,
      })),
      now,
    );
    return rows.map((r) => r.messageId);
  });
  deps.notifyOutbox();
  return { messageIds };
}
