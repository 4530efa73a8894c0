/**
 * What the service operations answer (requests, warranty claims, agreements, charges), as zod
 * schemas: the document describes them and the contract test holds the answers to them.
 */
import { z } from 'zod';
import {
  CLAIM_STATUSES,
  REQUEST_CATEGORIES,
  REQUEST_PRIORITIES,
  REQUEST_STATUSES,
} from '../../store/service-store.ts';
import { ATTACHMENT_TYPES, PRICE_UNITS } from '../../store/shared-service-store.ts';
import { RECORD_OWNERS } from '../record-params.ts';
import { anyObject, date, decimal, intOrNull, nextCursor, partnerOf } from '../record-schemas.ts';
import { recordRefusal, stringOrNull, time, timeOrNull } from '../view-schemas.ts';

const owner = (description: string) => z.enum(RECORD_OWNERS).meta({ description });

export const ServiceCharge = z
  .strictObject({
    id: z.number().int(),
    requestRowId: z.number().int().meta({ description: "This node's number for the request." }),
    requestId: stringOrNull.meta({ description: 'The request’s wire id.' }),
    partnerId: z.number().int(),
    unit: z.enum(PRICE_UNITS),
    quantity: z
      .number()
      .int()
      .meta({ description: '1 per request, or hours started to resolution.' }),
    price: decimal,
    amount: decimal,
    currency: z.string(),
    status: z.enum(['open', 'invoiced']),
    invoiceNumber: stringOrNull,
    invoicedAt: timeOrNull,
    bookedAt: time,
  })
  .meta({ id: 'ServiceCharge' });

const requestFields = {
  id: z.number().int().meta({ description: "This node's number for the request." }),
  requestId: z.string().meta({ description: "The opener's id for it, on the wire." }),
  partner: partnerOf,
  owner: owner('self: this node opened it (owns its core fields); partner: the partner did.'),
  category: z.enum(REQUEST_CATEGORIES),
  subject: z.string(),
  description: z.string(),
  priority: z.enum(REQUEST_PRIORITIES),
  product: stringOrNull,
  serial: stringOrNull,
  dueAt: timeOrNull,
  version: z.number().int().meta({ description: 'Version of the core fields (opener only).' }),
  status: z.enum(REQUEST_STATUSES),
  statusChangedAt: timeOrNull.meta({ description: 'changedAt of the update that set the status.' }),
  statusChangedBy: stringOrNull.meta({ description: 'Node id of that update’s author.' }),
  overdue: z
    .boolean()
    .meta({ description: 'Past dueAt now, and neither resolved, closed nor withdrawn.' }),
  overdueMarkedAt: timeOrNull.meta({ description: 'When the overdue job noticed it.' }),
  responseBreachedAt: timeOrNull.meta({
    description:
      'We are the provider: when the response-time job found no answer from us within the service agreement’s responseHours (kept after a late answer).',
  }),
  withdrawn: z.boolean(),
  withdrawnAt: timeOrNull,
  withdrawnReason: stringOrNull,
  createdAt: time,
  updatedAt: time,
  refusal: recordRefusal('request'),
};

export const ServiceRequest = z.strictObject(requestFields).meta({ id: 'ServiceRequest' });

export const ServiceRequestDetail = z
  .strictObject({
    ...requestFields,
    timeline: z.array(
      z.strictObject({
        type: z.enum([
          'opened',
          'revised',
          'update',
          'comment',
          'overdue',
          'response_breached',
          'withdrawn',
        ]),
        side: z.enum(['self', 'partner', 'system']),
        by: stringOrNull.meta({ description: "The author's node id." }),
        at: time,
        messageId: stringOrNull.meta({
          description: 'The message that carried it; null if none did.',
        }),
        version: intOrNull,
        status: stringOrNull.meta({ description: 'With update: the status the update carried.' }),
        comment: z
          .object({
            id: z.string(),
            text: z.string(),
            visibility: z.enum(['partner', 'internal']),
          })
          .nullable(),
        reason: stringOrNull,
        recordedAt: time,
      }),
    ),
    attachments: z.array(
      z.strictObject({
        type: z.enum(ATTACHMENT_TYPES),
        recordId: z.string(),
        contentHash: z.string(),
        takenAt: time,
        readOnly: z.boolean().meta({ description: 'Always true: a snapshot never changes here.' }),
        snapshot: anyObject,
      }),
    ),
    respondBy: timeOrNull.meta({
      description: 'When we provide it: the first answer due under the agreement.',
    }),
    charge: ServiceCharge.nullable(),
  })
  .meta({ id: 'ServiceRequestDetail' });

export const ServiceRequestPage = z
  .strictObject({ requests: z.array(ServiceRequest), nextCursor })
  .meta({ id: 'ServiceRequestPage' });

const claimFields = {
  id: z.number().int().meta({ description: "This node's number for the claim." }),
  claimId: z.string().meta({ description: "The claimant's id for it, on the wire." }),
  partner: partnerOf,
  owner: owner('self: we filed it (with the vendor); partner: filed with us.'),
  product: z.string(),
  serial: z.string(),
  purchaseDate: date,
  failureDate: date,
  failure: z.string(),
  claimedAmount: decimal,
  currency: z.string(),
  requestId: stringOrNull,
  version: z.number().int(),
  status: z.enum(CLAIM_STATUSES),
  decisionVersion: z.number().int().meta({ description: '0 before the first decision.' }),
  decidedVersion: intOrNull,
  approvedAmount: stringOrNull.meta({ description: 'In the claim currency.' }),
  decisionReason: stringOrNull,
  decidedAt: timeOrNull,
  withdrawn: z.boolean(),
  withdrawnAt: timeOrNull,
  withdrawnReason: stringOrNull,
  createdAt: time,
  updatedAt: time,
  refusal: recordRefusal('claim'),
};

export const WarrantyClaim = z.strictObject(claimFields).meta({ id: 'WarrantyClaim' });

export const WarrantyClaimDetail = z
  .strictObject({
    ...claimFields,
    history: z.array(
      z.strictObject({
        type: z.enum(['filed', 'decision', 'withdrawn']),
        side: z.enum(['self', 'partner']),
        by: stringOrNull,
        at: time,
        messageId: stringOrNull,
        version: intOrNull,
        status: stringOrNull,
        amount: stringOrNull,
        reason: stringOrNull,
      }),
    ),
  })
  .meta({ id: 'WarrantyClaimDetail' });

export const WarrantyClaimPage = z
  .strictObject({ claims: z.array(WarrantyClaim), nextCursor })
  .meta({ id: 'WarrantyClaimPage' });

export const ServiceAgreement = z
  .strictObject({
    partnerId: z.number().int(),
    categories: z.array(z.enum(REQUEST_CATEGORIES)),
    responseHours: intOrNull,
    resolutionHours: intOrNull,
    billable: z.boolean(),
    price: decimal.nullable(),
    currency: stringOrNull,
    priceUnit: z.enum(PRICE_UNITS).nullable(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'ServiceAgreement' });

export const ServiceInvoice = z
  .strictObject({
    invoiceNumber: z.string(),
    partnerId: z.number().int(),
    totals: z.array(z.strictObject({ currency: z.string(), amount: decimal })),
    charges: z.array(ServiceCharge),
  })
  .meta({ id: 'ServiceInvoice' });
