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
    // sentAt orders updates: a late one changes nothing (a repeated one never gets here). The
    // merge starts from the stored profile, not the partner as the request found it: messages
    // ahead of this one (in its batch, or in a request that committed since) may have changed it.
    const stored = await tx.partners.getById(partner.id);
    const current = stored ? stored.declaredProfile : partner.declaredProfile;
    const merged = { ...(current ?? {}), ...(message.body as object) };
    await tx.partners.updateDeclaredProfile(partner.id, merged, new Date(message.sentAt));
    return OK;
  },
};
