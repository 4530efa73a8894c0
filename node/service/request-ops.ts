/**
 * What an operator does with service requests (admin API and CLI alike): open one with a partner,
 * revise its core fields (opener only), change its status or comment on it, withdraw it. Each
 * writes the request and the message it causes in one unit of work.
 */
import { newMessageId } from '../../protocol/index.ts';
import {
  assertCanSend,
  assertValidBody,
  enqueueTo,
  partnerOf,
} from '../domain-kernel/send-to-partner.ts';
import { sendWithdraw } from '../domain-kernel/send-withdraw.ts';
import { AppError } from '../errors.ts';
import type {
  CommentVisibility,
  RequestFields,
  RequestStatus,
  ServiceRequest,
} from '../store/service-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';
import type { Attachment } from '../store/shared-service-store.ts';
import { attachmentsToWire, takeSnapshots, type AttachInput } from './attachments.ts';
import { findRequestRef } from './find-record.ts';
import { bookChargeIfBillable } from './charges.ts';
import { nextLocalStamp } from './request-rules.ts';
import type { ServiceDeps } from './service-deps.ts';
import { REQUEST_RECORD_KIND, requestBody, type ServiceUpdateBody } from './wire.ts';

export interface RequestRef {
  ref: string;
  partner?: Partner;
}

export async function openRequest(
  deps: ServiceDeps,
  partner: Partner,
  fields: RequestFields,
  attach: AttachInput[] = [],
): Promise<ServiceRequest> {
  assertCanSend(partner);
  const requestId = newMessageId();
  const now = deps.clock.now();
  const messageId = newMessageId();
  const request = await deps.store.transact(async (tx) => {
    // Snapshots are taken in the unit that sends them: what travels is what was held then.
    const attachments = await takeSnapshots(tx, attach, now);
    const body = requestBody(requestId, fields, 1, attachmentsToWire(attachments));
    assertValidBody(deps.schemas, 'service.request', body, { wrapper: 'request' });
    const created = await tx.service.insertRequest({
      requestId,
      partnerId: partner.id,
      owner: 'self',
      fields,
      version: 1,
      at: now,
    });
    await tx.sharedServices.replaceAttachments(created.id, attachments, now);
    await tx.service.addEvent(
      selfEvent(deps, created, now, { type: 'opened', messageId, version: 1 }),
    );
    await enqueueTo(tx, partner, { messageId, kind: 'service.request', body }, now);
    return created;
  });
  deps.notifyOutbox();
  return request;
}

/** Changes the core fields of a request we opened; a change that changes nothing sends nothing. */
export async function reviseRequest(
  deps: ServiceDeps,
  target: RequestRef,
  changes: Partial<RequestFields>,
  attach?: AttachInput[],
): Promise<ServiceRequest> {
  const now = deps.clock.now();
  const sent = await deps.store.transact(async (tx) => {
    const { request, partner } = await loadForChange(tx, target);
    if (request.owner !== 'self') {
      throw new AppError(409, 'not_owner', "only the request's opener changes its core fields");
    }
    const fields = { ...fieldsOf(request), ...changes };
    const held = await tx.sharedServices.attachments(request.id);
    // New attachments are snapshots taken now; without them the held set travels again.
    const attachments: Attachment[] = attach ? await takeSnapshots(tx, attach, now) : held;
    if (sameFields(fields, fieldsOf(request)) && sameAttachments(attachments, held)) return false;
    assertCanSend(partner);
    const version = request.version + 1;
    const body = requestBody(request.requestId, fields, version, attachmentsToWire(attachments));
    assertValidBody(deps.schemas, 'service.request', body, { wrapper: 'request' });
    const messageId = newMessageId();
    await tx.service.updateRequest(request.id, { ...fields, version }, now);
    await tx.sharedServices.replaceAttachments(request.id, attachments, now);
    await tx.service.addEvent(
      selfEvent(deps, request, now, { type: 'revised', messageId, version }),
    );
    await enqueueTo(tx, partner, { messageId, kind: 'service.request', body }, now);
    return true;
  });
  if (sent) deps.notifyOutbox();
  return reload(deps, target);
}

export interface UpdateInput {
  status?: RequestStatus;
  comment?: { text: string; visibility: CommentVisibility };
}

/**
 * A status change and/or a comment. A status change or a partner comment travels as a
 * service.update (a comment alone carries the current status); an internal comment is written
 * here only and never enters a message.
 */
export async function updateRequest(
  deps: ServiceDeps,
  target: RequestRef,
  input: UpdateInput,
): Promise<ServiceRequest> {
  const now = deps.clock.now();
  const sent = await deps.store.transact(async (tx) => {
    const { request, partner } = await loadForChange(tx, target);
    const partnerComment = input.comment?.visibility === 'partner' ? input.comment : undefined;
    const sends = input.status !== undefined || partnerComment !== undefined;
    if (sends) {
      assertCanSend(partner);
      const stamp = nextLocalStamp(request, now, deps.nodeId);
      const version = request.selfUpdateVersion + 1;
      const status = input.status ?? request.status;
      const comment = partnerComment && { id: newMessageId(), text: partnerComment.text };
      const body: ServiceUpdateBody = {
        requestId: request.requestId,
        status,
        ...(comment && { comment }),
        version,
        changedAt: new Date(stamp.at).toISOString(),
      };
      assertValidBody(deps.schemas, 'service.update', body);
      const messageId = newMessageId();
      // Our stamp is later than the one held, so our status wins here, as it will there.
      await tx.service.updateRequest(
        request.id,
        { status, statusStamp: stamp, selfUpdateVersion: version, selfUpdateAt: stamp.at },
        now,
      );
      await tx.service.addEvent({
        ...selfEvent(deps, request, new Date(stamp.at), { type: 'update', messageId, version }),
        status,
        comment: comment ? { ...comment, visibility: 'partner' } : null,
        recordedAt: now,
      });
      await enqueueTo(tx, partner, { messageId, kind: 'service.update', body }, now);
      if (status === 'resolved') await bookChargeIfBillable(tx, request, now);
    }
    if (input.comment?.visibility === 'internal') {
      await tx.service.addEvent({
        ...selfEvent(deps, request, now, { type: 'comment', messageId: null, version: null }),
        comment: { id: newMessageId(), text: input.comment.text, visibility: 'internal' },
      });
    }
    return sends;
  });
  if (sent) deps.notifyOutbox();
  return reload(deps, target);
}

/** Stops sharing a request we opened; withdrawing again changes nothing. */
export async function withdrawRequest(
  deps: ServiceDeps,
  target: RequestRef,
  reason: string,
): Promise<ServiceRequest> {
  const now = deps.clock.now();
  const sent = await deps.store.transact(async (tx) => {
    const request = await findRequestRef(tx, target.ref, target.partner);
    if (request.owner !== 'self') {
      throw new AppError(409, 'not_owner', 'only the opener withdraws a request');
    }
    if (request.withdrawnAt !== null) return false;
    const partner = await partnerOf(tx, request.partnerId);
    const messageId = await sendWithdraw(
      tx,
      deps.schemas,
      partner,
      { recordKind: REQUEST_RECORD_KIND, recordId: request.requestId, reason },
      now,
    );
    await tx.service.updateRequest(request.id, { withdrawnAt: now, withdrawnReason: reason }, now);
    await tx.service.addEvent({
      ...selfEvent(deps, request, now, { type: 'withdrawn', messageId, version: null }),
      reason,
    });
    return true;
  });
  if (sent) deps.notifyOutbox();
  return reload(deps, target);
}

async function loadForChange(tx: StoreTx, target: RequestRef) {
  const request = await findRequestRef(tx, target.ref, target.partner);
  if (request.withdrawnAt !== null) {
    throw new AppError(409, 'request_withdrawn', 'the request was withdrawn by its opener');
  }
  return { request, partner: await partnerOf(tx, request.partnerId) };
}

async function reload(deps: ServiceDeps, target: RequestRef): Promise<ServiceRequest> {
  return deps.store.read((tx) => findRequestRef(tx, target.ref, target.partner));
}

function selfEvent(
  deps: ServiceDeps,
  request: ServiceRequest,
  at: Date,
  e: {
    type: 'opened' | 'revised' | 'update' | 'comment' | 'withdrawn';
    messageId: string | null;
    version: number | null;
  },
) {
  return {
    requestRowId: request.id,
    side: 'self' as const,
    byNodeId: deps.nodeId,
    at,
    status: null,
    comment: null,
    reason: null,
    recordedAt: at,
    ...e,
  };
}

export function fieldsOf(r: ServiceRequest): RequestFields {
  return {
    category: r.category,
    subject: r.subject,
    description: r.description,
    priority: r.priority,
    product: r.product,
    serial: r.serial,
    dueAt: r.dueAt,
  };
}

function sameAttachments(a: Attachment[], b: Attachment[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => x.type === b[i]!.type && x.contentHash === b[i]!.contentHash)
  );
}

function sameFields(a: RequestFields, b: RequestFields): boolean {
  return (
    a.category === b.category &&
    a.subject === b.subject &&
    a.description === b.description &&
    a.priority === b.priority &&
    a.product === b.product &&
    a.serial === b.serial &&
    (a.dueAt?.getTime() ?? null) === (b.dueAt?.getTime() ?? null)
  );
}
