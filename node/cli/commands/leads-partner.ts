/** `partner-sync leads received|accept|decline|progress`: answering leads partners offered us. */
import { refusalCell } from '../refusal-cell.ts';
import { parseDecline, parseProgress } from '../../leads/answer-input.ts';
import { listReceivedLeads, showReceivedLead } from '../../leads/lead-queries.ts';
import {
  acceptReceived,
  declineReceived,
  progressReceived,
  type ReceivedRef,
} from '../../leads/partner-service.ts';
import type { ReceivedStatus } from '../../store/lead-store.ts';
import { RECEIVED_STATUSES } from '../../leads/lead-status.ts';
import { flagString, type CommandContext, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { findPartnerRef, withNode, type CliNode } from '../node-context.ts';
import { nodeNames } from '../node-names.ts';
import { formatTime, statusCell } from '../output.ts';
import { asFlags, LEAD_ID_ARG, OWNER_FLAG } from './leads-shared.ts';

const text = (name: string, value: string, description: string, required = false) =>
  ({ name, type: 'string', value, description, required }) as const;

function refOf(ctx: CommandContext): ReceivedRef {
  const owner = flagString(ctx, 'owner');
  return { leadId: ctx.args[0] ?? '', ...(owner !== undefined && { owner }) };
}

type ReceivedView = Awaited<ReturnType<typeof showReceivedLead>>;

async function printReceived(ctx: CommandContext, node: CliNode, view: ReceivedView) {
  const { out } = ctx;
  if (out.json) {
    out.data(view);
    return;
  }
  const { lead, progress } = view;
  const nameOf = await nodeNames(node.deps.store, {
    nodeId: node.nodeId,
    name: node.deps.config.name,
  });
  out.line(`${out.style.bold(lead.company)}  lead ${lead.id} from ${nameOf(view.ownerNodeId)}`);
  out.fields([
    ['status', statusCell(view.status)],
    ['offer expires', formatTime(new Date(view.offerExpiresAt!))],
    ['exclusive', view.exclusive ? 'yes' : 'no'],
    [
      'contact',
      [lead.contact.name, lead.contact.email, lead.contact.phone].filter(Boolean).join(', '),
    ],
    ['region', lead.region],
    ['interest', lead.interest.join(', ')],
    ['value', lead.estimatedValue ? `${lead.estimatedValue} ${lead.currency}` : undefined],
    ['notes', lead.notes],
    ['stage', progress.stage ?? undefined],
    [
      'amount',
      progress.amount ? `${progress.amount} ${progress.currency ?? ''}`.trim() : undefined,
    ],
    ['recalled', view.recallReason ?? undefined],
    ['refused', refusalCell(view.refusal)],
  ]);
}

export const leadsReceivedCommand: CommandSpec = {
  name: 'leads received',
  summary: 'List the leads partners offered this node, or show one',
  usage: ['leads received [<id>] [--status STATUS] [--owner REF] [--json]'],
  example: 'leads received --status offered',
  args: [{ name: 'id', required: false }],
  flags: [
    text('status', 'STATUS', `Only leads in this state: ${RECEIVED_STATUSES.join(', ')}.`),
    OWNER_FLAG,
  ],
  json: true,
  async run(ctx) {
    const status = flagString(ctx, 'status');
    if (status !== undefined && !RECEIVED_STATUSES.includes(status as ReceivedStatus)) {
      throw new UsageError(`--status must be one of ${RECEIVED_STATUSES.join(', ')}`);
    }
    return withNode(ctx, async (node) => {
      const { deps } = node;
      if (ctx.args[0] !== undefined) {
        await printReceived(ctx, node, await showReceivedLead(deps.store, refOf(ctx)));
        return 0;
      }
      const owner = flagString(ctx, 'owner');
      const ownerPartnerId =
        owner === undefined ? undefined : (await findPartnerRef(deps.store, owner)).id;
      const leads = await listReceivedLeads(
        deps.store,
        {
          ...(status && { status: status as ReceivedStatus }),
          ...(ownerPartnerId !== undefined && { ownerPartnerId }),
        },
        { limit: 500, offset: 0 },
      );
      if (ctx.out.json) {
        ctx.out.data(leads);
        return 0;
      }
      if (leads.length === 0) {
        ctx.out.line('No leads received.');
        return 0;
      }
      const nameOf = await nodeNames(deps.store, { nodeId: deps.nodeId, name: deps.config.name });
      ctx.out.table(
        ['ID', 'COMPANY', 'STATUS', 'FROM', 'EXPIRES', 'STAGE'],
        leads.map((l) => [
          l.lead.id,
          l.lead.company,
          statusCell(l.status),
          nameOf(l.ownerNodeId),
          formatTime(new Date(l.offerExpiresAt!)),
          l.progress.stage ?? '-',
        ]),
      );
      return 0;
    });
  },
};

export const leadsAcceptCommand: CommandSpec = {
  name: 'leads accept',
  summary: 'Accept a lead a partner offered (sends lead.accept)',
  usage: ['leads accept <id> [--owner REF] [--json]'],
  example: 'leads accept L-2027-0042',
  args: LEAD_ID_ARG,
  flags: [OWNER_FLAG],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const { deps } = node;
      await acceptReceived(deps, refOf(ctx));
      await printReceived(ctx, node, await showReceivedLead(deps.store, refOf(ctx)));
      return 0;
    });
  },
};

export const leadsDeclineCommand: CommandSpec = {
  name: 'leads decline',
  summary: 'Decline a lead a partner offered, with a reason (sends lead.decline)',
  usage: ['leads decline <id> --reason CODE [--comment TEXT] [--owner REF]'],
  example: 'leads decline L-2027-0042 --reason out_of_territory --comment "we only cover Bavaria"',
  args: LEAD_ID_ARG,
  flags: [
    text(
      'reason',
      'CODE',
      'not_interested, no_capacity, out_of_territory, duplicate or spam.',
      true,
    ),
    text('comment', 'TEXT', 'A comment for the lead owner.'),
    OWNER_FLAG,
  ],
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const comment = flagString(ctx, 'comment');
      await asFlags(async () => {
        const reason = parseDecline(deps.schemas, {
          reasonCode: flagString(ctx, 'reason'),
          ...(comment !== undefined && { comment }),
        });
        await declineReceived(deps, refOf(ctx), reason);
      });
      ctx.out.line(`Declined lead ${ctx.args[0]}.`);
      return 0;
    });
  },
};

export const leadsProgressCommand: CommandSpec = {
  name: 'leads progress',
  summary: 'Report progress on an accepted lead (sends lead.progress)',
  usage: [
    'leads progress <id> --stage STAGE [--amount N] [--currency CUR] [--note TEXT]',
    '  [--activity-at TIME] [--owner REF] [--json]',
  ],
  example: 'leads progress L-2027-0042 --stage won --amount 12000 --currency EUR',
  args: LEAD_ID_ARG,
  flags: [
    text('stage', 'STAGE', 'contacted, qualified, proposal, won or lost.', true),
    text('amount', 'N', 'Expected or booked amount, a decimal number.'),
    text('currency', 'CUR', "Currency of the amount (default: the lead's)."),
    text('note', 'TEXT', 'A note for the lead owner.'),
    text('activity-at', 'TIME', 'When you last worked the lead (RFC 3339; default now).'),
    OWNER_FLAG,
  ],
  json: true,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const { deps } = node;
      const input: Record<string, unknown> = {
        stage: flagString(ctx, 'stage'),
        amount: flagString(ctx, 'amount'),
        currency: flagString(ctx, 'currency'),
        note: flagString(ctx, 'note'),
        lastActivityAt: flagString(ctx, 'activity-at'),
      };
      for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
      await asFlags(async () =>
        progressReceived(deps, refOf(ctx), parseProgress(deps.schemas, input, deps.clock.now())),
      );
      await printReceived(ctx, node, await showReceivedLead(deps.store, refOf(ctx)));
      return 0;
    });
  },
};

export const LEADS_PARTNER_COMMANDS = [
  leadsReceivedCommand,
  leadsAcceptCommand,
  leadsDeclineCommand,
  leadsProgressCommand,
];
