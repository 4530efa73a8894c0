/**
 * partner.update: a partner tells us about itself. We keep what it declares beside our own
 * classification; a partner cannot raise its own type or relationship (and with them the kinds
 * it may send) by declaring them.
 */
import type { MessageHandler } from './handler.ts';
import { OK } from './handler.ts';

export const partnerUpdateHandler: MessageHandler = {
  kind: 'partner.update',
  async authorize() {
    return OK;
  },
  async apply({ message, partner }, tx) {
    // sentAt orders updates: a late one changes nothing (a repeated one never gets here).
    const merged = { ...(partner.declaredProfile ?? {}), ...(message.body as object) };
    await tx.partners.updateDeclaredProfile(partner.id, merged, new Date(message.sentAt));
    return OK;
  },
};
