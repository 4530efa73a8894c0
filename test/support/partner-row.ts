/**
 * A partner stored as if it had connected, written straight through the store: for tests of the
 * store and the admin API that need a partner row but no second node.
 */
import type { PublicJwk } from '../../protocol/index.ts';
import type { Store } from '../../node/store/store.ts';
import type { Partner } from '../../node/store/types.ts';

export function saveTestPartner(
  store: Store,
  nodeId: string,
  options: { name?: string; keys?: PublicJwk[]; maxBatch?: number } = {},
): Promise<Partner> {
  return store.transact((tx) =>
    tx.partners.saveConnected({
      endpoint: {
        nodeId,
        inboxUrl: `${nodeId}/inbox`,
        jwksUrl: `${nodeId}/.well-known/jwks.json`,
        maxBatch: options.maxBatch ?? 100,
        maxBodyBytes: 1 << 20,
        keys: options.keys ?? [],
      },
      profile: {
        name: options.name ?? 'Partner Co',
        partnerType: 'reseller',
        relationship: 'strategic',
        allowedKinds: ['partner.update'],
      },
      invitationId: null,
      at: new Date(),
    }),
  );
}
