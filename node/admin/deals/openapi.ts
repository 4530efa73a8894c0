/** The deal registration admin API in the OpenAPI document: its paths and record schemas. */
import { DEAL_STATUSES } from '../../deals/deal-status.ts';
import { DECISION_STATUSES, MAX_PRODUCTS } from '../../deals/deal-input.ts';
import { DEFAULT_DEAL_SETTINGS, PROTECTION_DAYS } from '../../deals/deal-settings.ts';
import {
  closedObject,
  integerOrNull,
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

const TAG = 'deals';

const idParam = {
  name: 'id',
  in: 'path' as const,
  required: true,
  description:
    "This node's number for the registration (`id` in the listing), or its deal id (`dealId`); `?partner=` narrows a deal id two partners share.",
  schema: { type: 'string' as const, minLength: 1, maxLength: 200 },
};
const deal = ok('The registration.', ref('Deal'));
const partnerOf: SchemaObject = closedObject({
  id: { type: 'integer' },
  name: stringOrNull,
  nodeId: stringOrNull,
});

const endCustomer: SchemaObject = closedObject(
  {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    country: {
      type: 'string',
      pattern: '^[A-Za-z]{2}$',
      description: 'ISO 3166-1 alpha-2 code.',
    },
    domain: {
      type: ['string', 'null'],
      maxLength: 2048,
      description: 'Internet domain; a URL or e-mail address is reduced to its domain.',
    },
  },
  ['name', 'country'],
);

const dealFields: Record<string, SchemaObject> = {
  endCustomer,
  products: {
    type: 'array',
    minItems: 1,
    maxItems: MAX_PRODUCTS,
    items: { type: 'string', minLength: 1, maxLength: 200 },
    description: 'Product ids (SKUs); a conflict needs one in common (case-insensitive).',
  },
  estimatedValue: { type: 'string', pattern: '^(0|[1-9][0-9]*)(\\.[0-9]+)?$', maxLength: 40 },
  currency: { type: 'string', pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code.' },
  expectedCloseDate: { type: 'string', format: 'date' },
  notes: { type: ['string', 'null'], minLength: 1, maxLength: 5000 },
};

const sent: SchemaObject = closedObject({
  messageId: { type: 'string' },
  kind: { type: 'string' },
  version: integerOrNull,
  createdAt: time,
  jws: { ...stringOrNull, description: 'The message as we signed it; null until first sent.' },
  sentAt: timeOrNull,
  receipt: { ...stringOrNull, description: "The counterpart's signed receipt." },
  receivedAt: {
    ...stringOrNull,
    description: 'When the counterpart received it, from its verified receipt.',
  },
  receiptVerified: { type: 'boolean' },
});

const received: SchemaObject = closedObject({
  messageId: { type: 'string' },
  kind: { type: 'string' },
  version: integerOrNull,
  receivedAt: time,
  jws: { type: 'string', description: 'The message exactly as the counterpart signed it.' },
  signatureVerified: { type: 'boolean' },
});

export const DEAL_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  Deal: closedObject({
    id: { type: 'integer', description: "This node's number for the registration." },
    role: {
      type: 'string',
      enum: ['partner', 'vendor'],
      description:
        'partner: we registered it with a vendor; vendor: a partner registered it with us.',
    },
    dealId: { type: 'string', description: "The registering partner's id for the deal." },
    version: { type: 'integer' },
    partner: { ...partnerOf, description: 'The vendor (role partner) or the registering partner.' },
    status: {
      type: 'string',
      enum: DEAL_STATUSES,
      description: 'As of now: an approval whose protection ended shows expired.',
    },
    ...dealFields,
    endCustomer: closedObject({ ...endCustomer.properties }),
    notes: stringOrNull,
    decisionVersion: { type: 'integer', description: '0 before the first decision.' },
    decidedVersion: integerOrNull,
    decidedAt: timeOrNull,
    reason: { ...stringOrNull, description: "The vendor's reason for its last decision." },
    protectedUntil: timeOrNull,
    conflicts: {
      type: ['array', 'null'],
      description:
        'Role vendor: the records an automatic conflict decision clashed with (never sent to the partner).',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['deal', 'lead'] },
          id: { type: 'integer', description: 'The other registration (type deal).' },
          dealId: { type: 'string' },
          leadId: { type: 'string' },
          partner: partnerOf,
          products: { type: 'array', items: { type: 'string' } },
        },
        required: ['type', 'partner'],
      },
    },
    withdrawnAt: timeOrNull,
    withdrawnReason: stringOrNull,
    registeredAt: time,
    updatedAt: time,
    refusal: {
      type: ['object', 'null'],
      description:
        'The counterpart refused our last message about this registration: status refused, code, reason, kind, messageId, at.',
    },
  }),
  DealRegistration: closedObject(
    {
      vendor: ref('PartnerRef'),
      id: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        description: 'Our id for the deal; a new UUID when absent.',
      },
      ...dealFields,
    },
    ['vendor', 'endCustomer', 'products', 'estimatedValue', 'currency', 'expectedCloseDate'],
  ),
  DealAmendment: {
    ...closedObject(dealFields, []),
    description: 'Only the fields given change (endCustomer as a whole); the version goes up.',
  },
  DealDecisionRequest: closedObject(
    {
      status: { type: 'string', enum: DECISION_STATUSES },
      protectedUntil: {
        type: 'string',
        description:
          'With approved: RFC 3339 time, or a date meaning through that day (UTC). Default: now plus protectionDays.',
      },
      protectionDays: {
        type: 'integer',
        minimum: PROTECTION_DAYS.min,
        maximum: PROTECTION_DAYS.max,
        description: 'With approved: the window in days instead of the setting.',
      },
      reason: {
        type: 'string',
        minLength: 1,
        maxLength: 500,
        description: 'Sent to the partner; required with returned and conflict.',
      },
    },
    ['status'],
  ),
  DealWithdrawal: closedObject({ reason: { type: 'string', minLength: 1, maxLength: 500 } }, []),
  DealPage: closedObject({
    deals: { type: 'array', items: ref('Deal') },
    nextCursor: {
      type: ['integer', 'null'],
      description: 'The id of the last deal; pass as `after` for the next page.',
    },
  }),
  DealProof: closedObject({
    deal: ref('Deal'),
    counterpart: partnerOf,
    sent: { type: 'array', items: sent },
    received: { type: 'array', items: received },
  }),
  DealSettings: closedObject({
    protectionDays: {
      type: 'integer',
      minimum: PROTECTION_DAYS.min,
      maximum: PROTECTION_DAYS.max,
      default: DEFAULT_DEAL_SETTINGS.protectionDays,
      description: 'Default protection window of an approval, in days.',
    },
  }),
};

const conflictResponse = response('Conflict');

export const DEAL_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/deals': {
    get: operation('listDeals', {
      summary:
        'Deal registrations, newest first: ours with vendors and those partners made with us',
      tag: TAG,
      parameters: [
        { name: 'role', in: 'query', schema: { type: 'string', enum: ['partner', 'vendor'] } },
        { name: 'status', in: 'query', schema: { type: 'string', enum: DEAL_STATUSES } },
        param('partnerFilter'),
        param('limit'),
        param('after'),
      ],
      responses: { '200': ok('A page.', ref('DealPage')), '400': response('BadRequest') },
    }),
    post: operation('registerDeal', {
      summary: 'Register a deal with a vendor (deal.register)',
      tag: TAG,
      body: { schema: ref('DealRegistration') },
      responses: { '201': ok('Registered.', ref('Deal')), '409': conflictResponse },
    }),
  },
  '/deals/settings': {
    get: operation('getDealSettings', {
      summary: 'Deal registration settings',
      tag: TAG,
      responses: { '200': ok('The settings.', ref('DealSettings')) },
    }),
    put: operation('updateDealSettings', {
      summary: 'Change deal registration settings (only the ones given)',
      tag: TAG,
      body: { schema: { ...ref('DealSettings'), description: 'Any subset.' } },
      responses: { '200': ok('The settings.', ref('DealSettings')) },
    }),
  },
  '/deals/{id}': {
    get: operation('getDeal', {
      summary: 'One registration',
      tag: TAG,
      parameters: [idParam],
      responses: { '200': deal, '404': response('NotFound') },
    }),
    patch: operation('amendDeal', {
      summary: 'Amend our registration while undecided (a new version, checked again)',
      tag: TAG,
      parameters: [idParam],
      body: { schema: ref('DealAmendment') },
      responses: { '200': deal, '404': response('NotFound'), '409': conflictResponse },
    }),
  },
  '/deals/{id}/decision': {
    post: operation('decideDeal', {
      summary: 'Decide a registration a partner made with us (deal.decision)',
      tag: TAG,
      parameters: [idParam],
      body: { schema: ref('DealDecisionRequest') },
      responses: { '200': deal, '404': response('NotFound'), '409': conflictResponse },
    }),
  },
  '/deals/{id}/withdraw': {
    post: operation('withdrawDeal', {
      summary: 'Withdraw our registration (record.withdraw to the vendor)',
      tag: TAG,
      parameters: [idParam],
      body: { schema: ref('DealWithdrawal'), optional: true },
      responses: { '200': deal, '404': response('NotFound'), '409': conflictResponse },
    }),
  },
  '/deals/{id}/proof': {
    get: operation('getDealProof', {
      summary: 'The signed messages and receipts a registration rests on, checked',
      tag: TAG,
      parameters: [idParam],
      responses: { '200': ok('The evidence.', ref('DealProof')), '404': response('NotFound') },
    }),
  },
};
