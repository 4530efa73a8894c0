/**
 * How an operator names a request or claim: this node's number for it (as the listings show), or
 * the wire id its opener gave it, narrowed by partner when two partners chose the same id.
 */
import { oneRecord } from '../domain-kernel/one-record.ts';
import type { ServiceRequest, WarrantyClaim } from '../store/service-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export async function findRequestRef(
  tx: StoreTx,
  ref: string,
  partner?: Partner,
): Promise<ServiceRequest> {
  const found = /^\d{1,15}$/.test(ref)
    ? [await tx.service.getRequest(Number(ref))].filter((r) => r !== null)
    : await tx.service.requestsById(ref);
  return oneRecord(found, { ref, partner }, 'request');
}

export async function findClaimRef(
  tx: StoreTx,
  ref: string,
  partner?: Partner,
): Promise<WarrantyClaim> {
  const found = /^\d{1,15}$/.test(ref)
    ? [await tx.service.getClaim(Number(ref))].filter((c) => c !== null)
    : await tx.service.claimsById(ref);
  return oneRecord(found, { ref, partner }, 'claim');
}
