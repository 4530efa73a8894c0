/** Invitations: create one (the token is shown in this answer only), list them, revoke one. */
import type { AppDeps } from '../app.ts';
import { AppError, notFound } from '../errors.ts';
import { createInvitation, invitationState, parsePartnerProfile } from '../partners/invitations.ts';
import * as ops from './core-operations.ts';
import { knownKinds } from './known-kinds.ts';
import { createOperationRouter } from './operation.ts';
import { invitationView } from './views.ts';

export { INVITATION_STATES, MAX_INVITATION_TTL_HOURS } from '../partners/partner-schemas.ts';

export function createInvitationRoutes(deps: AppDeps) {
  const app = createOperationRouter();

  app.openapi(ops.createInvitation, async (c) => {
    const body = c.req.valid('json');
    const profile = parsePartnerProfile(body, knownKinds(c.var.deps));
    const ttlHours = body.ttlHours ?? c.var.deps.config.invitationTtlHours;
    const now = c.var.deps.clock.now();
    const { token, invitation } = await createInvitation(
      { store: c.var.deps.store, now, ttlMs: ttlHours * 3600_000 },
      profile,
    );
    c.var.deps.log.info({ category: 'admin', invitationId: invitation.id }, 'invitation created');
    return c.json(
      {
        invitation: invitationView(invitation, invitationState(invitation, now)),
        token,
        nodeUrl: c.var.deps.nodeId,
        connectCommand: `partner-sync connect ${c.var.deps.nodeId} --token ${token}`,
      },
      201,
    );
  });

  app.openapi(ops.listInvitations, async (c) => {
    const { state } = c.req.valid('query');
    const now = c.var.deps.clock.now();
    const invitations = await c.var.deps.store.read((tx) => tx.invitations.list());
    const views = invitations.map((inv) => invitationView(inv, invitationState(inv, now)));
    return c.json(
      { invitations: views.filter((v) => state === undefined || v.state === state) },
      200,
    );
  });

  app.openapi(ops.revokeInvitation, async (c) => {
    const { id } = c.req.valid('param');
    const now = c.var.deps.clock.now();
    const revoked = await c.var.deps.store.transact(async (tx) => {
      const invitation = await tx.invitations.getById(id);
      if (!invitation) throw notFound(`invitation ${id}`);
      if (!(await tx.invitations.revoke(id, now))) {
        throw new AppError(
          409,
          'invitation_closed',
          `invitation ${id} was already ${invitation.revokedAt ? 'revoked' : 'used'}`,
        );
      }
      return (await tx.invitations.getById(id))!;
    });
    return c.json({ invitation: invitationView(revoked, invitationState(revoked, now)) }, 200);
  });

  return app;
}
