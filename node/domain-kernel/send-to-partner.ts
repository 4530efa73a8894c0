/**
 * Sending a message to a partner from a domain's operation: the body must pass its own schema,
 * the partner must still be connected, and the message is queued in the caller's unit of work
 * (the record and its message commit together; the outbox worker signs and delivers it later).
 */
import { newMessageId, type MessageKind, type SchemaRegistry } from '../../protocol/index.ts';
import { AppError, badRequest } from '../errors.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import { fieldOfPointer } from './field-of-pointer.ts';

export interface OutgoingMessage {
  kind: MessageKind;
  body: unknown;
  /** The message this one answers, when it answers one. */
  ref?: string;
  /** Given when the caller needed the id before (to record it with the change); else new. */
  messageId?: string;
}

export interface ValidBodyOptions {
  /** The property the body wraps its record in (`request`, `claim`), left out of field names. */
  wrapper?: string;
  /** The field to name whatever fails, when only one field can (a withdrawal's `reason`). */
  field?: string;
}

/**
 * A body we are about to send must pass its own schema. Operator input is checked field by field
 * before this; what still fails here (a control character in a subject, say) is bad input, a 400
 * naming the field, and nothing was written.
 */
export function assertValidBody(
  schemas: SchemaRegistry,
  kind: MessageKind,
  body: unknown,
  options: ValidBodyOptions = {},
): void {
  const valid = schemas.validateBody(kind, body);
  if (!valid.ok) {
    const field = options.field ?? fieldOfPointer(valid.pointer, options.wrapper);
    throw badRequest('invalid_field', `invalid ${field}: ${valid.detail}`, field);
  }
}

/** Records stay with a removed partner, but nothing more can be sent to it. */
export function assertCanSend(partner: Pick<Partner, 'id' | 'status'>): void {
  if (partner.status === 'removed') {
    throw new AppError(409, 'partner_removed', `partner ${partner.id} was removed`);
  }
}

/** A record's partner: partners are never deleted (only removed), so it always exists. */
export async function partnerOf(tx: StoreTx, id: number): Promise<Partner> {
  const partner = await tx.partners.getById(id);
  if (!partner) throw new Error(`partner ${id} of a record is missing`);
  return partner;
}

/** Queues one message to a partner, in the caller's unit of work, without checks. */
export async function enqueueTo(
  tx: StoreTx,
  partner: Pick<Partner, 'id' | 'nodeId'>,
  message: { messageId: string; kind: MessageKind; body: unknown; ref?: string | undefined },
  now: Date,
): Promise<void> {
  const { ref, ...rest } = message;
  await tx.outbox.enqueue(
    [
      {
        ...rest,
        ...(ref !== undefined && { ref }),
        partnerId: partner.id,
        toNodeId: partner.nodeId,
      },
    ],
    now,
  );
}

/**
 * Validates the body, checks the partner may still be sent to, and queues the message in the
 * caller's unit of work. Returns the message id, for the record's timeline.
 */
export async function sendToPartner(
  tx: StoreTx,
  schemas: SchemaRegistry,
  partner: Pick<Partner, 'id' | 'nodeId' | 'status'>,
  message: OutgoingMessage,
  now: Date,
  options: ValidBodyOptions = {},
): Promise<string> {
  assertCanSend(partner);
  assertValidBody(schemas, message.kind, message.body, options);
  const messageId = message.messageId ?? newMessageId();
  await enqueueTo(tx, partner, { ...message, messageId }, now);
  return messageId;
}
