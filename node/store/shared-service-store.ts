/**
 * Shared services' part of the storage boundary: document snapshots attached to service requests,
 * the service agreement per partner this node serves, and the charges of billable requests.
 */
import type { RequestCategory } from './service-store.ts';
import type { Page } from './types.ts';

export const ATTACHMENT_TYPES = ['order', 'shipment', 'invoice', 'receivable'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** A read-only snapshot of one document, as it travels in service.request. */
export interface Attachment {
  type: AttachmentType;
  /** The shared id of the record (an order's wire id). */
  recordId: string;
  contentHash: string;
  snapshot: Record<string, unknown>;
  /** When the opener took it (RFC 3339 on the wire). */
  takenAt: Date;
}

export const PRICE_UNITS = ['request', 'hour'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

export interface AgreementFields {
  categories: RequestCategory[];
  responseHours: number | null;
  resolutionHours: number | null;
  billable: boolean;
  /** Set exactly when billable. */
  price: string | null;
  currency: string | null;
  priceUnit: PriceUnit | null;
}

export interface Agreement extends AgreementFields {
  id: number;
  partnerId: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ChargeStatus = 'open' | 'invoiced';

export interface Charge {
  id: number;
  requestRowId: number;
  partnerId: number;
  unit: PriceUnit;
  quantity: number;
  price: string;
  amount: string;
  currency: string;
  status: ChargeStatus;
  invoiceNumber: string | null;
  invoicedAt: Date | null;
  bookedAt: Date;
}

export interface ChargeFilter {
  partnerId?: number;
  status?: ChargeStatus;
}

export interface SharedServiceRepo {
  /** Replaces the request's attachments with these (in order). */
  replaceAttachments(requestRowId: number, attachments: Attachment[], at: Date): Promise<void>;
  attachments(requestRowId: number): Promise<Attachment[]>;
  /** Erases the request's attachments; returns how many there were. */
  eraseAttachments(requestRowId: number): Promise<number>;

  agreementOf(partnerId: number): Promise<Agreement | null>;
  putAgreement(partnerId: number, fields: AgreementFields, at: Date): Promise<Agreement>;
  deleteAgreement(partnerId: number): Promise<boolean>;
  listAgreements(): Promise<Agreement[]>;

  /** Books a charge unless the request has one already; returns it, or null when it had one. */
  insertCharge(
    charge: Omit<Charge, 'id' | 'status' | 'invoiceNumber' | 'invoicedAt'>,
  ): Promise<Charge | null>;
  getCharge(id: number): Promise<Charge | null>;
  chargeOfRequest(requestRowId: number): Promise<Charge | null>;
  /** Newest first; `page.after` is the id of the last charge of the previous page. */
  listCharges(filter: ChargeFilter, page: Page): Promise<Charge[]>;
  markInvoiced(ids: number[], invoiceNumber: string, at: Date): Promise<void>;
}
