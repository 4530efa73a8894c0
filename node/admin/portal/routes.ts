/**
 * The partner portal in the admin API, mounted under /api: invite partners to the portal, add
 * their users, make sign-in links (shown in the answer only), revoke or restore access, see the
 * queue of notifications, set the portal's settings (SMTP), and export a partner's history.
 * Declared in ./portal-operations.ts.
 */
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
import { parseSettingsChange } from '../../portal/portal-settings-change.ts';
import { readPortalSettings, settingsView } from '../../portal/portal-settings.ts';
import { pageCut, pageOf } from '../record-schemas.ts';
import { createOperationRouter } from '../operation.ts';
import { partnerForField } from '../partner-ref.ts';
import { showPartner } from '../partner-routes.ts';
import { invitationView } from '../views.ts';
import * as ops from './portal-operations.ts';
import { listPortalPartners, showPortalPartner } from './queries.ts';
import { notificationView, portalUserView } from './views.ts';

export { NOTIFICATION_STATES } from '../../portal/portal-schemas.ts';

const linkView = (link: IssuedLink) => ({
  signInUrl: link.url,
  expiresAt: link.expiresAt.toISOString(),
});

function userId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw badRequest('invalid_field', 'id must be a user number', 'id');
  return Number(raw);
}

export function createPortalAdminRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  app.openapi(ops.invitePortalPartner, async (c) => {
    const body = c.req.valid('json');
    const profile = parsePartnerProfile(
      {
        name: body.name,
        partnerType: body.partnerType ?? 'reseller',
        relationship: body.relationship ?? 'strategic',
        kinds: body.kinds,
      },
      c.var.deps.handlers.kinds(),
    );
    const user = body.user && parseUserInput(body.user, 'user.');
    const created = await invitePortalPartner(c.var.deps, { profile, ...(user && { user }) });
    c.var.deps.log.info(
      { category: 'portal', partnerId: created.partner.id },
      'portal partner invited',
    );
    return c.json(
      {
        partner: await showPortalPartner(c.var.deps.store, String(created.partner.id)),
        ...(created.link && linkView(created.link)),
      },
      201,
    );
  });

  app.openapi(ops.listPortalPartners, async (c) =>
    c.json({ partners: await listPortalPartners(c.var.deps.store) }, 200),
  );

  app.openapi(ops.getPortalPartner, async (c) =>
    c.json(await showPortalPartner(c.var.deps.store, c.req.valid('param').ref), 200),
  );

  app.openapi(ops.addPortalUser, async (c) => {
    const input = parseUserInput(c.req.valid('json'));
    const { user, link } = await addPortalUser(c.var.deps, c.req.valid('param').ref, input);
    return c.json({ user: portalUserView(user), ...linkView(link) }, 201);
  });

  app.openapi(ops.revokePortalAccess, async (c) => {
    const { ref } = c.req.valid('param');
    await setPortalAccess(c.var.deps, ref, 'revoke');
    c.var.deps.log.info({ category: 'portal', partner: ref }, 'portal access revoked');
    return c.json(await showPortalPartner(c.var.deps.store, ref), 200);
  });

  app.openapi(ops.restorePortalAccess, async (c) => {
    const { ref } = c.req.valid('param');
    await setPortalAccess(c.var.deps, ref, 'restore');
    return c.json(await showPortalPartner(c.var.deps.store, ref), 200);
  });

  // The partner got a node of its own: re-point its row there, with an invitation to connect.
  app.openapi(ops.movePortalPartner, async (c) => {
    const { nodeId, ttlHours = c.var.deps.config.invitationTtlHours } = c.req.valid('json');
    const now = c.var.deps.clock.now();
    const moved = await movePortalPartner(c.var.deps, c.req.valid('param').ref, {
      nodeId,
      ttlMs: ttlHours * 3600_000,
    });
    c.var.deps.log.info(
      { category: 'portal', partnerId: moved.partner.id, nodeId },
      'portal partner moved to its own node',
    );
    return c.json(
      {
        partner: await showPartner(c.var.deps.store, moved.partner.id),
        invitation: invitationView(moved.invitation, invitationState(moved.invitation, now)),
        token: moved.token,
        nodeUrl: c.var.deps.nodeId,
        connectCommand: `partner-sync connect ${c.var.deps.nodeId} --token ${moved.token}`,
      },
      200,
    );
  });

  app.openapi(ops.exportPortalHistory, async (c) => {
    const ref = c.req.valid('param').ref;
    const { partner } = await c.var.deps.store.read((tx) => findPortalPartner(tx, ref));
    return c.json((await exportHistory(c.var.deps, partner)) as Record<string, unknown>, 200);
  });

  app.openapi(ops.issuePortalLink, async (c) => {
    const link = await issueSignInLink(c.var.deps, userId(c.req.valid('param').id));
    return c.json(linkView(link), 201);
  });

  app.openapi(ops.revokePortalUser, async (c) => {
    const user = await revokePortalUser(c.var.deps, userId(c.req.valid('param').id));
    c.var.deps.log.info({ category: 'portal', userId: user.id }, 'portal user revoked');
    return c.json(portalUserView(user), 200);
  });

  app.openapi(ops.listPortalNotifications, async (c) => {
    const query = c.req.valid('query');
    const partner =
      query.partner === undefined
        ? undefined
        : await partnerForField(c.var.deps.store, query.partner, 'partner');
    const page = pageOf(query);
    const { rows, settings, queued } = await c.var.deps.store.read(async (tx) => ({
      rows: await tx.portal.listNotifications(
        {
          ...(query.state !== undefined && { state: query.state }),
          ...(partner && { partnerId: partner.id }),
        },
        { ...page, limit: page.limit + 1 },
      ),
      settings: await readPortalSettings(tx),
      queued: await tx.portal.countQueued(),
    }));
    const { shown, nextCursor } = pageCut(rows, page.limit);
    return c.json(
      {
        emailEnabled: settings.smtp !== null,
        queued,
        notifications: shown.map(notificationView),
        nextCursor,
      },
      200,
    );
  });

  app.openapi(ops.getPortalSettings, async (c) =>
    c.json(settingsView(await c.var.deps.store.read(readPortalSettings)), 200),
  );

  app.openapi(ops.updatePortalSettings, async (c) => {
    const change = parseSettingsChange(c.req.valid('json'));
    const now = c.var.deps.clock.now();
    const settings = await c.var.deps.store.transact(async (tx) => {
      await tx.portal.saveSettings(change as Record<string, unknown>, now);
      return readPortalSettings(tx);
    });
    return c.json(settingsView(settings), 200);
  });

  return app;
}
