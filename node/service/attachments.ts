/**
 * Documents a service request carries: read-only snapshots the opener takes from its own order
 * records when it sends the request (an order with its lines and addresses, its shipment, its
 * invoice, or the receivable booked for it), each with the order's shared id and a content hash.
 * The provider keeps them as received, checks each hash, and erases them on withdrawal.
 */
import { contentHash } from '../../protocol/index.ts';
import { AppError } from '../errors.ts';
import { parseInput } from '../input/parse-input.ts';
import { AttachmentsInput } from './service-schemas.ts';
import { findOrderRef } from '../orders/find-order.ts';
import type { HandlerOutcome } from '../handlers/handler.ts';
import { OK } from '../handlers/handler.ts';
import type { Order, Receivable } from '../store/order-store.ts';
import {
  ATTACHMENT_TYPES,
  type Attachment,
  type AttachmentType,
} from '../store/shared-service-store.ts';
import type { StoreTx } from '../store/store.ts';
import { conflict } from '../domain-kernel/outcomes.ts';

export { MAX_ATTACHMENTS } from './service-schemas.ts';
/** The most bytes of canonical JSON one snapshot may take (also in PROTOCOL.md). */
export const MAX_SNAPSHOT_BYTES = 16 * 1024;

/** What an operator asks to attach: a type and an order (its local number or shared id). */
export interface AttachInput {
  type: AttachmentType;
  order: string;
}

export interface AttachmentWire {
  type: AttachmentType;
  recordId: string;
  contentHash: string;
  takenAt: string;
  snapshot: Record<string, unknown>;
}

/** Admin and CLI input: `[{ type, order }]`, at most MAX_ATTACHMENTS. */
export function parseAttachInputs(value: unknown): AttachInput[] | undefined {
  if (value === undefined) return undefined;
  return parseInput(AttachmentsInput, value, 'attachments') as AttachInput[];
}

/** Takes each snapshot from this node's records now; a document that does not exist yet is refused. */
export async function takeSnapshots(
  tx: StoreTx,
  inputs: AttachInput[],
  now: Date,
): Promise<Attachment[]> {
  const taken: Attachment[] = [];
  for (const input of inputs) {
    const order = await findOrderRef(tx, { ref: input.order });
    taken.push(await snapshotOfOrder(tx, input.type, order, now));
  }
  return taken;
}

/**
 * One document of an order the caller already found (and authorized: the portal takes only the
 * signed-in partner's orders), as a read-only snapshot taken now.
 */
export async function snapshotOfOrder(
  tx: StoreTx,
  type: AttachmentType,
  order: Order,
  now: Date,
): Promise<Attachment> {
  const receivable = type === 'receivable' ? await tx.orders.receivableOfOrder(order.id) : null;
  const snapshot = snapshotOf(type, order, receivable);
  if (Buffer.byteLength(JSON.stringify(snapshot)) > MAX_SNAPSHOT_BYTES) {
    throw new AppError(
      413,
      'attachment_too_large',
      `the ${type} of order ${order.orderId} is over ${MAX_SNAPSHOT_BYTES} bytes`,
      { field: 'attachments' },
    );
  }
  return {
    type,
    recordId: order.orderId,
    contentHash: contentHash(snapshot),
    snapshot,
    takenAt: now,
  };
}

function snapshotOf(
  type: AttachmentType,
  o: Order,
  receivable: Receivable | null,
): Record<string, unknown> {
  const unavailable = (what: string) =>
    new AppError(409, 'attachment_unavailable', `order ${o.orderId} has no ${what} yet`, {
      field: 'attachments',
    });
  const iso = (d: Date | null) => d?.toISOString();
  switch (type) {
    case 'order':
      return compact({
        orderId: o.orderId,
        type: o.type,
        status: o.status,
        currency: o.currency,
        priceListId: o.priceListId,
        priceListVersion: o.priceListVersion,
        lines: o.lines,
        total: o.total,
        acceptedTotal: o.acceptedTotal,
        shipTo: o.shipTo,
        endCustomer: o.endCustomer,
        note: o.note,
        orderedAt: iso(o.orderedAt),
      });
    case 'shipment':
      if (o.shippedAt === null) throw unavailable('shipment');
      return compact({
        orderId: o.orderId,
        status: o.status,
        lines: o.lines,
        shipTo: o.shipTo,
        shippedAt: iso(o.shippedAt),
        tracking: o.tracking,
        deliveredAt: iso(o.deliveredAt),
      });
    case 'invoice':
      if (o.invoicedAt === null) throw unavailable('invoice');
      return compact({
        orderId: o.orderId,
        currency: o.currency,
        lines: o.lines,
        total: o.total,
        acceptedTotal: o.acceptedTotal,
        invoicedAt: iso(o.invoicedAt),
      });
    case 'receivable':
      if (receivable === null) throw unavailable('receivable');
      return compact({
        orderId: o.orderId,
        currency: receivable.currency,
        amount: receivable.amount,
        paid: receivable.paid,
        status: receivable.status,
        bookedAt: iso(receivable.bookedAt),
        paidAt: iso(receivable.paidAt),
      });
  }
}

/** Drops absent fields, so a snapshot (and its hash) holds only what the record has. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

export function attachmentsToWire(attachments: Attachment[]): AttachmentWire[] {
  return attachments.map((a) => ({
    type: a.type,
    recordId: a.recordId,
    contentHash: a.contentHash,
    takenAt: a.takenAt.toISOString(),
    snapshot: a.snapshot,
  }));
}

export function attachmentsFromWire(wire: AttachmentWire[] | undefined): Attachment[] {
  return (wire ?? []).map((a) => ({ ...a, takenAt: new Date(a.takenAt) }));
}

/** What arrives must be what its hash says and within the size bound; else `conflict`. */
export function checkReceivedAttachments(wire: AttachmentWire[] | undefined): HandlerOutcome {
  for (const a of wire ?? []) {
    if (Buffer.byteLength(JSON.stringify(a.snapshot)) > MAX_SNAPSHOT_BYTES) {
      return conflict(`attachment_too_large: the ${a.type} of ${a.recordId} is too large`);
    }
    if (contentHash(a.snapshot) !== a.contentHash) {
      return conflict(
        `attachment_hash_mismatch: the ${a.type} of ${a.recordId} does not match its contentHash`,
      );
    }
  }
  return OK;
}

export function attachmentView(a: Attachment) {
  return {
    type: a.type,
    recordId: a.recordId,
    contentHash: a.contentHash,
    takenAt: a.takenAt.toISOString(),
    readOnly: true as const,
    snapshot: a.snapshot,
  };
}
