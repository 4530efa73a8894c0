/** The partner portal's admin API in the OpenAPI document: its paths and record schemas. */
import { LINK_HOURS, SESSION_HOURS } from '../../portal/portal-settings.ts';
import {
  closedObject,
  ok,
  operation,
  param,
  response,
  time,
  timeOrNull,
} from '../openapi-builders.ts';
import { ref } from '../openapi-components.ts';
import type { PathItemObject, SchemaObject } from '../openapi-types.ts';

const TAG = 'portal';

const userIdParam = {
  name: 'id',
  in: 'path' as const,
  required: true,
  description: 'The portal user number.',
  schema: { type: 'integer' as const, minimum: 1 },
};
const portalPartner = ok('The portal partner with its users.', ref('PortalPartner'));
const userInput = closedObject({
  email: { type: 'string', format: 'email', maxLength: 254 },
  name: { type: 'string', minLength: 1, maxLength: 200 },
});
const link = {
  signInUrl: {
    type: 'string',
    description: 'One-time sign-in link; shown in this answer only (only its hash is kept).',
  },
  expiresAt: time,
} satisfies Record<string, SchemaObject>;

export const PORTAL_OPENAPI_SCHEMAS: Record<string, SchemaObject> = {
  PortalUser: closedObject({
    id: { type: 'integer' },
    partnerId: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    createdAt: time,
    revokedAt: timeOrNull,
    lastSignInAt: timeOrNull,
  }),
  PortalPartner: closedObject({
    id: { type: 'integer' },
    nodeId: {
      type: 'string',
      description: "Its node id, under this node's URL: /portal/partners/<uid>.",
    },
    name: { type: 'string' },
    partnerType: { type: 'string' },
    relationship: { type: 'string' },
    allowedKinds: { type: 'array', items: { type: 'string' } },
    status: { type: 'string', enum: ['active', 'suspended', 'removed'] },
    access: { type: 'string', enum: ['granted', 'revoked'] },
    revokedAt: timeOrNull,
    createdAt: time,
    users: { type: 'array', items: ref('PortalUser') },
  }),
  PortalInviteRequest: closedObject(
    {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      partnerType: { type: 'string', description: 'Default reseller.' },
      relationship: { type: 'string', description: 'Default strategic.' },
      kinds: {
        type: 'array',
        items: { type: 'string' },
        description: 'Kinds it may send; defaults from its type and relationship.',
      },
      user: userInput,
    },
    ['name'],
  ),
  PortalNotification: closedObject({
    id: { type: 'integer' },
    userId: { type: 'integer' },
    partnerId: { type: 'integer' },
    type: { type: 'string' },
    subject: { type: 'string' },
    body: { type: 'string' },
    path: { type: 'string', description: 'The portal page it links to, under /portal.' },
    state: { type: 'string', enum: ['queued', 'sent', 'failed'] },
    attempts: { type: 'integer' },
    createdAt: time,
    nextAttemptAt: time,
    sentAt: timeOrNull,
    failedAt: timeOrNull,
    lastError: { type: ['string', 'null'] },
  }),
  PortalSettings: closedObject({
    smtp: {
      oneOf: [
        { type: 'null' },
        closedObject({
          host: { type: 'string' },
          port: { type: 'integer' },
          secure: { type: 'boolean' },
          user: { type: ['string', 'null'] },
          from: { type: 'string' },
          passwordSet: { type: 'boolean' },
        }),
      ],
    },
    sessionHours: { type: 'integer' },
    linkHours: { type: 'integer' },
  }),
  PortalSettingsPatch: closedObject(
    {
      smtp: {
        description: 'null turns e-mail off.',
        oneOf: [
          { type: 'null' },
          closedObject(
            {
              host: { type: 'string', maxLength: 253 },
              port: { type: 'integer', minimum: 1, maximum: 65535, default: 587 },
              secure: { type: 'boolean', description: 'TLS from the start; default: port is 465.' },
              user: { type: 'string', maxLength: 200 },
              password: { type: 'string', maxLength: 500 },
              from: { type: 'string', format: 'email' },
            },
            ['host', 'from'],
          ),
        ],
      },
      sessionHours: {
        type: 'integer',
        ...{ minimum: SESSION_HOURS.min, maximum: SESSION_HOURS.max },
      },
      linkHours: { type: 'integer', ...{ minimum: LINK_HOURS.min, maximum: LINK_HOURS.max } },
    },
    [],
  ),
};

export const PORTAL_OPENAPI_PATHS: Record<string, PathItemObject> = {
  '/portal/partners': {
    post: operation('invitePortalPartner', {
      summary:
        'Invite a partner without a node to the portal; with a user, its sign-in link is in the answer',
      tag: TAG,
      body: { schema: ref('PortalInviteRequest') },
      responses: {
        '201': ok(
          'Created.',
          closedObject({ partner: ref('PortalPartner'), ...link }, ['partner']),
        ),
        '409': response('Conflict'),
      },
    }),
    get: operation('listPortalPartners', {
      summary: 'Portal partners with their users',
      tag: TAG,
      responses: {
        '200': ok(
          'Portal partners.',
          closedObject({ partners: { type: 'array', items: ref('PortalPartner') } }),
        ),
      },
    }),
  },
  '/portal/partners/{ref}': {
    get: operation('getPortalPartner', {
      summary: 'One portal partner with its users',
      tag: TAG,
      parameters: [param('partnerRef')],
      responses: { '200': portalPartner, '404': response('NotFound') },
    }),
  },
  '/portal/partners/{ref}/users': {
    post: operation('addPortalUser', {
      summary: 'Add a user; its sign-in link is in the answer',
      tag: TAG,
      parameters: [param('partnerRef')],
      body: { schema: userInput },
      responses: {
        '201': ok('Created.', closedObject({ user: ref('PortalUser'), ...link })),
        '404': response('NotFound'),
        '409': response('Conflict'),
      },
    }),
  },
  '/portal/partners/{ref}/revoke': {
    post: operation('revokePortalAccess', {
      summary: "Revoke every user's access at once: sessions end, links stop working",
      tag: TAG,
      parameters: [param('partnerRef')],
      responses: { '200': portalPartner, '404': response('NotFound') },
    }),
  },
  '/portal/partners/{ref}/restore': {
    post: operation('restorePortalAccess', {
      summary: 'Restore a revoked portal access (users need new links)',
      tag: TAG,
      parameters: [param('partnerRef')],
      responses: { '200': portalPartner, '404': response('NotFound') },
    }),
  },
  '/portal/partners/{ref}/move': {
    post: operation('movePortalPartner', {
      summary:
        'The partner has a node of its own: its row (and every record) moves to that node id, suspended until the node connects with the invitation in the answer; portal access ends',
      tag: TAG,
      parameters: [param('partnerRef')],
      body: {
        schema: closedObject(
          {
            nodeId: { type: 'string', description: "The partner's own node id (its URL)." },
            ttlHours: {
              type: 'integer',
              minimum: 1,
              description: 'How long the invitation lasts.',
            },
          },
          ['nodeId'],
        ),
      },
      responses: {
        '200': ok(
          'Moved; the token is shown only now.',
          closedObject({
            partner: ref('Partner'),
            invitation: ref('Invitation'),
            token: { type: 'string' },
            nodeUrl: { type: 'string' },
            connectCommand: { type: 'string' },
          }),
        ),
        '400': response('BadRequest'),
        '404': response('NotFound'),
        '409': response('Conflict'),
      },
    }),
  },
  '/portal/partners/{ref}/history': {
    get: operation('exportPortalHistory', {
      summary:
        "The partner's signed messages both ways, with receipts, to carry to a node of its own",
      tag: TAG,
      parameters: [param('partnerRef')],
      responses: { '200': ok('The history.', { type: 'object' }), '404': response('NotFound') },
    }),
  },
  '/portal/users/{id}/links': {
    post: operation('issuePortalLink', {
      summary: 'A new one-time sign-in link for a user',
      tag: TAG,
      parameters: [userIdParam],
      responses: {
        '201': ok('The link.', closedObject(link)),
        '404': response('NotFound'),
        '409': response('Conflict'),
      },
    }),
  },
  '/portal/users/{id}/revoke': {
    post: operation('revokePortalUser', {
      summary: "End a user's access for good; its sessions end at once",
      tag: TAG,
      parameters: [userIdParam],
      responses: { '200': ok('The user.', ref('PortalUser')), '404': response('NotFound') },
    }),
  },
  '/portal/notifications': {
    get: operation('listPortalNotifications', {
      summary: 'E-mail notifications to portal users, newest first; shows whether e-mail is on',
      tag: TAG,
      parameters: [
        {
          name: 'state',
          in: 'query',
          schema: { type: 'string', enum: ['queued', 'sent', 'failed'] },
        },
        param('partnerFilter'),
        param('limit'),
        param('after'),
      ],
      responses: {
        '200': ok(
          'A page.',
          closedObject({
            emailEnabled: { type: 'boolean' },
            queued: { type: 'integer' },
            notifications: { type: 'array', items: ref('PortalNotification') },
            nextCursor: { type: ['integer', 'null'] },
          }),
        ),
        '400': response('BadRequest'),
      },
    }),
  },
  '/portal/settings': {
    get: operation('getPortalSettings', {
      summary: "The portal's settings (the SMTP password only as passwordSet)",
      tag: TAG,
      responses: { '200': ok('Settings.', ref('PortalSettings')) },
    }),
    patch: operation('updatePortalSettings', {
      summary: 'Change the SMTP server (null turns e-mail off) and session and link lifetimes',
      tag: TAG,
      body: { schema: ref('PortalSettingsPatch') },
      responses: { '200': ok('Settings.', ref('PortalSettings')) },
    }),
  },
};
