/** Conversions between the service requests and their events tables' rows and the domain's records, for both stores. */
import { type ServiceEventRow, type ServiceRequestRow } from '../../db/schema/service.ts';
import type {
  CommentVisibility,
  EventSide,
  RecordOwner,
  RequestCategory,
  RequestChanges,
  RequestFields,
  RequestPriority,
  RequestStatus,
  ServiceEvent,
  ServiceEventType,
  ServiceRequest,
} from '../service-store.ts';

export function fieldColumns(f: RequestFields) {
  return {
    category: f.category,
    subject: f.subject,
    description: f.description,
    priority: f.priority,
    product: f.product,
    serial: f.serial,
    dueAt: f.dueAt === null ? null : f.dueAt.getTime(),
  };
}

export function changeColumns(c: RequestChanges): Partial<ServiceRequestRow> {
  const time = (d: Date | null | undefined) =>
    d === undefined ? undefined : (d?.getTime() ?? null);
  const columns: Partial<Record<keyof ServiceRequestRow, unknown>> = {
    category: c.category,
    subject: c.subject,
    description: c.description,
    priority: c.priority,
    product: c.product,
    serial: c.serial,
    dueAt: time(c.dueAt),
    version: c.version,
    status: c.status,
    statusAt: c.statusStamp?.at,
    statusBy: c.statusStamp?.by,
    selfUpdateVersion: c.selfUpdateVersion,
    selfUpdateAt: c.selfUpdateAt,
    partnerUpdateVersion: c.partnerUpdateVersion,
    partnerUpdateAt: c.partnerUpdateAt,
    overdueMarkedAt: time(c.overdueMarkedAt),
    withdrawnAt: time(c.withdrawnAt),
    withdrawnReason: c.withdrawnReason,
  };
  // Only what the change names is written; an undefined column would be left out anyway.
  return Object.fromEntries(
    Object.entries(columns).filter(([, v]) => v !== undefined),
  ) as Partial<ServiceRequestRow>;
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function requestColumns(row: ServiceRequestRow): Omit<ServiceRequest, 'refusal'> {
  return {
    id: row.id,
    requestId: row.requestId,
    partnerId: row.partnerId,
    owner: row.owner as RecordOwner,
    category: row.category as RequestCategory,
    subject: row.subject,
    description: row.description,
    priority: row.priority as RequestPriority,
    product: row.product,
    serial: row.serial,
    dueAt: dateOrNull(row.dueAt),
    version: row.version,
    status: row.status as RequestStatus,
    statusStamp: { at: row.statusAt, by: row.statusBy },
    selfUpdateVersion: row.selfUpdateVersion,
    selfUpdateAt: row.selfUpdateAt,
    partnerUpdateVersion: row.partnerUpdateVersion,
    partnerUpdateAt: row.partnerUpdateAt,
    overdueMarkedAt: dateOrNull(row.overdueMarkedAt),
    responseBreachedAt: dateOrNull(row.responseBreachedAt),
    withdrawnAt: dateOrNull(row.withdrawnAt),
    withdrawnReason: row.withdrawnReason,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
  };
}

export function eventFromRow(row: ServiceEventRow): ServiceEvent {
  return {
    id: row.id,
    requestRowId: row.requestRowId,
    type: row.type as ServiceEventType,
    side: row.side as EventSide,
    byNodeId: row.byNodeId,
    at: new Date(row.at),
    messageId: row.messageId,
    version: row.version,
    status: row.status as RequestStatus | null,
    comment:
      row.commentId === null || row.commentText === null
        ? null
        : {
            id: row.commentId,
            text: row.commentText,
            visibility: (row.visibility ?? 'partner') as CommentVisibility,
          },
    reason: row.reason,
    recordedAt: new Date(row.recordedAt),
  };
}
