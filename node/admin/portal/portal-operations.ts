/** The partner portal's admin operations, declared once (owner and admin only: portal settings). */
import { z } from 'zod';
import { queryEnum, queryInteger, queryText } from '../../input/input-atoms.ts';
import { LOCALES } from '../../i18n/locales.ts';
import {
  NOTIFICATION_STATES,
  PortalInviteRequest,
  PortalMoveRequest,
  PortalSettingsPatch,
  PortalUserInput,
} from '../../portal/portal-schemas.ts';
import { MAX_PAGE_LIMIT } from '../fields.ts';
import { errorResponses as errors, jsonRequest, jsonResponse, operationsOf } from '../operation.ts';
import { SENSITIVE } from '../role-rule.ts';
import { Invitation, Partner, stringOrNull, time, timeOrNull } from '../view-schemas.ts';

const declare = operationsOf('portal');
/** Portal users are people's accounts: owner and admin only, reading included. */
const OWNER_ONLY = SENSITIVE;

const PortalUser = z
  .strictObject({
    id: z.number().int(),
    partnerId: z.number().int(),
    email: z.string(),
    name: z.string(),
    createdAt: time,
    revokedAt: timeOrNull,
    lastSignInAt: timeOrNull,
    language: stringOrNull.meta({
      description: `The user's language (${LOCALES.join(', ')}); null: the node's default.`,
    }),
  })
  .meta({ id: 'PortalUser' });

const PortalPartner = z
  .strictObject({
    id: z.number().int(),
    nodeId: z
      .string()
      .meta({ description: "Its node id, under this node's URL: /portal/partners/<uid>." }),
    name: z.string(),
    partnerType: z.string(),
    relationship: z.string(),
    allowedKinds: z.array(z.string()),
    status: z.enum(['active', 'suspended', 'removed']),
    access: z.enum(['granted', 'revoked']),
    revokedAt: timeOrNull,
    createdAt: time,
    users: z.array(PortalUser),
  })
  .meta({ id: 'PortalPartner' });

const PortalNotification = z
  .strictObject({
    id: z.number().int(),
    userId: z.number().int(),
    partnerId: z.number().int(),
    type: z.string(),
    subject: z.string(),
    body: z.string(),
    path: z.string().meta({ description: 'The portal page it links to, under /portal.' }),
    state: z.enum(NOTIFICATION_STATES),
    attempts: z.number().int(),
    createdAt: time,
    nextAttemptAt: time,
    sentAt: timeOrNull,
    failedAt: timeOrNull,
    lastError: stringOrNull,
  })
  .meta({ id: 'PortalNotification' });

const PortalSettings = z
  .strictObject({
    smtp: z
      .strictObject({
        host: z.string(),
        port: z.number().int(),
        secure: z.boolean(),
        user: stringOrNull,
        from: z.string(),
        passwordSet: z.boolean(),
      })
      .nullable(),
    sessionHours: z.number().int(),
    linkHours: z.number().int(),
  })
  .meta({ id: 'PortalSettings' });

const link = {
  signInUrl: z.string().meta({
    description: 'One-time sign-in link; shown in this answer only (only its hash is kept).',
  }),
  expiresAt: time,
};

const partnerRef = z.object({
  ref: z.string().min(1).meta({ description: 'Partner id, or its node id URL-encoded.' }),
});
// A user number that is not one is a 400 naming `id` (checked by the handler), as before.
const userId = z.object({ id: z.string().meta({ description: 'The portal user number.' }) });
const noQuery = z.strictObject({});
const portalPartnerAnswer = {
  200: jsonResponse('The portal partner with its users.', PortalPartner),
  404: errors[404],
};

export const invitePortalPartner = declare(
  {
    method: 'post',
    path: '/portal/partners',
    operationId: 'invitePortalPartner',
    roles: OWNER_ONLY,
    body: 'required',
    summary:
      'Invite a partner without a node to the portal; with a user, its sign-in link is in the answer',
    description:
      'Creates a partner that works through this node’s portal instead of a node of its own, classified like any partner (default reseller, strategic). With a user, the user is created and its one-time sign-in link is shown in this answer only.',
  },
  {
    request: { body: jsonRequest(PortalInviteRequest) },
    responses: {
      201: jsonResponse(
        'Created.',
        z.strictObject({
          partner: PortalPartner,
          signInUrl: link.signInUrl.optional(),
          expiresAt: time.optional(),
        }),
      ),
      400: errors[400],
      409: errors[409],
    },
  },
);

export const listPortalPartners = declare(
  {
    method: 'get',
    path: '/portal/partners',
    operationId: 'listPortalPartners',
    roles: OWNER_ONLY,
    summary: 'Portal partners with their users',
    description: 'Every portal partner with its access (granted or revoked) and its users.',
  },
  {
    request: { query: noQuery },
    responses: {
      200: jsonResponse('Portal partners.', z.strictObject({ partners: z.array(PortalPartner) })),
    },
  },
);

export const getPortalPartner = declare(
  {
    method: 'get',
    path: '/portal/partners/{ref}',
    operationId: 'getPortalPartner',
    roles: OWNER_ONLY,
    summary: 'One portal partner with its users',
    description: 'One portal partner by partner id or node id; any other partner is a 404.',
  },
  { request: { params: partnerRef, query: noQuery }, responses: portalPartnerAnswer },
);

export const addPortalUser = declare(
  {
    method: 'post',
    path: '/portal/partners/{ref}/users',
    operationId: 'addPortalUser',
    roles: OWNER_ONLY,
    body: 'required',
    summary: 'Add a user; its sign-in link is in the answer',
    description:
      'Adds a person who may sign in for the portal partner; the e-mail is stored lower-case and must be new. The one-time sign-in link is shown in this answer only.',
  },
  {
    request: { params: partnerRef, body: jsonRequest(PortalUserInput) },
    responses: {
      201: jsonResponse('Created.', z.strictObject({ user: PortalUser, ...link })),
      400: errors[400],
      404: errors[404],
      409: errors[409],
    },
  },
);

export const revokePortalAccess = declare(
  {
    method: 'post',
    path: '/portal/partners/{ref}/revoke',
    operationId: 'revokePortalAccess',
    roles: OWNER_ONLY,
    summary: "Revoke every user's access at once: sessions end, links stop working",
    description:
      'Ends the portal partner’s access: its users’ sessions end at once and unused sign-in links stop working. Its records stay.',
  },
  { request: { params: partnerRef }, responses: portalPartnerAnswer },
);

export const restorePortalAccess = declare(
  {
    method: 'post',
    path: '/portal/partners/{ref}/restore',
    operationId: 'restorePortalAccess',
    roles: OWNER_ONLY,
    summary: 'Restore a revoked portal access (users need new links)',
    description:
      'Grants access again after a revocation; old links stay dead, so each user needs a new sign-in link.',
  },
  { request: { params: partnerRef }, responses: portalPartnerAnswer },
);

export const movePortalPartner = declare(
  {
    method: 'post',
    path: '/portal/partners/{ref}/move',
    operationId: 'movePortalPartner',
    roles: OWNER_ONLY,
    body: 'required',
    summary:
      'The partner has a node of its own: its row (and every record) moves to that node id, suspended until the node connects with the invitation in the answer; portal access ends',
    description:
      'For a portal partner that now runs its own node: its partner row and records move to the given node id, suspended until that node connects with the invitation created here (token shown in this answer only); portal access ends.',
  },
  {
    request: { params: partnerRef, body: jsonRequest(PortalMoveRequest) },
    responses: {
      200: jsonResponse(
        'Moved; the token is shown only now.',
        z.strictObject({
          partner: Partner,
          invitation: Invitation,
          token: z.string(),
          nodeUrl: z.string(),
          connectCommand: z.string(),
        }),
      ),
      400: errors[400],
      404: errors[404],
      409: errors[409],
    },
  },
);

export const exportPortalHistory = declare(
  {
    method: 'get',
    path: '/portal/partners/{ref}/history',
    operationId: 'exportPortalHistory',
    roles: OWNER_ONLY,
    summary:
      "The partner's signed messages both ways, with receipts, to carry to a node of its own",
    description:
      'Everything signed between this node and the portal partner, both ways, with receipts: what the partner takes along when it moves to a node of its own.',
  },
  {
    request: { params: partnerRef, query: noQuery },
    responses: {
      200: jsonResponse('The history.', z.record(z.string(), z.unknown())),
      404: errors[404],
    },
  },
);

export const issuePortalLink = declare(
  {
    method: 'post',
    path: '/portal/users/{id}/links',
    operationId: 'issuePortalLink',
    roles: OWNER_ONLY,
    summary: 'A new one-time sign-in link for a user',
    description:
      'Issues a fresh one-time sign-in link for a portal user (shown in this answer only). 409 for a revoked user or partner.',
  },
  {
    request: { params: userId },
    responses: {
      201: jsonResponse('The link.', z.strictObject(link)),
      400: errors[400],
      404: errors[404],
      409: errors[409],
    },
  },
);

export const revokePortalUser = declare(
  {
    method: 'post',
    path: '/portal/users/{id}/revoke',
    operationId: 'revokePortalUser',
    roles: OWNER_ONLY,
    summary: "End a user's access for good; its sessions end at once",
    description: 'A revoked user cannot sign in again and its sessions end at once.',
  },
  {
    request: { params: userId },
    responses: {
      200: jsonResponse('The user.', PortalUser),
      400: errors[400],
      404: errors[404],
    },
  },
);

export const listPortalNotifications = declare(
  {
    method: 'get',
    path: '/portal/notifications',
    operationId: 'listPortalNotifications',
    roles: OWNER_ONLY,
    summary: 'E-mail notifications to portal users, newest first; shows whether e-mail is on',
    description:
      'The e-mails queued, sent or failed for portal users, optionally of one state or for one partner; page with `after`. Tells whether e-mail is on and how many wait.',
  },
  {
    request: {
      query: z.strictObject({
        state: queryEnum(NOTIFICATION_STATES).optional(),
        partner: queryText().optional().meta({ description: 'Partner id or node id.' }),
        limit: queryInteger(1, MAX_PAGE_LIMIT).optional(),
        after: queryInteger(0, Number.MAX_SAFE_INTEGER).optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        'A page.',
        z.strictObject({
          emailEnabled: z.boolean(),
          queued: z.number().int(),
          notifications: z.array(PortalNotification),
          nextCursor: z.number().int().nullable(),
        }),
      ),
      400: errors[400],
    },
  },
);

export const getPortalSettings = declare(
  {
    method: 'get',
    path: '/portal/settings',
    operationId: 'getPortalSettings',
    roles: OWNER_ONLY,
    summary: "The portal's settings (the SMTP password only as passwordSet)",
    description:
      'The SMTP server portal e-mail goes through (the password is never shown), and how long sessions and sign-in links last.',
  },
  {
    request: { query: noQuery },
    responses: { 200: jsonResponse('Settings.', PortalSettings) },
  },
);

export const updatePortalSettings = declare(
  {
    method: 'patch',
    path: '/portal/settings',
    operationId: 'updatePortalSettings',
    roles: OWNER_ONLY,
    body: 'required',
    summary: 'Change the SMTP server (null turns e-mail off) and session and link lifetimes',
    description:
      'Only the fields given change; `smtp` is replaced whole and needs user and password together or neither.',
  },
  {
    request: { body: jsonRequest(PortalSettingsPatch) },
    responses: { 200: jsonResponse('Settings.', PortalSettings), 400: errors[400] },
  },
);

export const PORTAL_OPERATIONS = [
  invitePortalPartner,
  listPortalPartners,
  getPortalPartner,
  addPortalUser,
  revokePortalAccess,
  restorePortalAccess,
  movePortalPartner,
  exportPortalHistory,
  issuePortalLink,
  revokePortalUser,
  listPortalNotifications,
  getPortalSettings,
  updatePortalSettings,
];
