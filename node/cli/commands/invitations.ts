/** `partner-sync invitations …`: invitations made with `invite`, and revoking one. */
import { notFound } from '../../errors.ts';
import { invitationState } from '../../partners/invitations.ts';
import type { CommandSpec } from '../command.ts';
import { CliFailure } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { formatTime, statusCell } from '../output.ts';
import { invitationView } from '../views.ts';

export const invitationsCommand: CommandSpec = {
  name: 'invitations',
  summary: 'List invitations: open, used, expired and revoked',
  usage: ['invitations [--json]'],
  example: 'invitations',
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const now = deps.clock.now();
      const invitations = await deps.store.read((tx) => tx.invitations.list());
      const { out } = ctx;
      if (out.json) {
        out.data(invitations.map((inv) => invitationView(inv, now)));
        return 0;
      }
      if (invitations.length === 0) {
        out.line('No invitations yet. Create one with: partner-sync invite --help');
        return 0;
      }
      out.table(
        ['ID', 'NAME', 'STATE', 'TYPE', 'RELATIONSHIP', 'EXPIRES', 'USED BY'],
        invitations.map((inv) => [
          inv.id,
          inv.name,
          statusCell(invitationState(inv, now)),
          inv.partnerType,
          inv.relationship,
          formatTime(inv.expiresAt),
          inv.usedByNodeId ?? '-',
        ]),
      );
      return 0;
    });
  },
};

export const invitationsRevokeCommand: CommandSpec = {
  name: 'invitations revoke',
  summary: 'Revoke an open invitation so that its token no longer works',
  usage: ['invitations revoke <id>'],
  example: 'invitations revoke 3',
  args: [{ name: 'id', required: true }],
  flags: [],
  async run(ctx) {
    const id = ctx.args[0] ?? '';
    return withNode(ctx, async ({ deps }) => {
      const now = deps.clock.now();
      const invitation = await deps.store.read((tx) => tx.invitations.getById(id));
      if (!invitation) throw notFound(`invitation ${id}`);
      const state = invitationState(invitation, now);
      if (state !== 'open') {
        throw new CliFailure(
          `invitation ${id} is already ${state}; only an open one can be revoked`,
        );
      }
      if (!(await deps.store.transact((tx) => tx.invitations.revoke(id, now)))) {
        throw new CliFailure(`invitation ${id} was used or revoked meanwhile`);
      }
      ctx.out.line(`Revoked invitation ${id} for ${invitation.name}.`);
      return 0;
    });
  },
};

export const INVITATIONS_COMMANDS = [invitationsCommand, invitationsRevokeCommand];
