/**
 * `partner-sync portal move <partner> --node URL`: a portal partner got a node of its own. Its
 * row moves to that node id (every record stays linked), the portal access ends, and the
 * invitation printed here lets the node connect; until it does, messages to it wait.
 */
import { movePortalPartner } from '../../portal/move-partner.ts';
import { flagInteger, flagString, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { formatTime } from '../output.ts';

export const portalMoveCommand: CommandSpec = {
  name: 'portal move',
  summary: 'Move a portal partner to its own node, keeping its records',
  usage: ['portal move <partner> --node URL [--ttl-hours N] [--json]'],
  example: 'portal move 5 --node https://partners.corner.example',
  args: [{ name: 'partner', required: true }],
  flags: [
    { name: 'node', type: 'string', value: 'URL', description: "The partner's node id (its URL)." },
    {
      name: 'ttl-hours',
      type: 'string',
      value: 'N',
      description: 'How long the invitation stays valid; defaults to invitationTtlHours.',
    },
  ],
  json: true,
  details: [
    'Export the history first (portal export) and give it to the partner with the token. The',
    'token is shown only once; the partner connects with the command printed here.',
  ],
  async run(ctx) {
    const nodeId = flagString(ctx, 'node');
    if (nodeId === undefined) throw new UsageError('--node URL is required');
    return withNode(ctx, async (node) => {
      const ttlHours = flagInteger(ctx, 'ttl-hours', {
        min: 1,
        max: 8760,
        fallback: node.deps.config.invitationTtlHours,
      });
      const moved = await movePortalPartner(node.deps, ctx.args[0]!, {
        nodeId,
        ttlMs: ttlHours * 3600_000,
      });
      const command = `partner-sync connect ${node.nodeId} --token ${moved.token}`;
      if (ctx.out.json) {
        ctx.out.data({
          partnerId: moved.partner.id,
          nodeId,
          token: moved.token,
          invitationId: moved.invitation.id,
          expiresAt: moved.invitation.expiresAt.toISOString(),
          connectCommand: command,
        });
        return 0;
      }
      const { out } = ctx;
      out.line(`Partner ${moved.partner.id} (${moved.partner.name}) moves to ${nodeId}.`);
      out.line('Its portal access has ended; messages to it wait until its node connects.');
      out.line(`The invitation expires ${formatTime(moved.invitation.expiresAt)}.`);
      out.line();
      out.line('The partner connects by running, on its own node (token shown only now):');
      out.line(`  ${command}`);
      return 0;
    });
  },
};
