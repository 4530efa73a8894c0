/**
 * partner.disconnect: the partner ends the connection. Both sides stop exchanging; records stay.
 * What we still had queued for it is dead-lettered so an operator can see what did not go out.
 */
import type { MessageHandler } from './handler.ts';
import { OK } from './handler.ts';

export const partnerDisconnectHandler: MessageHandler = {
  kind: 'partner.disconnect',
  async authorize() {
    return OK;
  },
  async apply({ partner, now }, tx) {
    await tx.partners.setStatus(partner.id, 'removed', now);
    await tx.outbox.deadLetterPending(partner.id, {
      code: 'partner_disconnected',
      detail: 'the partner disconnected',
      at: now,
    });
    return OK;
  },
};
