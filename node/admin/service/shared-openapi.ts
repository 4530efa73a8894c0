/**
 * Shared services in the OpenAPI document: documents attached to requests (added to the request
 * schemas of openapi.ts), service agreements and charges.
 */
import { MAX_ATTACHMENTS } from '../../service/attachments.ts';
import { REQUEST_CATEGORIES } from '../../store/service-store.ts';
import { ATTACHMENT_TYPES, PRICE_UNITS } from '../../store/shared-service-store.ts';
import {
  closedObject,
  cursorPage,
  ok,
  operation,
  param,
  response,
  stringOrNull,
  time,
  timeOrNull,
} from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { PathItemObject, SchemaObject } from '../openapi-types.ts';

const decimal: SchemaObject = {
  type: 'string',
  pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$',
  maxLength: 40,
};
const decimalOrNull: SchemaObject = { ...decimal, type: ['string', 'null'] };
const hours: SchemaObject = { type: ['integer', 'null'], minimum: 1, maximum: 8760 };

const attach: SchemaObject = {
  type: 'array',
  maxItems: MAX_ATTACHMENTS,
  description:
    'Documents to attach: read-only snapshots taken now from this node’s order records and sent ' +
    'with the request. On a revision the list replaces the attached set; without it the set ' +
    'travels again unchanged.',
  items: closedObject({
    type: { type: 'string', enum: ATTACHMENT_TYPES },
    order: { type: 'string', description: 'The order: its local number or shared id.' },
  }),
};

const charge: Record<string, SchemaObject> = {
  id: { type: 'integer' },
  requestRowId: { type: 'integer', description: "This node's number for the request." },
  requestId: { ...stringOrNull, description: 'The request’s wire id.' },
  partnerId: { type: 'integer' },
  unit: { type: 'string', enum: PRICE_UNITS },
  quantity: { type: 'integer', description: '1 per request, or hours started to resolution.' },
  price: decimal,
  amount: decimal,
  currency: { type: 'string' },
  status: { type: 'string', enum: ['open', 'invoiced'] },
  invoiceNumber: stringOrNull,
  invoicedAt: timeOrNull,
  bookedAt: time,
};

const agreementFields: Record<string, SchemaObject> = {
  categories: {
    type: 'array',
    minItems: 1,
    items: { type: 'string', enum: REQUEST_CATEGORIES },
    description:
      'The request categories offered, each once; others are refused (service_not_offered).',
  },
  responseHours: { ...hours, description: 'First answer due this many hours after receipt.' },
  resolutionHours: {
    ...hours,
    description: 'Resolution due this many hours after receipt; drives the overdue job.',
  },
  billable: { type: 'boolean', default: false },
  price: { ...decimalOrNull, description: 'Required when billable, refused otherwise.' },
  currency: { type: ['string', 'null'], pattern: '^[A-Z]{3}$' },
  priceUnit: {
    oneOf: [{ type: 'string', enum: PRICE_UNITS }, { type: 'null' }],
    description: 'request or hour (started); null when not billable.',
  },
};

/** The request schemas of openapi.ts with what shared services add to them. */
export function withSharedServices(
  schemas: Record<string, SchemaObject>,
): Record<string, SchemaObject> {
  const extend = (name: string, properties: Record<string, SchemaObject>, required = false) => {
    const base = schemas[name]!;
    return {
      ...base,
      properties: { ...base.properties, ...properties },
      required: [...(base.required ?? []), ...(required ? Object.keys(properties) : [])],
    };
  };
  return {
    ...schemas,
    ServiceRequestDetail: extend(
      'ServiceRequestDetail',
      {
        attachments: {
          type: 'array',
          items: closedObject({
            type: { type: 'string', enum: ATTACHMENT_TYPES },
            recordId: { type: 'string' },
            contentHash: { type: 'string' },
            takenAt: time,
            readOnly: {
              type: 'boolean',
              description: 'Always true: a snapshot never changes here.',
            },
            snapshot: { type: 'object' },
          }),
        },
        respondBy: {
          ...timeOrNull,
          description: 'When we provide it: the first answer due under the agreement.',
        },
        charge: { oneOf: [closedObject(charge), { type: 'null' }] },
      },
      true,
    ),
    ServiceRequestOpen: extend('ServiceRequestOpen', { attachments: attach }),
    ServiceRequestRevision: extend('ServiceRequestRevision', { attachments: attach }),
    ServiceAgreement: closedObject({
      partnerId: { type: 'integer' },
      ...agreementFields,
      createdAt: time,
      updatedAt: time,
    }),
    ServiceAgreementPut: closedObject(agreementFields, ['categories']),
    ServiceAgreementList: closedObject({
      agreements: { type: 'array', items: ref('ServiceAgreement') },
    }),
    ServiceCharge: closedObject(charge),
    ServiceChargePage: cursorPage('charges', 'ServiceCharge'),
    ServiceInvoiceRequest: closedObject(
      {
        partner: ref('PartnerRef'),
        invoiceNumber: { type: 'string', pattern: '^[A-Za-z0-9._/-]{1,64}$' },
        charges: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: { type: 'integer', minimum: 1 },
          description: 'The charges to invoice; without it, all the partner’s open charges.',
        },
      },
      ['partner', 'invoiceNumber'],
    ),
    ServiceInvoice: closedObject({
      invoiceNumber: { type: 'string' },
      partnerId: { type: 'integer' },
      totals: {
        type: 'array',
        items: closedObject({ currency: { type: 'string' }, amount: decimal }),
      },
      charges: { type: 'array', items: ref('ServiceCharge') },
    }),
  };
}

const partnerPath = {
  name: 'partner',
  in: 'path' as const,
  required: true,
  description: 'The partner: its number or node id.',
  schema: { type: 'string' as const },
};
const agreement = ok('The agreement.', ref('ServiceAgreement'));

export const SHARED_SERVICE_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/service/agreements': {
    get: operation('listServiceAgreements', {
      summary: 'The service agreements this node keeps with the partners it serves',
      tag: 'service',
      responses: { '200': ok('Every agreement.', ref('ServiceAgreementList')) },
    }),
  },
  '/service/agreements/{partner}': {
    get: operation('getServiceAgreement', {
      summary: 'The service agreement with one partner',
      tag: 'service',
      parameters: [partnerPath],
      responses: { '200': agreement, '400': response('BadRequest'), '404': response('NotFound') },
    }),
    put: operation('putServiceAgreement', {
      summary: 'Set the service agreement with a partner: categories, SLA, billing',
      tag: 'service',
      parameters: [partnerPath],
      body: { schema: ref('ServiceAgreementPut') },
      responses: { '200': agreement, '400': response('BadRequest'), '404': response('NotFound') },
    }),
    delete: operation('deleteServiceAgreement', {
      summary: 'Remove the agreement: every category offered again, no SLA, no charge',
      tag: 'service',
      parameters: [partnerPath],
      responses: {
        '200': ok(
          'Removed.',
          closedObject({ partnerId: { type: 'integer' }, removed: { type: 'boolean' } }),
        ),
        '400': response('BadRequest'),
        '404': response('NotFound'),
      },
    }),
  },
  '/service/charges': {
    get: operation('listServiceCharges', {
      summary: 'Charges of billable requests we resolved, newest first',
      tag: 'service',
      parameters: [
        param('partnerFilter'),
        { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'invoiced'] } },
        param('limit'),
        param('after'),
      ],
      responses: {
        '200': ok('A page.', ref('ServiceChargePage')),
        '400': response('BadRequest'),
      },
    }),
  },
  '/service/charges/invoice': {
    post: operation('invoiceServiceCharges', {
      summary: 'Invoice a partner’s open charges under one invoice number',
      tag: 'service',
      body: { schema: ref('ServiceInvoiceRequest') },
      responses: {
        '200': ok('The invoice: its charges and totals per currency.', ref('ServiceInvoice')),
        '404': response('NotFound'),
        '409': response('Conflict'),
      },
    }),
  },
};
