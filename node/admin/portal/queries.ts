/** Reading portal partners for the operator: one with its users, or all of them. */
import type { Store } from '../../store/store.ts';
import { findPortalPartner } from '../../portal/portal-access.ts';
import { portalPartnerView } from './views.ts';

export async function showPortalPartner(store: Store, ref: string) {
  return store.read(async (tx) => {
    const { partner, portal } = await findPortalPartner(tx, ref);
    return portalPartnerView(partner, portal, await tx.portal.listUsers(partner.id));
  });
}

export async function listPortalPartners(store: Store) {
  return store.read(async (tx) => {
    const users = await tx.portal.listUsers();
    const out = [];
    for (const portal of await tx.portal.listPartners()) {
      const partner = await tx.partners.getById(portal.partnerId);
      if (!partner) continue;
      out.push(
        portalPartnerView(
          partner,
          portal,
          users.filter((u) => u.partnerId === partner.id),
        ),
      );
    }
    return out;
  });
}
