/**
 * What shared services add to a request's detail view: the documents it carries (read-only
 * snapshots), the response target from the agreement when this node is the provider, and the
 * charge booked for it.
 */
import type { ServiceRequest } from '../store/service-store.ts';
import type { StoreTx } from '../store/store.ts';
import { respondBy } from './agreements.ts';
import { attachmentView } from './attachments.ts';
import { chargeView } from './charges.ts';

export async function requestExtras(tx: StoreTx, request: ServiceRequest) {
  const attachments = await tx.sharedServices.attachments(request.id);
  const charge = await tx.sharedServices.chargeOfRequest(request.id);
  const agreement =
    request.owner === 'partner' ? await tx.sharedServices.agreementOf(request.partnerId) : null;
  return {
    attachments: attachments.map(attachmentView),
    respondBy: respondBy(agreement, request.createdAt)?.toISOString() ?? null,
    charge: charge ? chargeView(charge, request.requestId) : null,
  };
}
