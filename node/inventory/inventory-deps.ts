/** What this domain's operations need from the node, and the checks they share. */
import type { NodeDeps } from '../deps.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export type InventoryDeps = Pick<
  NodeDeps,
  'store' | 'clock' | 'nodeId' | 'schemas' | 'notifyOutbox'
>;

/** A body we are about to send must pass its schema; what fails is named by its JSON pointer. */
export function assertValidBody(
  deps: Pick<NodeDeps, 'schemas'>,
  kind: string,
  body: unknown,
): void {
  const valid = deps.schemas.validateBody(kind, body);
  if (!valid.ok) {
    // /lines/3/qty → lines[3].qty: the admin API's own name for the field.
    const field =
      valid.pointer
        .split('/')
        .filter(Boolean)
        .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
        .join('') || 'body';
    throw badRequest('invalid_field', `invalid ${field}: ${valid.detail}`, field);
  }
}

/** Records stay with a removed partner, but nothing more can be sent to it. */
export function assertCanSend(partner: Partner): void {
  if (partner.status === 'removed') {
    throw new AppError(409, 'partner_removed', `partner ${partner.id} was removed`);
  }
}

export async function partnerOf(tx: StoreTx, id: number): Promise<Partner> {
  const partner = await tx.partners.getById(id);
  if (!partner) throw notFound(`partner ${id}`);
  return partner;
}

/** Queues one message to a partner, in the caller's unit of work. */
export async function enqueueTo(
  tx: StoreTx,
  partner: Partner,
  message: { messageId: string; kind: string; body: unknown; ref?: string },
  now: Date,
): Promise<void> {
  await tx.outbox.enqueue([{ ...message, partnerId: partner.id, toNodeId: partner.nodeId }], now);
}
