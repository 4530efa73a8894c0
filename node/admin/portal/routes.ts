/**
 * The partner portal in the admin API, mounted under /api: invite partners to the portal, add
 * their users, make sign-in links (shown in the answer only), revoke or restore access, see the
 * queue of notifications, set the portal's settings (SMTP), and export a partner's history.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../../app.ts';
import { badRequest } from '../../errors.ts';
import { invitationState, parsePartnerProfile } from '../../partners/invitations.ts';
import { exportHistory } from '../../portal/export-history.ts';
import { movePortalPartner } from '../../portal/move-partner.ts';
import {
  addPortalUser,
  findPortalPartner,
  invitePortalPartner,
  issueSignInLink,
  parseUserInput,
  revokePortalUser,
  setPortalAccess,
  type IssuedLink,
} from '../../portal/portal-access.ts';
import {
  parseSettingsChange,
  readPortalSettings,
  settingsView,
} from '../../portal/portal-settings.ts';
import type { NotificationState } from '../../store/portal-store.ts';
import type { AdminEnv } from '../admin-env.ts';
import {
  invalidField,
  optionalInteger,
  queryPage,
  queryValue,
  rejectUnknownFields,
  rejectUnknownQuery,
  requiredString,
} from '../fields.ts';
import { MAX_INVITATION_TTL_HOURS } from '../invitation-routes.ts';
import { jsonBody } from '../json-body.ts';
import { partnerForField } from '../partner-ref.ts';
import { showPartner } from '../partner-routes.ts';
import { invitationView } from '../views.ts';
import { listPortalPartners, showPortalPartner } from './queries.ts';
import { notificationView, portalUserView } from './views.ts';

export { PORTAL_OPENAPI_PATHS, PORTAL_OPENAPI_SCHEMAS } from './openapi.ts';

export const NOTIFICATION_STATES: readonly NotificationState[] = ['queued', 'sent', 'failed'];

const linkView = (link: IssuedLink) => ({
  signInUrl: link.url,
  expiresAt: link.expiresAt.toISOString(),
});

function userId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw badRequest('invalid_field', 'id must be a user number', 'id');
  return Number(raw);
}

export function createPortalAdminRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.post('/portal/partners', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['name', 'partnerType', 'relationship', 'kinds', 'user']);
    const profile = parsePartnerProfile(
      {
        name: body.name,
        partnerType: body.partnerType ?? 'reseller',
        relationship: body.relationship ?? 'strategic',
        kinds: body.kinds,
      },
      deps.handlers.kinds(),
    );
    let user;
    if (body.user !== undefined) {
      if (typeof body.user !== 'object' || body.user === null || Array.isArray(body.user)) {
        throw invalidField('user', 'user must be an object with email and name');
      }
      const input = body.user as Record<string, unknown>;
      rejectUnknownFields(input, ['email', 'name', 'language']);
      user = parseUserInput(input, 'user.');
    }
    const created = await invitePortalPartner(deps, { profile, ...(user && { user }) });
    deps.log.info({ category: 'portal', partnerId: created.partner.id }, 'portal partner invited');
    return c.json(
      {
        partner: await showPortalPartner(deps.store, String(created.partner.id)),
        ...(created.link && linkView(created.link)),
      },
      201,
    );
  });

  app.get('/portal/partners', async (c) => {
    rejectUnknownQuery(c, []);
    return c.json({ partners: await listPortalPartners(deps.store) });
  });

  app.get('/portal/partners/:ref', async (c) => {
    rejectUnknownQuery(c, []);
    return c.json(await showPortalPartner(deps.store, c.req.param('ref')));
  });

  app.post('/portal/partners/:ref/users', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['email', 'name', 'language']);
    const { user, link } = await addPortalUser(deps, c.req.param('ref'), parseUserInput(body));
    return c.json({ user: portalUserView(user), ...linkView(link) }, 201);
  });

  app.post('/portal/partners/:ref/revoke', async (c) => {
    await setPortalAccess(deps, c.req.param('ref'), 'revoke');
    deps.log.info({ category: 'portal', partner: c.req.param('ref') }, 'portal access revoked');
    return c.json(await showPortalPartner(deps.store, c.req.param('ref')));
  });

  app.post('/portal/partners/:ref/restore', async (c) => {
    await setPortalAccess(deps, c.req.param('ref'), 'restore');
    return c.json(await showPortalPartner(deps.store, c.req.param('ref')));
  });

  // The partner got a node of its own: re-point its row there, with an invitation to connect.
  app.post('/portal/partners/:ref/move', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, ['nodeId', 'ttlHours']);
    const nodeId = requiredString(body, 'nodeId', { min: 1, max: 2048 });
    const ttlHours =
      optionalInteger(body, 'ttlHours', { min: 1, max: MAX_INVITATION_TTL_HOURS }) ??
      deps.config.invitationTtlHours;
    const now = deps.clock.now();
    const moved = await movePortalPartner(deps, c.req.param('ref'), {
      nodeId,
      ttlMs: ttlHours * 3600_000,
    });
    deps.log.info(
      { category: 'portal', partnerId: moved.partner.id, nodeId },
      'portal partner moved to its own node',
    );
    return c.json({
      partner: await showPartner(deps.store, moved.partner.id),
      invitation: invitationView(moved.invitation, invitationState(moved.invitation, now)),
      token: moved.token,
      nodeUrl: deps.nodeId,
      connectCommand: `partner-sync connect ${deps.nodeId} --token ${moved.token}`,
    });
  });

  app.get('/portal/partners/:ref/history', async (c) => {
    rejectUnknownQuery(c, []);
    const { partner } = await deps.store.read((tx) => findPortalPartner(tx, c.req.param('ref')));
    return c.json(await exportHistory(deps, partner));
  });

  app.post('/portal/users/:id/links', async (c) => {
    const link = await issueSignInLink(deps, userId(c.req.param('id')));
    return c.json(linkView(link), 201);
  });

  app.post('/portal/users/:id/revoke', async (c) => {
    const user = await revokePortalUser(deps, userId(c.req.param('id')));
    deps.log.info({ category: 'portal', userId: user.id }, 'portal user revoked');
    return c.json(portalUserView(user));
  });

  app.get('/portal/notifications', async (c) => {
    rejectUnknownQuery(c, ['state', 'partner', 'limit', 'after']);
    const state = queryValue(c, 'state');
    if (state !== undefined && !(NOTIFICATION_STATES as readonly string[]).includes(state)) {
      throw invalidField('state', `state must be one of ${NOTIFICATION_STATES.join(', ')}`);
    }
    const partnerRef = queryValue(c, 'partner');
    const partner =
      partnerRef === undefined
        ? undefined
        : await partnerForField(deps.store, partnerRef, 'partner');
    const page = queryPage(c);
    const { rows, settings, queued } = await deps.store.read(async (tx) => ({
      rows: await tx.portal.listNotifications(
        {
          ...(state !== undefined && { state: state as NotificationState }),
          ...(partner && { partnerId: partner.id }),
        },
        { ...page, limit: page.limit + 1 },
      ),
      settings: await readPortalSettings(tx),
      queued: await tx.portal.countQueued(),
    }));
    const shown = rows.slice(0, page.limit);
    return c.json({
      emailEnabled: settings.smtp !== null,
      queued,
      notifications: shown.map(notificationView),
      nextCursor: rows.length > page.limit ? shown.at(-1)!.id : null,
    });
  });

  app.get('/portal/settings', async (c) => {
    rejectUnknownQuery(c, []);
    return c.json(settingsView(await deps.store.read(readPortalSettings)));
  });

  app.patch('/portal/settings', jsonBody(), async (c) => {
    const change = parseSettingsChange(c.var.body);
    const now = deps.clock.now();
    const settings = await deps.store.transact(async (tx) => {
      await tx.portal.saveSettings(change as Record<string, unknown>, now);
      return readPortalSettings(tx);
    });
    return c.json(settingsView(settings));
  });

  return app;
}
