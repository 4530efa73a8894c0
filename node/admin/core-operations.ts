/**
 * The node's own admin operations, declared once: the node and its keys, invitations, partners,
 * joining another node, our profile, and the message queues.
 */
import { z } from 'zod';
import { isKindName } from '../../protocol/index.ts';
import { queryEnum, queryInteger, queryText } from '../input/input-atoms.ts';
import {
  ConnectRequest,
  INVITATION_STATES,
  InvitationRequest,
  OUTBOUND_STATUSES,
  PartnerPatch,
  ProfileUpdateRequest,
  RemovePartnerRequest,
  RetryRequest,
} from '../partners/partner-schemas.ts';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from './fields.ts';
import {
  defineOperation,
  errorResponses as errors,
  jsonRequest,
  jsonResponse,
  operation,
} from './operation.ts';
import { READ, rolesOf, SENSITIVE } from './role-rule.ts';
import { pageQuery, partnerFilter } from './record-schemas.ts';
import {
  InboundPage,
  Invitation,
  InvitationCreated,
  KeyRotation,
  MessageIds,
  NodeInfo,
  NodeStatus,
  OutboundMessageDetail,
  OutboundPage,
  Partner,
  RetryResult,
} from './view-schemas.ts';

/** Node keys, connecting to another node, our profile and redelivery: owner and admin only. */
const OWNER_ONLY = SENSITIVE;
/** The node, its partners and the message log: every staff member's context (role-rule.ts). */
const PARTNERS_READ = READ;
const PARTNERS_WRITE = rolesOf('partners');

const partnerRefParams = z.object({
  ref: z.string().min(1).meta({ description: 'Partner id, or its node id URL-encoded.' }),
});
const idParams = z.object({ id: z.string().min(1) });
const page = pageQuery;
const partnerResponse = { 200: jsonResponse('The partner.', Partner), 404: errors[404] };

export const getNode = defineOperation({
  ...operation({
    method: 'get',
    path: '/node',
    operationId: 'getNode',
    tag: 'node',
    roles: READ,
    summary: "The node's identity, kinds and published keys",
    description:
      'Who this node is: its node id (the base URL partners know it by), its name, the message kinds it handles and the key ids it publishes at /.well-known, the signing key first.',
  }),
  responses: { 200: jsonResponse('Node information.', NodeInfo) },
});

export const getStatus = defineOperation({
  ...operation({
    method: 'get',
    path: '/status',
    operationId: 'getStatus',
    tag: 'node',
    roles: READ,
    summary: 'Partners and outbox at a glance',
    description:
      'Counts of partners by status and of outbound messages by status, overall and per partner, with the time of the next delivery attempt.',
  }),
  responses: { 200: jsonResponse('Status.', NodeStatus) },
});

export const rotateKey = defineOperation({
  ...operation({
    method: 'post',
    path: '/keys/rotate',
    operationId: 'rotateKey',
    tag: 'node',
    roles: OWNER_ONLY,
    summary: 'Create a new signing key; the old one stays published for a grace period',
    description:
      'Messages are signed with the new key from now on. The old key stays published for the grace period so messages already signed still verify; partners that meet the new key id fetch our keys again on their own.',
  }),
  responses: { 200: jsonResponse('The new key.', KeyRotation) },
});

export const createInvitation = defineOperation({
  ...operation({
    method: 'post',
    path: '/invitations',
    operationId: 'createInvitation',
    tag: 'invitations',
    roles: PARTNERS_WRITE,
    body: 'required',
    summary: 'Create an invitation; its token is shown in this answer only',
    description:
      "Creates a one-time invitation for a partner: its classification (partner type, relationship) and the kinds it may send, which default to those of its partner type. Only the token's SHA-256 is stored, so the token and the ready `connect` command are shown in this answer only.",
  }),
  request: { body: jsonRequest(InvitationRequest) },
  responses: { 201: jsonResponse('Created.', InvitationCreated), 400: errors[400] },
});

export const listInvitations = defineOperation({
  ...operation({
    method: 'get',
    path: '/invitations',
    operationId: 'listInvitations',
    tag: 'invitations',
    roles: PARTNERS_READ,
    summary: 'Invitations, newest first (never their tokens)',
    description:
      'Every invitation with its state (open, used, expired, revoked), optionally only those in one state. Tokens are never shown again.',
  }),
  request: { query: z.strictObject({ state: queryEnum(INVITATION_STATES).optional() }) },
  responses: {
    200: jsonResponse('Invitations.', z.strictObject({ invitations: z.array(Invitation) })),
    400: errors[400],
  },
});

export const revokeInvitation = defineOperation({
  ...operation({
    method: 'delete',
    path: '/invitations/{id}',
    operationId: 'revokeInvitation',
    tag: 'invitations',
    roles: PARTNERS_WRITE,
    summary: 'Revoke an open or expired invitation',
    description:
      'Its token no longer connects. A used or already revoked invitation cannot be revoked (409 invitation_closed).',
  }),
  request: { params: idParams },
  responses: {
    200: jsonResponse('Revoked.', z.strictObject({ invitation: Invitation })),
    404: errors[404],
    409: errors[409],
  },
});

export const listPartners = defineOperation({
  ...operation({
    method: 'get',
    path: '/partners',
    operationId: 'listPartners',
    tag: 'partners',
    roles: PARTNERS_READ,
    summary: 'Partners with their outbox counts',
    description:
      'Every partner, removed ones included, with its classification, allowed kinds, pinned keys and how many of our messages to it are pending, in flight, delivered or dead.',
  }),
  request: { query: z.strictObject({}) },
  responses: {
    200: jsonResponse('Partners.', z.strictObject({ partners: z.array(Partner) })),
    400: errors[400],
  },
});

export const getPartner = defineOperation({
  ...operation({
    method: 'get',
    path: '/partners/{ref}',
    operationId: 'getPartner',
    tag: 'partners',
    roles: PARTNERS_READ,
    summary: 'One partner',
    description: 'One partner by its id or node id, with its outbox counts.',
  }),
  request: { params: partnerRefParams },
  responses: partnerResponse,
});

export const updatePartner = defineOperation({
  ...operation({
    method: 'patch',
    path: '/partners/{ref}',
    operationId: 'updatePartner',
    tag: 'partners',
    roles: PARTNERS_WRITE,
    body: 'required',
    summary: 'Reclassify a partner: only the fields given change',
    description:
      'Changes the name, partner type, relationship or allowed kinds we keep for a partner. Kinds are judged against the partner type it will have; an empty patch changes nothing, not even updatedAt.',
  }),
  request: { params: partnerRefParams, body: jsonRequest(PartnerPatch) },
  responses: { ...partnerResponse, 400: errors[400] },
});

export const removePartner = defineOperation({
  ...operation({
    method: 'delete',
    path: '/partners/{ref}',
    operationId: 'removePartner',
    tag: 'partners',
    roles: PARTNERS_WRITE,
    body: 'optional',
    summary: 'Remove a partner: queued messages are dead-lettered, a partner.disconnect is sent',
    description:
      'Ends the partnership: its messages are refused from now on, ours still queued to it become dead letters, and a signed partner.disconnect with the reason tells it so. The partner stays listed as removed.',
  }),
  request: {
    params: partnerRefParams,
    body: jsonRequest(RemovePartnerRequest, { optional: true }),
  },
  responses: { ...partnerResponse, 400: errors[400] },
});

export const suspendPartner = defineOperation({
  ...operation({
    method: 'post',
    path: '/partners/{ref}/suspend',
    operationId: 'suspendPartner',
    tag: 'partners',
    roles: PARTNERS_WRITE,
    summary: 'Suspend: its messages are refused, ours to it wait',
    description:
      'A pause, not an end: messages from the partner are refused and ours to it stay queued until it is resumed. Only an active partner can be suspended (409 otherwise).',
  }),
  request: { params: partnerRefParams },
  responses: { ...partnerResponse, 409: errors[409] },
});

export const resumePartner = defineOperation({
  ...operation({
    method: 'post',
    path: '/partners/{ref}/resume',
    operationId: 'resumePartner',
    tag: 'partners',
    roles: PARTNERS_WRITE,
    summary: 'Resume a suspended partner',
    description:
      'Its messages are accepted again and ours queued to it are delivered. Only a suspended partner can be resumed (409 otherwise).',
  }),
  request: { params: partnerRefParams },
  responses: { ...partnerResponse, 409: errors[409] },
});

export const connect = defineOperation({
  ...operation({
    method: 'post',
    path: '/connect',
    operationId: 'connect',
    tag: 'partners',
    roles: OWNER_ONLY,
    body: 'required',
    summary: "Join another company's node with its invitation token",
    description:
      'The URL passes the SSRF policy (bad_url, ssrf_blocked with field url); errors of the other node pass through (403 when it refuses, 502 when unreachable).',
  }),
  request: { body: jsonRequest(ConnectRequest) },
  responses: {
    201: jsonResponse('Connected.', Partner),
    400: errors[400],
    403: { $ref: '#/components/responses/Refused' },
    502: { $ref: '#/components/responses/BadGateway' },
  },
});

export const sendProfileUpdate = defineOperation({
  ...operation({
    method: 'post',
    path: '/profile',
    operationId: 'sendProfileUpdate',
    tag: 'partners',
    roles: OWNER_ONLY,
    body: 'required',
    summary: 'Tell partners about a change of our profile (partner.update)',
    description:
      'Queues a signed partner.update with the fields given to every active partner, or to those listed in `to`. A listed partner that is not active is refused (409 partner_not_active) rather than skipped.',
  }),
  request: { body: jsonRequest(ProfileUpdateRequest) },
  responses: { 202: jsonResponse('Queued.', MessageIds), 400: errors[400], 409: errors[409] },
});

export const listInbound = defineOperation({
  ...operation({
    method: 'get',
    path: '/messages/in',
    operationId: 'listInbound',
    tag: 'messages',
    roles: READ,
    summary: 'Messages received, newest first (without their JWS)',
    description:
      'Messages partners sent us, newest first, optionally from one partner or of one kind; page with `after`.',
  }),
  request: {
    query: z.strictObject({
      partner: partnerFilter,
      kind: queryText(200)
        .refine(isKindName, { error: 'must be a message kind such as partner.update' })
        .optional(),
      ...page,
    }),
  },
  responses: { 200: jsonResponse('A page.', InboundPage), 400: errors[400] },
});

export const listOutbound = defineOperation({
  ...operation({
    method: 'get',
    path: '/messages/out',
    operationId: 'listOutbound',
    tag: 'messages',
    roles: READ,
    summary: 'Messages sent or queued, in queue order (without their JWS)',
    description:
      'Our messages to partners in queue order with their delivery state, optionally of one status or to one partner; page with `after`.',
  }),
  request: {
    query: z.strictObject({
      status: queryEnum(OUTBOUND_STATUSES).optional(),
      partner: partnerFilter,
      ...page,
    }),
  },
  responses: { 200: jsonResponse('A page.', OutboundPage), 400: errors[400] },
});

export const getOutbound = defineOperation({
  ...operation({
    method: 'get',
    path: '/messages/out/{id}',
    operationId: 'getOutbound',
    tag: 'messages',
    roles: READ,
    summary: 'One outbound message with its body, JWS and receipt',
    description:
      "Everything kept about one message we sent: the body as queued, the signed JWS once first sent, the attempts and last error, and the partner's signed receipt once delivered.",
  }),
  request: { params: idParams },
  responses: { 200: jsonResponse('The message.', OutboundMessageDetail), 404: errors[404] },
});

export const listDeadLetters = defineOperation({
  ...operation({
    method: 'get',
    path: '/dead-letters',
    operationId: 'listDeadLetters',
    tag: 'messages',
    roles: READ,
    summary: 'Outbound messages that were given up on',
    description:
      'Messages the outbox gave up on (permanent refusal, or retries exhausted), optionally to one partner; page with `after`.',
  }),
  request: { query: z.strictObject({ partner: partnerFilter, ...page }) },
  responses: { 200: jsonResponse('A page.', OutboundPage), 400: errors[400] },
});

export const retryDeadLetters = defineOperation({
  ...operation({
    method: 'post',
    path: '/dead-letters/retry',
    operationId: 'retryDeadLetters',
    tag: 'messages',
    roles: OWNER_ONLY,
    body: 'required',
    summary: 'Queue dead letters again, by ids, by partner, or both',
    description:
      "Puts dead letters back in their partners' queues. Give ids, a partner, or both (only that partner's letters among the ids); retrying everything at once is not offered. Letters to a removed partner stay dead (409 partner_removed).",
  }),
  request: { body: jsonRequest(RetryRequest) },
  responses: {
    200: jsonResponse('How many were queued.', RetryResult),
    400: errors[400],
    409: errors[409],
  },
});

export const CORE_OPERATIONS = [
  getNode,
  getStatus,
  rotateKey,
  createInvitation,
  listInvitations,
  revokeInvitation,
  listPartners,
  getPartner,
  updatePartner,
  removePartner,
  suspendPartner,
  resumePartner,
  connect,
  sendProfileUpdate,
  listInbound,
  listOutbound,
  getOutbound,
  listDeadLetters,
  retryDeadLetters,
];
