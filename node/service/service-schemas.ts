/**
 * What an operator may send about service requests, warranty claims, service agreements and
 * charges (admin API bodies, CLI flags gathered into the same shape, the portal's forms), as zod
 * schemas: the shape and bounds of each field, in the words the hand-written checks used.
 * input.ts, agreements.ts and attachments.ts read input through them, then check what a shape
 * cannot say (what goes with a comment, the billing of an agreement).
 */
import { z } from 'zod';
import {
  amountField,
  currencyCode,
  dateField,
  partnerRef,
  sentence,
  textField,
  unlessAbsent,
  utcTimeField,
} from '../input/input-atoms.ts';
import {
  CLAIM_STATUSES,
  REQUEST_CATEGORIES,
  REQUEST_PRIORITIES,
  REQUEST_STATUSES,
  type DecisionStatus,
} from '../store/service-store.ts';
import { ATTACHMENT_TYPES, PRICE_UNITS } from '../store/shared-service-store.ts';

export const DECISION_STATUSES = CLAIM_STATUSES.filter(
  (s): s is DecisionStatus => s !== 'submitted',
) as [DecisionStatus, ...DecisionStatus[]];
/** The most documents one request carries (also in the schema). */
export const MAX_ATTACHMENTS = 10;
/** The longest SLA target: a year. */
const MAX_HOURS = 8760;

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: unlessAbsent(`must be one of ${values.join(', ')}`) });
const line = (max = 200) => textField(max, { singleLine: true });

const ATTACHMENT_WORDS = `each attachment is { "type": one of ${ATTACHMENT_TYPES.join(', ')}, "order": an order number or id }`;

const isAttachment = (v: unknown): boolean => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const entry = v as Record<string, unknown>;
  return (
    Object.keys(entry).every((k) => k === 'type' || k === 'order') &&
    (ATTACHMENT_TYPES as readonly unknown[]).includes(entry.type) &&
    typeof entry.order === 'string' &&
    /^[A-Za-z0-9._:-]{1,200}$/.test(entry.order)
  );
};

/** One check for the whole item, so a bad one is named as the list with one sentence. */
const attachment = z
  .unknown()
  .refine(isAttachment, sentence(ATTACHMENT_WORDS))
  .meta({
    type: 'object',
    properties: {
      type: { type: 'string', enum: [...ATTACHMENT_TYPES] },
      order: {
        type: 'string',
        pattern: '^[A-Za-z0-9._:-]{1,200}$',
        description: 'The order: its local number or shared id.',
      },
    },
    required: ['type', 'order'],
    additionalProperties: false,
  } as Record<string, unknown>);

export const AttachmentsInput = z
  .array(attachment, { error: `must be a list of at most ${MAX_ATTACHMENTS} documents` })
  .max(MAX_ATTACHMENTS, { error: `must be a list of at most ${MAX_ATTACHMENTS} documents` })
  .meta({
    description:
      'Documents to attach: read-only snapshots taken now from this node’s order records and sent with the request. On a revision the list replaces the attached set; without it the set travels again unchanged.',
  });

const requestChanges = {
  category: oneOf(REQUEST_CATEGORIES),
  subject: line(),
  description: textField(5000),
  priority: oneOf(REQUEST_PRIORITIES).meta({ default: 'normal' }),
  product: line().nullable().meta({ description: 'Product id or SKU; null clears it.' }),
  serial: line().nullable().meta({ description: 'Serial number; null clears it.' }),
  dueAt: utcTimeField('2027-01-31T17:00:00Z').nullable().meta({
    description: 'RFC 3339 UTC time; past it an unresolved request is overdue. Null clears it.',
  }),
};

/** A new request's fields (priority defaults to normal). */
export const RequestFieldsInput = z.strictObject({
  ...requestChanges,
  priority: requestChanges.priority.optional(),
  product: requestChanges.product.optional(),
  serial: requestChanges.serial.optional(),
  dueAt: requestChanges.dueAt.optional(),
});

/** A change of a request's core fields: only those given. */
export const RequestChangesInput = z.strictObject(
  Object.fromEntries(Object.entries(requestChanges).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof requestChanges]: z.ZodOptional<(typeof requestChanges)[K]>;
  },
);

export const ServiceRequestOpen = z
  .strictObject({
    ...RequestFieldsInput.shape,
    attachments: AttachmentsInput.optional(),
    partner: partnerRef,
  })
  .meta({ id: 'ServiceRequestOpen' });

export const ServiceRequestRevision = z
  .strictObject({ ...RequestChangesInput.shape, attachments: AttachmentsInput.optional() })
  .meta({
    id: 'ServiceRequestRevision',
    description: 'Only the fields given change; the version goes up and the partner is told.',
  });

export const ServiceRequestUpdate = z
  .strictObject({
    status: oneOf(REQUEST_STATUSES).optional(),
    comment: textField(5000).optional(),
    visibility: oneOf(['partner', 'internal']).optional().meta({
      description: 'Required with a comment: internal comments never leave this node.',
    }),
  })
  .meta({ id: 'ServiceRequestUpdate', description: 'A status, a comment, or both.' });

export const ServiceWithdrawal = z
  .strictObject({ reason: textField(500) })
  .meta({ id: 'ServiceWithdrawal' });

const claimFields = {
  product: line(),
  serial: line(),
  purchaseDate: dateField(),
  failureDate: dateField().meta({ description: 'Not before purchaseDate.' }),
  failure: textField(5000),
  claimedAmount: amountField(),
  currency: currencyCode().meta({ description: 'ISO 4217 code.' }),
  requestId: line().nullable().meta({
    description: 'A service request shared with the same partner (its wire id); null clears it.',
  }),
};

/** A new claim's fields. */
export const ClaimFieldsInput = z.strictObject({
  ...claimFields,
  requestId: claimFields.requestId.optional(),
});

/** A change of a claim: only the fields given. */
export const ClaimChangesInput = z
  .strictObject(
    Object.fromEntries(Object.entries(claimFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof claimFields]: z.ZodOptional<(typeof claimFields)[K]>;
    },
  )
  .meta({
    id: 'WarrantyClaimAmendment',
    description: 'A new claim version with the fields given changed; the claim is submitted again.',
  });

export const WarrantyClaimFile = z
  .strictObject({ ...ClaimFieldsInput.shape, vendor: partnerRef })
  .meta({ id: 'WarrantyClaimFile' });

export const WarrantyDecisionRequest = z
  .strictObject({
    status: oneOf(DECISION_STATUSES),
    approvedAmount: amountField().optional().meta({
      description: 'Required with approved and partial; at most the amount claimed.',
    }),
    reason: textField(500)
      .optional()
      .meta({ description: 'Sent to the claimant; required with rejected and more_info.' }),
  })
  .meta({ id: 'WarrantyDecisionRequest' });

const hours = (description: string) =>
  z
    .number({ error: `must be a whole number of hours from 1 to ${MAX_HOURS}` })
    .int({ error: `must be a whole number of hours from 1 to ${MAX_HOURS}` })
    .min(1, { error: `must be a whole number of hours from 1 to ${MAX_HOURS}` })
    .max(MAX_HOURS, { error: `must be a whole number of hours from 1 to ${MAX_HOURS}` })
    .nullable()
    .optional()
    .meta({ description });

const categoriesWords = `must list one or more of ${REQUEST_CATEGORIES.join(', ')}, each once`;

export const ServiceAgreementPut = z
  .strictObject({
    categories: z
      .array(z.enum(REQUEST_CATEGORIES), { error: categoriesWords })
      .min(1, { error: categoriesWords })
      .refine((c) => new Set(c).size === c.length, { error: categoriesWords })
      .meta({
        description:
          'The request categories offered, each once; others are refused (service_not_offered).',
      }),
    billable: z
      .boolean({ error: 'must be true or false' })
      .optional()
      .meta({ default: false } as Record<string, unknown>),
    price: amountField()
      .nullable()
      .optional()
      .meta({ description: 'Required when billable, refused otherwise.' }),
    currency: currencyCode().nullable().optional(),
    priceUnit: z
      .enum(PRICE_UNITS, { error: `must be one of ${PRICE_UNITS.join(', ')}` })
      .nullable()
      .optional()
      .meta({ description: 'request or hour (started); null when not billable.' }),
    responseHours: hours('First answer due this many hours after receipt.'),
    resolutionHours: hours('Resolution due this many hours after receipt; drives the overdue job.'),
  })
  .meta({ id: 'ServiceAgreementPut' });

export const ServiceInvoiceRequest = z
  .strictObject({
    partner: partnerRef,
    invoiceNumber: z
      .string({ error: unlessAbsent('must be 1 to 64 letters, digits or . _ / -') })
      .regex(/^[A-Za-z0-9._/-]{1,64}$/, { error: 'must be 1 to 64 letters, digits or . _ / -' }),
    charges: z
      .array(
        z
          .number({ error: 'must list 1 to 1000 charge ids' })
          .int({ error: 'must list 1 to 1000 charge ids' })
          .min(1, { error: 'must list 1 to 1000 charge ids' })
          .max(Number.MAX_SAFE_INTEGER, { error: 'must list 1 to 1000 charge ids' }),
        { error: 'must list 1 to 1000 charge ids' },
      )
      .min(1, { error: 'must list 1 to 1000 charge ids' })
      .max(1000, { error: 'must list 1 to 1000 charge ids' })
      .optional()
      .meta({
        description: 'The charges to invoice; without it, all the partner’s open charges.',
      }),
  })
  .meta({ id: 'ServiceInvoiceRequest' });
