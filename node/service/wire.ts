/**
 * The service domain's message bodies as TypeScript types (their JSON Schemas in `schemas/` are
 * the judge of what arrives), and the conversions between them and the stored fields.
 */
import type {
  ClaimFields,
  RequestCategory,
  RequestFields,
  RequestPriority,
  RequestStatus,
  DecisionStatus,
} from '../store/service-store.ts';
import type { AttachmentWire } from './attachments.ts';

export interface ServiceRequestBody {
  request: {
    id: string;
    category: RequestCategory;
    subject: string;
    description: string;
    priority: RequestPriority;
    product?: string;
    serial?: string;
    dueAt?: string;
    attachments?: AttachmentWire[];
  };
  version: number;
}

export interface ServiceUpdateBody {
  requestId: string;
  status: RequestStatus;
  comment?: { id: string; text: string };
  version: number;
  changedAt: string;
}

export interface WarrantyClaimBody {
  claim: {
    id: string;
    product: string;
    serial: string;
    purchaseDate: string;
    failureDate: string;
    failure: string;
    claimedAmount: string;
    currency: string;
    requestId?: string;
  };
  version: number;
}

export interface WarrantyDecisionBody {
  claimId: string;
  claimVersion: number;
  status: DecisionStatus;
  approvedAmount?: string;
  reason?: string;
  version: number;
}

/** The record kinds of this domain in record.withdraw. */
export const REQUEST_RECORD_KIND = 'service_request';
export const CLAIM_RECORD_KIND = 'warranty_claim';

export function requestBody(
  id: string,
  f: RequestFields,
  version: number,
  attachments: AttachmentWire[] = [],
): ServiceRequestBody {
  return {
    request: {
      id,
      category: f.category,
      subject: f.subject,
      description: f.description,
      priority: f.priority,
      ...(f.product !== null && { product: f.product }),
      ...(f.serial !== null && { serial: f.serial }),
      ...(f.dueAt !== null && { dueAt: f.dueAt.toISOString() }),
      ...(attachments.length > 0 && { attachments }),
    },
    version,
  };
}

export function requestFieldsOf(body: ServiceRequestBody): RequestFields {
  const r = body.request;
  return {
    category: r.category,
    subject: r.subject,
    description: r.description,
    priority: r.priority,
    product: r.product ?? null,
    serial: r.serial ?? null,
    dueAt: r.dueAt === undefined ? null : new Date(r.dueAt),
  };
}

export function claimBody(id: string, f: ClaimFields, version: number): WarrantyClaimBody {
  const { requestId, ...rest } = f;
  return { claim: { id, ...rest, ...(requestId !== null && { requestId }) }, version };
}

export function claimFieldsOf(body: WarrantyClaimBody): ClaimFields {
  const { id: _id, requestId, ...rest } = body.claim;
  return { ...rest, requestId: requestId ?? null };
}
