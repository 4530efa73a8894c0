/** The service and warranty admin API in the OpenAPI document: its paths and record schemas. */
import { DECISION_STATUSES } from '../../service/input.ts';
import {
  CLAIM_STATUSES,
  REQUEST_CATEGORIES,
  REQUEST_PRIORITIES,
  REQUEST_STATUSES,
} from '../../store/service-store.ts';
import {
  closedObject,
  cursorPage,
  integerOrNull,
  ok,
  operation,
  param,
  partnerNarrowingQuery,
  partnerOf,
  recordIdParam,
  recordRefusal,
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
const line = (description?: string): SchemaObject => ({
  type: 'string',
  minLength: 1,
  maxLength: 200,
  ...(description && { description }),
});
const longText: SchemaObject = { type: 'string', minLength: 1, maxLength: 5000 };
const owner: SchemaObject = {
  type: 'string',
  enum: ['self', 'partner'],
  description: 'self: this node opened it (owns its core fields); partner: the partner did.',
};

const requestFields: Record<string, SchemaObject> = {
  category: { type: 'string', enum: REQUEST_CATEGORIES },
  subject: line(),
  description: longText,
  priority: { type: 'string', enum: REQUEST_PRIORITIES, default: 'normal' },
  product: { ...line('Product id or SKU; null clears it.'), type: ['string', 'null'] },
  serial: { ...line('Serial number; null clears it.'), type: ['string', 'null'] },
  dueAt: {
    ...timeOrNull,
    description: 'RFC 3339 UTC time; past it an unresolved request is overdue. Null clears it.',
  },
};

const claimFields: Record<string, SchemaObject> = {
  product: line(),
  serial: line(),
  purchaseDate: { type: 'string', format: 'date' },
  failureDate: { type: 'string', format: 'date', description: 'Not before purchaseDate.' },
  failure: longText,
  claimedAmount: decimal,
  currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code.' },
  requestId: {
    ...line('A service request shared with the same partner (its wire id); null clears it.'),
    type: ['string', 'null'],
  },
};

const serviceRequest: Record<string, SchemaObject> = {
  id: { type: 'integer', description: "This node's number for the request." },
  requestId: { type: 'string', description: "The opener's id for it, on the wire." },
  partner: partnerOf,
  owner,
  category: { type: 'string', enum: REQUEST_CATEGORIES },
  subject: { type: 'string' },
  description: { type: 'string' },
  priority: { type: 'string', enum: REQUEST_PRIORITIES },
  product: stringOrNull,
  serial: stringOrNull,
  dueAt: timeOrNull,
  version: { type: 'integer', description: 'Version of the core fields (opener only).' },
  status: { type: 'string', enum: REQUEST_STATUSES },
  statusChangedAt: { ...timeOrNull, description: 'changedAt of the update that set the status.' },
  statusChangedBy: { ...stringOrNull, description: 'Node id of that update’s author.' },
  overdue: {
    type: 'boolean',
    description: 'Past dueAt now, and neither resolved, closed nor withdrawn.',
  },
  overdueMarkedAt: { ...timeOrNull, description: 'When the overdue job noticed it.' },
  responseBreachedAt: {
    ...timeOrNull,
    description:
      'We are the provider: when the response-time job found no answer from us within the service agreement’s responseHours (kept after a late answer).',
  },
  withdrawn: { type: 'boolean' },
  withdrawnAt: timeOrNull,
  withdrawnReason: stringOrNull,
  createdAt: time,
  updatedAt: time,
  refusal: recordRefusal('request'),
};

const timelineEvent = closedObject({
  type: {
    type: 'string',
    enum: ['opened', 'revised', 'update', 'comment', 'overdue', 'response_breached', 'withdrawn'],
  },
  side: { type: 'string', enum: ['self', 'partner', 'system'] },
  by: { ...stringOrNull, description: "The author's node id." },
  at: time,
  messageId: { ...stringOrNull, description: 'The message that carried it; null if none did.' },
  version: integerOrNull,
  status: { ...stringOrNull, description: 'With update: the status the update carried.' },
  comment: {
    type: ['object', 'null'],
    properties: {
      id: { type: 'string' },
      text: { type: 'string' },
      visibility: { type: 'string', enum: ['partner', 'internal'] },
    },
    required: ['id', 'text', 'visibility'],
  },
  reason: stringOrNull,
  recordedAt: time,
});

const warrantyClaim: Record<string, SchemaObject> = {
  id: { type: 'integer', description: "This node's number for the claim." },
  claimId: { type: 'string', description: "The claimant's id for it, on the wire." },
  partner: partnerOf,
  owner: { ...owner, description: 'self: we filed it (with the vendor); partner: filed with us.' },
  product: { type: 'string' },
  serial: { type: 'string' },
  purchaseDate: { type: 'string', format: 'date' },
  failureDate: { type: 'string', format: 'date' },
  failure: { type: 'string' },
  claimedAmount: decimal,
  currency: { type: 'string' },
  requestId: stringOrNull,
  version: { type: 'integer' },
  status: { type: 'string', enum: CLAIM_STATUSES },
  decisionVersion: { type: 'integer', description: '0 before the first decision.' },
  decidedVersion: integerOrNull,
  approvedAmount: { ...stringOrNull, description: 'In the claim currency.' },
  decisionReason: stringOrNull,
  decidedAt: timeOrNull,
  withdrawn: { type: 'boolean' },
  withdrawnAt: timeOrNull,
  withdrawnReason: stringOrNull,
  createdAt: time,
  updatedAt: time,
  refusal: recordRefusal('claim'),
};

const claimEvent = closedObject({
  type: { type: 'string', enum: ['filed', 'decision', 'withdrawn'] },
  side: { type: 'string', enum: ['self', 'partner'] },
  by: stringOrNull,
  at: time,
  messageId: stringOrNull,
  version: integerOrNull,
  status: stringOrNull,
  amount: stringOrNull,
  reason: stringOrNull,
});

const withdrawal = closedObject({ reason: { type: 'string', minLength: 1, maxLength: 500 } });

export const SERVICE_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  ServiceRequest: closedObject(serviceRequest),
  ServiceRequestDetail: closedObject({
    ...serviceRequest,
    timeline: { type: 'array', items: timelineEvent },
  }),
  ServiceRequestPage: cursorPage('requests', 'ServiceRequest'),
  ServiceRequestOpen: closedObject({ partner: ref('PartnerRef'), ...requestFields }, [
    'partner',
    'category',
    'subject',
    'description',
  ]),
  ServiceRequestRevision: {
    ...closedObject(requestFields, []),
    description: 'Only the fields given change; the version goes up and the partner is told.',
  },
  ServiceRequestUpdate: {
    ...closedObject(
      {
        status: { type: 'string', enum: REQUEST_STATUSES },
        comment: longText,
        visibility: {
          type: 'string',
          enum: ['partner', 'internal'],
          description: 'Required with a comment: internal comments never leave this node.',
        },
      },
      [],
    ),
    description: 'A status, a comment, or both.',
  },
  ServiceWithdrawal: withdrawal,
  WarrantyClaim: closedObject(warrantyClaim),
  WarrantyClaimDetail: closedObject({
    ...warrantyClaim,
    history: { type: 'array', items: claimEvent },
  }),
  WarrantyClaimPage: cursorPage('claims', 'WarrantyClaim'),
  WarrantyClaimFile: closedObject({ vendor: ref('PartnerRef'), ...claimFields }, [
    'vendor',
    'product',
    'serial',
    'purchaseDate',
    'failureDate',
    'failure',
    'claimedAmount',
    'currency',
  ]),
  WarrantyClaimAmendment: {
    ...closedObject(claimFields, []),
    description: 'A new claim version with the fields given changed; the claim is submitted again.',
  },
  WarrantyDecisionRequest: closedObject(
    {
      status: { type: 'string', enum: DECISION_STATUSES },
      approvedAmount: {
        ...decimal,
        description: 'Required with approved and partial; at most the amount claimed.',
      },
      reason: {
        type: 'string',
        minLength: 1,
        maxLength: 500,
        description: 'Sent to the claimant; required with rejected and more_info.',
      },
    },
    ['status'],
  ),
};

const notFound = response('NotFound');
const conflict = response('Conflict');
const request = ok('The request with its timeline.', ref('ServiceRequestDetail'));
const claim = ok('The claim with its history.', ref('WarrantyClaimDetail'));

export const SERVICE_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/service/requests': {
    get: operation('listServiceRequests', {
      summary: 'Service requests, newest first: those we opened and those opened with us',
      tag: 'service',
      parameters: [
        param('partnerFilter'),
        { name: 'owner', in: 'query', schema: { type: 'string', enum: ['self', 'partner'] } },
        { name: 'status', in: 'query', schema: { type: 'string', enum: REQUEST_STATUSES } },
        { name: 'category', in: 'query', schema: { type: 'string', enum: REQUEST_CATEGORIES } },
        {
          name: 'overdue',
          in: 'query',
          description: 'true: only overdue requests; false: only those that are not.',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
        param('limit'),
        param('after'),
      ],
      responses: {
        '200': ok('A page.', ref('ServiceRequestPage')),
        '400': response('BadRequest'),
      },
    }),
    post: operation('openServiceRequest', {
      summary: 'Open a request with a partner, in any category (service.request)',
      tag: 'service',
      body: { schema: ref('ServiceRequestOpen') },
      responses: { '201': request, '409': conflict },
    }),
  },
  '/service/requests/{id}': {
    get: operation('getServiceRequest', {
      summary: 'One request with its timeline (status changes, comments, who, when, message)',
      tag: 'service',
      parameters: [recordIdParam('request'), partnerNarrowingQuery],
      responses: { '200': request, '404': notFound, '409': conflict },
    }),
    patch: operation('reviseServiceRequest', {
      summary: 'Change the core fields of a request we opened (a new version)',
      tag: 'service',
      parameters: [recordIdParam('request'), partnerNarrowingQuery],
      body: { schema: ref('ServiceRequestRevision') },
      responses: { '200': request, '404': notFound, '409': conflict },
    }),
  },
  '/service/requests/{id}/updates': {
    post: operation('updateServiceRequest', {
      summary: 'Change the status and/or comment (service.update; internal comments stay here)',
      tag: 'service',
      parameters: [recordIdParam('request'), partnerNarrowingQuery],
      body: { schema: ref('ServiceRequestUpdate') },
      responses: { '200': request, '404': notFound, '409': conflict },
    }),
  },
  '/service/requests/{id}/withdraw': {
    post: operation('withdrawServiceRequest', {
      summary: 'Stop sharing a request we opened (record.withdraw)',
      tag: 'service',
      parameters: [recordIdParam('request'), partnerNarrowingQuery],
      body: { schema: ref('ServiceWithdrawal') },
      responses: { '200': request, '404': notFound, '409': conflict },
    }),
  },
  '/warranty/claims': {
    get: operation('listWarrantyClaims', {
      summary: 'Warranty claims, newest first: those we filed and those filed with us',
      tag: 'service',
      parameters: [
        param('partnerFilter'),
        { name: 'owner', in: 'query', schema: { type: 'string', enum: ['self', 'partner'] } },
        { name: 'status', in: 'query', schema: { type: 'string', enum: CLAIM_STATUSES } },
        param('limit'),
        param('after'),
      ],
      responses: {
        '200': ok('A page.', ref('WarrantyClaimPage')),
        '400': response('BadRequest'),
      },
    }),
    post: operation('fileWarrantyClaim', {
      summary: 'File a warranty claim with a vendor (warranty.claim)',
      tag: 'service',
      body: { schema: ref('WarrantyClaimFile') },
      responses: { '201': claim, '409': conflict },
    }),
  },
  '/warranty/claims/{id}': {
    get: operation('getWarrantyClaim', {
      summary: 'One claim with its versions and decisions',
      tag: 'service',
      parameters: [recordIdParam('claim'), partnerNarrowingQuery],
      responses: { '200': claim, '404': notFound, '409': conflict },
    }),
    patch: operation('amendWarrantyClaim', {
      summary: 'Amend a claim we filed while submitted or asked for more info (a new version)',
      tag: 'service',
      parameters: [recordIdParam('claim'), partnerNarrowingQuery],
      body: { schema: ref('WarrantyClaimAmendment') },
      responses: { '200': claim, '404': notFound, '409': conflict },
    }),
  },
  '/warranty/claims/{id}/decision': {
    post: operation('decideWarrantyClaim', {
      summary: 'Decide a claim filed with us (warranty.decision)',
      tag: 'service',
      parameters: [recordIdParam('claim'), partnerNarrowingQuery],
      body: { schema: ref('WarrantyDecisionRequest') },
      responses: { '200': claim, '404': notFound, '409': conflict },
    }),
  },
  '/warranty/claims/{id}/withdraw': {
    post: operation('withdrawWarrantyClaim', {
      summary: 'Withdraw a claim we filed (record.withdraw)',
      tag: 'service',
      parameters: [recordIdParam('claim'), partnerNarrowingQuery],
      body: { schema: ref('ServiceWithdrawal') },
      responses: { '200': claim, '404': notFound, '409': conflict },
    }),
  },
};
