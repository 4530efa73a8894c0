/** What this domain's operations need from the node, and the checks they share. */
import type { NodeDeps } from '../deps.ts';
import { AppError, badRequest } from '../errors.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export type FundDeps = Pick<NodeDeps, 'store' | 'clock' | 'nodeId' | 'schemas' | 'notifyOutbox'>;

/**
 * A body we are about to send must pass its own schema. Admin input is checked field by field
 * before this; what still fails here is bad input named by the last segment of the JSON pointer.
 */
export function assertValidBody(deps: Pick<FundDeps, 'schemas'>, kind: string, body: unknown) {
  const valid = deps.schemas.validateBody(kind, body);
  if (!valid.ok) {
    const field = valid.pointer.split('/').filter(Boolean).at(-1) ?? 'body';
    throw badRequest('invalid_field', `invalid ${field}: ${valid.detail}`, field);
  }
}

/** Records stay with a removed partner, but nothing more can be sent to it. */
export function assertCanSend(partner: Partner): void {
  if (partner.status === 'removed') {
    throw new AppError(409, 'partner_removed', `partner ${partner.id} was removed`);
  }
}

/** A record's partner: partners are never deleted (only removed), so it always exists. */
export async function partnerOf(tx: StoreTx, id: number): Promise<Partner> {
  const partner = await tx.partners.getById(id);
  if (!partner) throw new Error(`partner ${id} of a fund record is missing`);
  return partner;
}

/** Queues one message to the record's partner, in the caller's unit of work. */
export async function enqueueTo(
  tx: StoreTx,
  partner: Partner,
  message: { messageId: string; kind: string; body: unknown; ref?: string },
  now: Date,
): Promise<void> {
  await tx.outbox.enqueue([{ ...message, partnerId: partner.id, toNodeId: partner.nodeId }], now);
}
