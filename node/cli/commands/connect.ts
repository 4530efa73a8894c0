/** `partner-sync connect`: joins another company's node with the token it gave us. */
import { connectToNode } from '../../connect/connect-to-node.ts';
import { AppError } from '../../errors.ts';
import type { PartnerProfile } from '../../store/types.ts';
import { flagString, splitList, type CommandSpec } from '../command.ts';
import { CliFailure } from '../errors.ts';
import { commandHint, withNode } from '../node-context.ts';
import { partnerView } from '../views.ts';
import { PROFILE_FLAGS, profileFromFlags } from './invite.ts';

const SELF_PROBE_TIMEOUT_MS = 3000;

export const connectCommand: CommandSpec = {
  name: 'connect',
  summary: "Connect to another company's node with the invitation token it gave you",
  usage: [
    'connect <url> --token TOKEN [--name NAME] [--type TYPE] [--relationship REL] [--kinds a,b,c] [--json]',
  ],
  example: 'connect https://partners.acme.example --token ps_inv_7Xb2Qw --name "ACME GmbH"',
  args: [{ name: 'url', required: true }],
  flags: [
    {
      name: 'token',
      type: 'string',
      value: 'TOKEN',
      description: 'The invitation token the other company gave you.',
      required: true,
    },
    {
      name: 'name',
      type: 'string',
      value: 'NAME',
      description:
        'How you want to see the partner in your list; defaults to the name it publishes.',
    },
    {
      ...PROFILE_FLAGS.type,
      description: `${PROFILE_FLAGS.type.description} Default value_added_supplier.`,
    },
    {
      ...PROFILE_FLAGS.relationship,
      description: `${PROFILE_FLAGS.relationship.description} Default strategic.`,
    },
    PROFILE_FLAGS.kinds,
  ],
  json: true,
  details: [
    "<url> is the other node's id, its public base URL, as printed by its invite command.",
    "This node must be running while you connect: the other node fetches this node's discovery",
    'document and keys before it accepts.',
  ],
  async run(ctx) {
    const url = ctx.args[0] ?? '';
    const token = flagString(ctx, 'token') ?? '';
    const given = {
      name: flagString(ctx, 'name'),
      partnerType: flagString(ctx, 'type'),
      relationship: flagString(ctx, 'relationship'),
      kinds: splitList(flagString(ctx, 'kinds')),
    };
    return withNode(ctx, async (node) => {
      // Validated as a whole; fields not given stay unset so connectToNode picks its defaults.
      const checked = profileFromFlags('connect', node.deps.schemas.kinds(), {
        name: given.name ?? 'unset',
        partnerType: given.partnerType ?? 'value_added_supplier',
        relationship: given.relationship ?? 'strategic',
        kinds: given.kinds,
      });
      const profile: Partial<PartnerProfile> = {
        ...(given.name === undefined ? {} : { name: checked.name }),
        ...(given.partnerType === undefined ? {} : { partnerType: checked.partnerType }),
        ...(given.relationship === undefined ? {} : { relationship: checked.relationship }),
        ...(given.kinds === undefined ? {} : { allowedKinds: checked.allowedKinds }),
      };

      const serveHint = `is this node running? start it with: ${commandHint(ctx, 'serve')}`;
      if (!node.running && !(await answers(node.nodeId))) {
        throw new CliFailure(
          `this node (${node.nodeId}) is not answering, and the node at ${url} must fetch its keys to accept the connection; ${serveHint}`,
        );
      }

      let partner;
      try {
        partner = await connectToNode(node.deps, { url, token, profile });
      } catch (error) {
        if (error instanceof AppError && couldNotReachUs(error)) {
          throw new CliFailure(
            `${error.message}\nThe node at ${url} could not reach this node at ${node.nodeId}: ${serveHint}\n` +
              `If it is running, check that ${node.nodeId} is reachable from there (it is this node's url setting).`,
          );
        }
        throw error;
      }

      if (ctx.out.json) {
        ctx.out.data({ partner: partnerView(partner) });
        return 0;
      }
      const { out } = ctx;
      out.line(
        `Connected to ${out.style.bold(partner.name)} (${partner.nodeId}) as partner ${partner.id}`,
      );
      out.fields([
        ['type', partner.partnerType],
        ['relationship', partner.relationship],
        ['may send', partner.allowedKinds.join(', ')],
      ]);
      return 0;
    });
  },
};

/** The other node refused because fetching our discovery document or keys failed. */
function couldNotReachUs(error: AppError): boolean {
  return (
    error.code === 'unknown_key' &&
    error.message.includes("could not fetch the joining node's keys")
  );
}

/** Whether this node's own URL answers; only asked when no `serve` record says it runs. */
async function answers(nodeId: string): Promise<boolean> {
  try {
    const response = await fetch(`${nodeId}/readyz`, {
      signal: AbortSignal.timeout(SELF_PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
