/** Invitations: create one (the token is shown in this answer only), list them, revoke one. */
import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';
import { AppError, notFound } from '../errors.ts';
import { createInvitation, invitationState, parsePartnerProfile } from '../partners/invitations.ts';
import type { InvitationState } from '../store/types.ts';
import type { AdminEnv } from './admin-env.ts';
import {
  invalidField,
  optionalInteger,
  queryValue,
  rejectUnknownFields,
  rejectUnknownQuery,
} from './fields.ts';
import { jsonBody } from './json-body.ts';
import { knownKinds } from './known-kinds.ts';
import { invitationView } from './views.ts';

/** A year: an invitation that lives longer is a standing credential, not an invitation. */
export const MAX_INVITATION_TTL_HOURS = 8760;
export const INVITATION_STATES: readonly InvitationState[] = ['open', 'used', 'expired', 'revoked'];
const INVITATION_FIELDS = ['name', 'partnerType', 'relationship', 'kinds', 'ttlHours'] as const;

export function createInvitationRoutes(deps: AppDeps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.post('/invitations', jsonBody(), async (c) => {
    const body = c.var.body;
    rejectUnknownFields(body, INVITATION_FIELDS);
    const profile = parsePartnerProfile(body, knownKinds(deps));
    const ttlHours =
      optionalInteger(body, 'ttlHours', { min: 1, max: MAX_INVITATION_TTL_HOURS }) ??
      deps.config.invitationTtlHours;
    const now = deps.clock.now();
    const { token, invitation } = await createInvitation(
      { store: deps.store, now, ttlMs: ttlHours * 3600_000 },
      profile,
    );
    deps.log.info({ category: 'admin', invitationId: invitation.id }, 'invitation created');
    return c.json(
      {
        invitation: invitationView(invitation, invitationState(invitation, now)),
        token,
        nodeUrl: deps.nodeId,
        connectCommand: `partner-sync connect ${deps.nodeId} --token ${token}`,
      },
      201,
    );
  });

  app.get('/invitations', async (c) => {
    rejectUnknownQuery(c, ['state']);
    const state = queryValue(c, 'state');
    if (state !== undefined && !INVITATION_STATES.includes(state as InvitationState)) {
      throw invalidField('state', `state must be one of ${INVITATION_STATES.join(', ')}`);
    }
    const now = deps.clock.now();
    const invitations = await deps.store.read((tx) => tx.invitations.list());
    const views = invitations.map((inv) => invitationView(inv, invitationState(inv, now)));
    return c.json({ invitations: views.filter((v) => state === undefined || v.state === state) });
  });

  app.delete('/invitations/:id', async (c) => {
    const id = c.req.param('id');
    const now = deps.clock.now();
    const revoked = await deps.store.transact(async (tx) => {
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
    return c.json({ invitation: invitationView(revoked, invitationState(revoked, now)) });
  });

  return app;
}
