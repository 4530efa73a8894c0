/** Reusable parts of the admin API's OpenAPI document: record schemas, parameters, errors. */
import { PARTNER_TYPES, RELATIONSHIPS } from '../../protocol/index.ts';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './fields.ts';
import { INVITATION_STATES, MAX_INVITATION_TTL_HOURS } from './invitation-routes.ts';
import { OUTBOUND_STATUSES } from './message-routes.ts';
import type { OpenApiDocument, ResponseObject, SchemaObject } from './openapi-types.ts';

export const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const time: SchemaObject = { type: 'string', format: 'date-time' };
const timeOrNull: SchemaObject = { type: ['string', 'null'], format: 'date-time' };
const stringOrNull: SchemaObject = { type: ['string', 'null'] };
const kinds: SchemaObject = {
  type: 'array',
  items: { type: 'string' },
  description: 'Message kinds the partner may send us.',
};

function object(
  properties: Record<string, SchemaObject>,
  required: string[] = Object.keys(properties),
): SchemaObject {
  return { type: 'object', properties, required, additionalProperties: false };
}

const profileFields: Record<string, SchemaObject> = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  partnerType: { type: 'string', enum: PARTNER_TYPES },
  relationship: { type: 'string', enum: RELATIONSHIPS },
  kinds: {
    ...kinds,
    description: 'Kinds the partner may send; defaults to those of its partner type.',
  },
};

const outboundProps: Record<string, SchemaObject> = {
  seq: { type: 'integer' },
  messageId: { type: 'string' },
  partnerId: { type: 'integer' },
  toNodeId: { type: 'string' },
  kind: { type: 'string' },
  ref: stringOrNull,
  status: { type: 'string', enum: OUTBOUND_STATUSES },
  attempts: { type: 'integer' },
  createdAt: time,
  sentAt: timeOrNull,
  nextAttemptAt: time,
  lastErrorCode: stringOrNull,
  lastError: stringOrNull,
  resultStatus: stringOrNull,
  deliveredAt: timeOrNull,
  deadAt: timeOrNull,
};

const schemas: Record<string, SchemaObject> = {
  Error: object({
    error: object(
      {
        code: { type: 'string', description: 'Stable machine-readable code, e.g. invalid_field.' },
        message: { type: 'string', description: 'Safe for display.' },
        field: { type: 'string', description: 'The offending field, for invalid input.' },
      },
      ['code', 'message'],
    ),
  }),
  OutboxCounts: object({
    pending: { type: 'integer' },
    in_flight: { type: 'integer' },
    delivered: { type: 'integer' },
    dead: { type: 'integer' },
  }),
  NodeInfo: object({
    nodeId: { type: 'string', format: 'uri' },
    name: { type: 'string' },
    kinds: { type: 'array', items: { type: 'string' } },
    signingKid: { type: 'string' },
    publishedKids: { type: 'array', items: { type: 'string' } },
  }),
  NodeStatus: object({
    nodeId: { type: 'string' },
    name: { type: 'string' },
    signingKid: { type: 'string' },
    partners: {
      type: 'object',
      additionalProperties: { type: 'integer' },
      description: 'Partners by status.',
    },
    outbox: { type: 'object', additionalProperties: { type: 'integer' } },
    outboxByPartner: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
      description: 'Per partner node id: outbound messages by status.',
    },
    nextDeliveryAt: timeOrNull,
    unseenRefusals: {
      type: 'integer',
      description: 'Messages partners refused that the operator has not acknowledged.',
    },
  }),
  KeyRotation: object({
    kid: { type: 'string', description: 'The new signing key.' },
    publishedKids: { type: 'array', items: { type: 'string' } },
  }),
  InvitationRequest: object(
    {
      ...profileFields,
      ttlHours: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_INVITATION_TTL_HOURS,
        description: 'Defaults to the node setting invitationTtlHours.',
      },
    },
    ['name', 'partnerType', 'relationship'],
  ),
  Invitation: object({
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    partnerType: { type: 'string', enum: PARTNER_TYPES },
    relationship: { type: 'string', enum: RELATIONSHIPS },
    kinds,
    state: { type: 'string', enum: INVITATION_STATES },
    createdAt: time,
    expiresAt: time,
    usedAt: timeOrNull,
    usedByNodeId: stringOrNull,
    revokedAt: timeOrNull,
  }),
  InvitationCreated: object({
    invitation: ref('Invitation'),
    token: { type: 'string', description: 'Shown once; only its SHA-256 is stored.' },
    nodeUrl: { type: 'string', format: 'uri' },
    connectCommand: { type: 'string' },
  }),
  Partner: object({
    id: { type: 'integer' },
    nodeId: { type: 'string', format: 'uri' },
    name: { type: 'string' },
    partnerType: { type: 'string' },
    relationship: { type: 'string' },
    kinds,
    status: { type: 'string', enum: ['active', 'suspended', 'removed'] },
    inboxUrl: { type: 'string', format: 'uri' },
    maxBatch: { type: 'integer' },
    kids: { type: 'array', items: { type: 'string' }, description: "The partner's pinned keys." },
    keysFetchedAt: time,
    declaredProfile: {
      type: ['object', 'null'],
      description: 'What the partner says about itself (partner.update).',
    },
    profileUpdatedAt: timeOrNull,
    connectedAt: time,
    updatedAt: time,
    outbox: ref('OutboxCounts'),
  }),
  PartnerPatch: object(profileFields, []),
  RemovePartnerRequest: object(
    {
      reason: {
        type: 'string',
        minLength: 1,
        maxLength: 500,
        default: 'removed by the operator',
        description: 'Sent to the partner in partner.disconnect.',
      },
    },
    [],
  ),
  ConnectRequest: object(
    {
      url: { type: 'string', format: 'uri', description: 'The base URL (node id) to join.' },
      token: { type: 'string', minLength: 16, maxLength: 200 },
      ...profileFields,
      name: { ...profileFields.name, description: "Defaults to the node's published name." },
      partnerType: { ...profileFields.partnerType, default: 'value_added_supplier' },
      relationship: { ...profileFields.relationship, default: 'strategic' },
    },
    ['url', 'token'],
  ),
  ProfileUpdateRequest: {
    ...object(
      {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        contact: {
          ...object(
            {
              name: { type: 'string', minLength: 1, maxLength: 200 },
              email: { type: 'string', format: 'email' },
              phone: { type: 'string' },
            },
            [],
          ),
          minProperties: 1,
        },
        partnerType: { type: 'string', enum: PARTNER_TYPES },
        relationship: { type: 'string', enum: RELATIONSHIPS },
        to: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: ref('PartnerRef'),
          description: 'Partners to tell; all active partners when absent.',
        },
      },
      [],
    ),
    minProperties: 1,
  },
  PartnerRef: {
    oneOf: [
      { type: 'integer', minimum: 1, description: 'Partner id.' },
      { type: 'string', description: 'Partner id or node id.' },
    ],
  },
  MessageIds: object({ messageIds: { type: 'array', items: { type: 'string' } } }),
  InboundMessage: object({
    seq: { type: 'integer', description: 'Arrival order on this node.' },
    messageId: { type: 'string' },
    fromNodeId: { type: 'string' },
    partnerId: { type: 'integer' },
    kind: { type: 'string' },
    ref: stringOrNull,
    digest: { type: 'string' },
    sentAt: time,
    receivedAt: time,
  }),
  InboundPage: object({
    messages: { type: 'array', items: ref('InboundMessage') },
    nextCursor: {
      type: ['integer', 'null'],
      description: 'The seq of the last message; pass as `after` for the next page.',
    },
  }),
  OutboundMessage: object(outboundProps),
  OutboundMessageDetail: {
    ...object({
      ...outboundProps,
      body: { description: 'The message body as queued.' },
      jws: { ...stringOrNull, description: 'The signed message, once first sent.' },
      digest: stringOrNull,
      receipt: { ...stringOrNull, description: "The partner's signed receipt." },
      horizonFrom: time,
      leaseUntil: timeOrNull,
    }),
    description: 'An outbound message with its body, signed JWS and the partner receipt.',
  },
  OutboundPage: object({
    messages: { type: 'array', items: ref('OutboundMessage') },
    nextCursor: {
      type: ['integer', 'null'],
      description: 'The last seq; pass as `after` for the next page.',
    },
  }),
  RetryRequest: object(
    {
      ids: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        items: { type: 'string' },
        description: 'Message ids of dead letters.',
      },
      partner: ref('PartnerRef'),
    },
    [],
  ),
  RetryResult: object({ retried: { type: 'integer' } }),
};

function errorResponse(description: string, headers?: ResponseObject['headers']): ResponseObject {
  return {
    description,
    ...(headers && { headers }),
    content: { 'application/json': { schema: ref('Error') } },
  };
}

export const COMPONENTS: OpenApiDocument['components'] = {
  securitySchemes: {
    adminToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'The admin token printed by `partner-sync init`; only its SHA-256 is stored.',
    },
  },
  schemas,
  parameters: {
    partnerRef: {
      name: 'ref',
      in: 'path',
      required: true,
      description: 'Partner id, or its node id URL-encoded.',
      schema: { type: 'string' },
    },
    limit: {
      name: 'limit',
      in: 'query',
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT },
    },
    after: {
      name: 'after',
      in: 'query',
      description: 'The nextCursor of the previous page.',
      schema: { type: 'integer', minimum: 0 },
    },
    partnerFilter: {
      name: 'partner',
      in: 'query',
      description: 'Partner id or node id.',
      schema: { type: 'string' },
    },
  },
  responses: {
    BadRequest: errorResponse(
      'Invalid input: bad_json, or invalid_field with `field` naming the field.',
    ),
    Unauthorized: errorResponse('Missing or invalid bearer token (code unauthorized).', {
      'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } },
    }),
    NotFound: errorResponse('No such record (code not_found).'),
    Conflict: errorResponse('The record is in a state that does not allow this.'),
    PayloadTooLarge: errorResponse('The body is over 64 KiB (code payload_too_large).'),
    UnsupportedMediaType: errorResponse('The body is not application/json.'),
    RateLimited: errorResponse('Too many failed authentication attempts.', {
      'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
    }),
    Refused: errorResponse('The other node refused, with its rejection code (e.g. forbidden).'),
    BadGateway: errorResponse('The other node could not be reached or answered badly.'),
  },
};
