/**
 * service.request: a partner opens a request with us, or revises one it opened. Only the opener
 * changes the core fields; an id that names a request we opened with the sender is `forbidden`
 * like any record the sender does not own.
 */
import type { MessageHandler } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import { checkOffered, slaDueAt } from './agreements.ts';
import { attachmentsFromWire, checkReceivedAttachments } from './attachments.ts';
import { conflict, NOT_SHARED } from '../domain-kernel/outcomes.ts';
import { requestFieldsOf, type ServiceRequestBody } from './wire.ts';

export const serviceRequestHandler: MessageHandler = {
  kind: 'service.request',

  async authorize({ message, partner }, tx) {
    const body = message.body as ServiceRequestBody;
    const held = await tx.service.findRequest(partner.id, body.request.id);
    if (held && held.owner !== 'partner') return NOT_SHARED;
    if (held && held.withdrawnAt !== null && body.version > held.version) {
      return conflict('the request was withdrawn');
    }
    // A late or repeated version changes nothing, so it is not judged again.
    if (held && body.version <= held.version) return OK;
    const agreement = await tx.sharedServices.agreementOf(partner.id);
    const offered = checkOffered(agreement, body.request.category);
    if (!offered.ok) return offered;
    return checkReceivedAttachments(body.request.attachments);
  },

  async apply({ message, partner, now }, tx) {
    const body = message.body as ServiceRequestBody;
    const agreement = await tx.sharedServices.agreementOf(partner.id);
    const attachments = attachmentsFromWire(body.request.attachments);
    const event = {
      side: 'partner' as const,
      byNodeId: partner.nodeId,
      at: new Date(message.sentAt),
      messageId: message.id,
      version: body.version,
      status: null,
      comment: null,
      reason: null,
      recordedAt: now,
    };
    const held = await tx.service.findRequest(partner.id, body.request.id);
    if (!held) {
      // The agreement's resolution target counts from receipt and may bring dueAt forward.
      const fields = requestFieldsOf(body);
      const created = await tx.service.insertRequest({
        requestId: body.request.id,
        partnerId: partner.id,
        owner: 'partner',
        fields: { ...fields, dueAt: slaDueAt(agreement, fields.dueAt, now) },
        version: body.version,
        at: now,
      });
      await tx.sharedServices.replaceAttachments(created.id, attachments, now);
      await tx.service.addEvent({ ...event, requestRowId: created.id, type: 'opened' });
      return OK;
    }
    // A late or repeated version changes nothing.
    if (body.version <= held.version) return OK;
    const fields = requestFieldsOf(body);
    await tx.service.updateRequest(
      held.id,
      {
        ...fields,
        dueAt: slaDueAt(agreement, fields.dueAt, held.createdAt),
        version: body.version,
      },
      now,
    );
    await tx.sharedServices.replaceAttachments(held.id, attachments, now);
    await tx.service.addEvent({ ...event, requestRowId: held.id, type: 'revised' });
    return OK;
  },
};
