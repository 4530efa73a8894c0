/**
 * The admin API described as OpenAPI 3.1, served at GET /api/openapi.json. Hand-written beside
 * the routes; a test checks that every route of the admin router is in it and nothing else is.
 */
import { INVITATION_STATES } from './invitation-routes.ts';
import { OUTBOUND_STATUSES } from './message-routes.ts';
import { COMPONENTS, ref } from './openapi-components.ts';
import { ok, operation, param, response } from './openapi-builders.ts';
import type { OpenApiDocument } from './openapi-types.ts';
import { LEAD_OPENAPI_PATHS, LEAD_OPENAPI_SCHEMAS } from './leads/routes.ts';
import { DEAL_OPENAPI_PATHS, DEAL_OPENAPI_SCHEMAS } from './deals/routes.ts';
import { SERVICE_OPENAPI_PATHS, SERVICE_OPENAPI_SCHEMAS } from './service/routes.ts';
import { CATALOG_OPENAPI_PATHS, CATALOG_OPENAPI_SCHEMAS } from './catalog/routes.ts';
import { CENTRAL_DATA_OPENAPI_PATHS, CENTRAL_DATA_OPENAPI_SCHEMAS } from './central-data/routes.ts';
import { PORTAL_OPENAPI_PATHS, PORTAL_OPENAPI_SCHEMAS } from './portal/routes.ts';
import { ORDER_OPENAPI_PATHS, ORDER_OPENAPI_SCHEMAS } from './orders/routes.ts';
import { FUND_OPENAPI_PATHS, FUND_OPENAPI_SCHEMAS } from './funds/routes.ts';
import { INVENTORY_OPENAPI_PATHS, INVENTORY_OPENAPI_SCHEMAS } from './inventory/routes.ts';

const partner = ok('The partner.', ref('Partner'));
const pageParams = [param('limit'), param('after')];

export const OPENAPI_DOCUMENT: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'partner-sync admin API',
    version: '1',
    description:
      "Operate a partner-sync node: invitations, partners, messages and keys. Every operation but this document's own needs the admin bearer token; failed attempts are rate-limited per address.",
  },
  servers: [{ url: '/api', description: 'Relative to the node URL.' }],
  security: [{ adminToken: [] }],
  tags: [
    { name: 'node', description: 'The node itself.' },
    { name: 'invitations', description: 'One-time tokens for partners to connect.' },
    { name: 'partners', description: 'Connected partner nodes.' },
    { name: 'messages', description: 'Messages received and sent, dead letters.' },
    { name: 'leads', description: 'Leads offered to partners, routing and tracking.' },
    { name: 'deals', description: 'Deal registrations and their decisions.' },
    { name: 'service', description: 'Service, warranty and shared-service requests.' },
    { name: 'portal', description: 'The partner portal: partners without a node of their own.' },
    { name: 'price lists', description: 'Price lists: ours and partners’ read-only copies.' },
    { name: 'catalogs', description: 'Product catalogs: ours and partners’ read-only copies.' },
    {
      name: 'accounting',
      description:
        'Accounting data (payment terms, tax, currencies, units, accounts): ours and partners’ read-only copies.',
    },
    { name: 'orders', description: 'Indirect orders, cash sales and receivables.' },
    { name: 'funds', description: 'Marketing fund allocations, expense claims and balances.' },
    {
      name: 'inventory',
      description: 'Vendor-managed inventory: stock reports and replenishment.',
    },
    { name: 'meta', description: 'This document.' },
  ],
  paths: {
    '/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This OpenAPI document (no token needed)',
        tags: ['meta'],
        security: [],
        responses: { '200': ok('The document.', { type: 'object' }) },
      },
    },
    '/node': {
      get: operation('getNode', {
        summary: "The node's identity, kinds and published keys",
        tag: 'node',
        responses: { '200': ok('Node information.', ref('NodeInfo')) },
      }),
    },
    '/status': {
      get: operation('getStatus', {
        summary: 'Partners and outbox at a glance',
        tag: 'node',
        responses: { '200': ok('Status.', ref('NodeStatus')) },
      }),
    },
    '/keys/rotate': {
      post: operation('rotateKey', {
        summary: 'Create a new signing key; the old one stays published for a grace period',
        tag: 'node',
        responses: { '200': ok('The new key.', ref('KeyRotation')) },
      }),
    },
    '/invitations': {
      post: operation('createInvitation', {
        summary: 'Create an invitation; its token is shown in this answer only',
        tag: 'invitations',
        body: { schema: ref('InvitationRequest') },
        responses: { '201': ok('Created.', ref('InvitationCreated')) },
      }),
      get: operation('listInvitations', {
        summary: 'Invitations, newest first (never their tokens)',
        tag: 'invitations',
        parameters: [
          {
            name: 'state',
            in: 'query',
            schema: { type: 'string', enum: INVITATION_STATES },
          },
        ],
        responses: {
          '200': ok('Invitations.', {
            type: 'object',
            properties: { invitations: { type: 'array', items: ref('Invitation') } },
            required: ['invitations'],
          }),
          '400': response('BadRequest'),
        },
      }),
    },
    '/invitations/{id}': {
      delete: operation('revokeInvitation', {
        summary: 'Revoke an open or expired invitation',
        tag: 'invitations',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': ok('Revoked.', {
            type: 'object',
            properties: { invitation: ref('Invitation') },
            required: ['invitation'],
          }),
          '404': response('NotFound'),
          '409': response('Conflict'),
        },
      }),
    },
    '/partners': {
      get: operation('listPartners', {
        summary: 'Partners with their outbox counts',
        tag: 'partners',
        responses: {
          '200': ok('Partners.', {
            type: 'object',
            properties: { partners: { type: 'array', items: ref('Partner') } },
            required: ['partners'],
          }),
          '400': response('BadRequest'),
        },
      }),
    },
    '/partners/{ref}': {
      get: operation('getPartner', {
        summary: 'One partner',
        tag: 'partners',
        parameters: [param('partnerRef')],
        responses: { '200': partner, '404': response('NotFound') },
      }),
      patch: operation('updatePartner', {
        summary: 'Reclassify a partner: only the fields given change',
        tag: 'partners',
        parameters: [param('partnerRef')],
        body: { schema: ref('PartnerPatch') },
        responses: { '200': partner, '404': response('NotFound') },
      }),
      delete: operation('removePartner', {
        summary:
          'Remove a partner: queued messages are dead-lettered, a partner.disconnect is sent',
        tag: 'partners',
        parameters: [param('partnerRef')],
        body: { schema: ref('RemovePartnerRequest'), optional: true },
        responses: { '200': partner, '404': response('NotFound') },
      }),
    },
    '/partners/{ref}/suspend': {
      post: operation('suspendPartner', {
        summary: 'Suspend: its messages are refused, ours to it wait',
        tag: 'partners',
        parameters: [param('partnerRef')],
        responses: { '200': partner, '404': response('NotFound'), '409': response('Conflict') },
      }),
    },
    '/partners/{ref}/resume': {
      post: operation('resumePartner', {
        summary: 'Resume a suspended partner',
        tag: 'partners',
        parameters: [param('partnerRef')],
        responses: { '200': partner, '404': response('NotFound'), '409': response('Conflict') },
      }),
    },
    '/connect': {
      post: operation('connect', {
        summary: "Join another company's node with its invitation token",
        tag: 'partners',
        description:
          'The URL passes the SSRF policy (bad_url, ssrf_blocked with field url); errors of the other node pass through (403 when it refuses, 502 when unreachable).',
        body: { schema: ref('ConnectRequest') },
        responses: {
          '201': ok('Connected.', ref('Partner')),
          '403': response('Refused'),
          '502': response('BadGateway'),
        },
      }),
    },
    '/profile': {
      post: operation('sendProfileUpdate', {
        summary: 'Tell partners about a change of our profile (partner.update)',
        tag: 'partners',
        body: { schema: ref('ProfileUpdateRequest') },
        responses: { '202': ok('Queued.', ref('MessageIds')), '409': response('Conflict') },
      }),
    },
    '/messages/in': {
      get: operation('listInbound', {
        summary: 'Messages received, newest first (without their JWS)',
        tag: 'messages',
        parameters: [
          param('partnerFilter'),
          { name: 'kind', in: 'query', schema: { type: 'string' } },
          ...pageParams,
        ],
        responses: { '200': ok('A page.', ref('InboundPage')), '400': response('BadRequest') },
      }),
    },
    '/messages/out': {
      get: operation('listOutbound', {
        summary: 'Messages sent or queued, in queue order (without their JWS)',
        tag: 'messages',
        parameters: [
          {
            name: 'status',
            in: 'query',
            schema: { type: 'string', enum: OUTBOUND_STATUSES },
          },
          param('partnerFilter'),
          ...pageParams,
        ],
        responses: { '200': ok('A page.', ref('OutboundPage')), '400': response('BadRequest') },
      }),
    },
    '/messages/out/{id}': {
      get: operation('getOutbound', {
        summary: 'One outbound message with its body, JWS and receipt',
        tag: 'messages',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': ok('The message.', ref('OutboundMessageDetail')),
          '404': response('NotFound'),
        },
      }),
    },
    '/dead-letters': {
      get: operation('listDeadLetters', {
        summary: 'Outbound messages that were given up on',
        tag: 'messages',
        parameters: [param('partnerFilter'), ...pageParams],
        responses: { '200': ok('A page.', ref('OutboundPage')), '400': response('BadRequest') },
      }),
    },
    '/dead-letters/retry': {
      post: operation('retryDeadLetters', {
        summary: 'Queue dead letters again, by ids, by partner, or both',
        tag: 'messages',
        body: { schema: ref('RetryRequest') },
        responses: {
          '200': ok('How many were queued.', ref('RetryResult')),
          '409': response('Conflict'),
        },
      }),
    },
    ...LEAD_OPENAPI_PATHS,
    ...DEAL_OPENAPI_PATHS,
    ...SERVICE_OPENAPI_PATHS,
    ...CATALOG_OPENAPI_PATHS,
    ...CENTRAL_DATA_OPENAPI_PATHS,
    ...PORTAL_OPENAPI_PATHS,
    ...ORDER_OPENAPI_PATHS,
    ...FUND_OPENAPI_PATHS,
    ...INVENTORY_OPENAPI_PATHS,
  },
  components: {
    ...COMPONENTS,
    schemas: {
      ...COMPONENTS.schemas,
      ...LEAD_OPENAPI_SCHEMAS,
      ...DEAL_OPENAPI_SCHEMAS,
      ...SERVICE_OPENAPI_SCHEMAS,
      ...CATALOG_OPENAPI_SCHEMAS,
      ...CENTRAL_DATA_OPENAPI_SCHEMAS,
      ...PORTAL_OPENAPI_SCHEMAS,
      ...ORDER_OPENAPI_SCHEMAS,
      ...FUND_OPENAPI_SCHEMAS,
      ...INVENTORY_OPENAPI_SCHEMAS,
    },
  },
};
