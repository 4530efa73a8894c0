/**
 * The transactional half of the inbound pipeline: for messages whose envelope, signature, time,
 * kind and body already passed, decide duplicate / forbidden / id_conflict / conflict and store
 * the accepted ones with their effects — all in the caller's unit of work, each message in its
 * own savepoint so one refusal does not undo its neighbours.
 */
import type { MessagePayload } from '../../protocol/index.ts';
import type { HandlerLimits, MessageHandler } from '../handlers/handler.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { RejectMessage, rejected, type InboundResult } from './inbound-result.ts';

export interface VerifiedInbound {
  message: MessagePayload;
  jws: string;
  digest: string;
  partner: Partner;
  handler: MessageHandler;
  /** Signed before the unit of work begins, so no crypto runs while the store is held. */
  receipt: string;
  receivedAt: Date;
}

/** The message's effects and their domain events name it as their cause. */
export function acceptVerified(
  tx: StoreTx,
  item: VerifiedInbound,
  self: string,
  limits: HandlerLimits,
): Promise<InboundResult> {
  const cause = { kind: 'partner', nodeId: item.message.from, messageId: item.message.id } as const;
  return tx.causedBy(cause, () => accept(tx, item, self, limits));
}

async function accept(
  tx: StoreTx,
  item: VerifiedInbound,
  self: string,
  limits: HandlerLimits,
): Promise<InboundResult> {
  const { message, partner, handler } = item;
  try {
    return await tx.nested(async () => {
      const seen = await tx.inbox.find(message.from, message.id);
      if (seen && seen.digest === item.digest) {
        return { id: message.id, status: 'duplicate', receipt: seen.receipt } as const;
      }
      const ctx = { message, jws: item.jws, partner, self, now: item.receivedAt, limits };
      const allowed = await handler.authorize(ctx, tx);
      if (!allowed.ok) throw new RejectMessage(allowed.code, allowed.detail);
      if (seen) {
        throw new RejectMessage('id_conflict', 'this id was accepted before with other content');
      }
      const applied = await handler.apply(ctx, tx);
      if (!applied.ok) throw new RejectMessage(applied.code, applied.detail);
      await tx.inbox.insert({
        fromNodeId: message.from,
        messageId: message.id,
        partnerId: partner.id,
        kind: message.kind,
        ref: message.ref ?? null,
        jws: item.jws,
        digest: item.digest,
        sentAt: new Date(message.sentAt),
        receivedAt: item.receivedAt,
        receipt: item.receipt,
      });
      return { id: message.id, status: 'accepted', receipt: item.receipt } as const;
    });
  } catch (error) {
    if (error instanceof RejectMessage) return rejected(message.id, error.code, error.detail);
    throw error;
  }
}
