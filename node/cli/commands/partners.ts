/** `partner-sync partners …`: the partner list, one partner, and suspending or removing one. */
import { removePartner, resumePartner, suspendPartner } from '../../partners/partner-admin.ts';
import type { Partner } from '../../store/types.ts';
import type { Store } from '../../store/store.ts';
import { flagString, type CommandContext, type CommandSpec } from '../command.ts';
import { commandHint, findPartnerRef, withNode } from '../node-context.ts';
import { formatTime, statusCell } from '../output.ts';
import { partnerView } from '../views.ts';

const REF_ARG = [{ name: 'ref', required: true }] as const;
const REF_DETAILS = [
  '<ref> is the partner\'s number in "partner-sync partners" or its node id (URL).',
];

export const partnersCommand: CommandSpec = {
  name: 'partners',
  summary: 'List the partners of this node',
  usage: ['partners [--json]'],
  example: 'partners --json',
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const partners = await deps.store.read((tx) => tx.partners.list());
      const { out } = ctx;
      if (out.json) {
        out.data(partners.map(partnerView));
        return 0;
      }
      if (partners.length === 0) {
        out.line(
          `No partners yet. Invite one with: ${commandHint(ctx, 'invite')} --name NAME --type TYPE --relationship REL`,
        );
        return 0;
      }
      out.table(
        ['ID', 'NAME', 'STATUS', 'TYPE', 'RELATIONSHIP', 'NODE', 'CONNECTED'],
        partners.map((p) => [
          String(p.id),
          displayName(p),
          statusCell(p.status),
          p.partnerType,
          p.relationship,
          p.nodeId,
          formatTime(p.connectedAt),
        ]),
      );
      return 0;
    });
  },
};

export const partnersShowCommand: CommandSpec = {
  name: 'partners show',
  summary: 'Show one partner: its profile, what it declares about itself, its keys',
  usage: ['partners show <ref> [--json]'],
  example: 'partners show 2',
  args: REF_ARG,
  flags: [],
  json: true,
  details: REF_DETAILS,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const partner = await findPartnerRef(deps.store, ctx.args[0] ?? '');
      const { out } = ctx;
      if (out.json) {
        out.data(partnerView(partner));
        return 0;
      }
      const declared = partner.declaredProfile ?? {};
      const contact = (declared.contact ?? {}) as Record<string, unknown>;
      out.line(`${out.style.bold(partner.name)}  ${partner.nodeId}`);
      out.fields([
        ['id', String(partner.id)],
        ['status', statusCell(partner.status)],
        ['type', partner.partnerType],
        ['relationship', partner.relationship],
        ['may send', partner.allowedKinds.join(', ')],
        ['declared name', text(declared.name)],
        ['declared type', text(declared.partnerType)],
        ...classificationFields(declared.classification),
        [
          'contact',
          [contact.name, contact.email, contact.phone].filter(isText).join(', ') || undefined,
        ],
        [
          'profile updated',
          partner.profileUpdatedAt ? formatTime(partner.profileUpdatedAt) : undefined,
        ],
        ['connected', formatTime(partner.connectedAt)],
        ['inbox', partner.inboxUrl],
        ['keys', partner.keys.map((k) => k.kid).join(', ')],
      ]);
      return 0;
    });
  },
};

export const partnersSuspendCommand: CommandSpec = {
  name: 'partners suspend',
  summary: 'Suspend a partner: refuse its messages, hold yours to it',
  usage: ['partners suspend <ref>'],
  example: 'partners suspend https://partners.bolt.example',
  args: REF_ARG,
  flags: [],
  details: REF_DETAILS,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const partner = await findPartnerRef(deps.store, ctx.args[0] ?? '');
      await suspendPartner(deps.store, partner, deps.clock.now());
      await printPartnerData(ctx, deps.store, partner.id);
      ctx.out.line(
        `Suspended ${describe(partner)}. Resume with: ${commandHint(ctx, 'partners resume')} ${partner.id}`,
      );
      return 0;
    });
  },
};

export const partnersResumeCommand: CommandSpec = {
  name: 'partners resume',
  summary: 'Resume a suspended partner',
  usage: ['partners resume <ref>'],
  example: 'partners resume 2',
  args: REF_ARG,
  flags: [],
  details: REF_DETAILS,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const partner = await findPartnerRef(deps.store, ctx.args[0] ?? '');
      await resumePartner(deps.store, partner, deps.clock.now());
      await printPartnerData(ctx, deps.store, partner.id);
      ctx.out.line(`Resumed ${describe(partner)}; messages waiting for it go out again.`);
      return 0;
    });
  },
};

export const partnersRemoveCommand: CommandSpec = {
  name: 'partners remove',
  summary: 'End a partnership: tell the partner and stop exchanging messages',
  usage: ['partners remove <ref> [--reason TEXT]'],
  example: 'partners remove 2 --reason "contract ended"',
  args: REF_ARG,
  flags: [
    {
      name: 'reason',
      type: 'string',
      value: 'TEXT',
      description: "Why, in words for the partner's admin; sent with the farewell message.",
    },
  ],
  details: [
    ...REF_DETAILS,
    'Messages still waiting for the partner are moved to the dead letters. A removed partner',
    'can only come back by connecting again with a new invitation.',
  ],
  async run(ctx) {
    return withNode(ctx, async ({ deps, nodeId }) => {
      const partner = await findPartnerRef(deps.store, ctx.args[0] ?? '');
      if (partner.status === 'removed') {
        await printPartnerData(ctx, deps.store, partner.id);
        ctx.out.line(`${describe(partner)} was already removed.`);
        return 0;
      }
      const reason = flagString(ctx, 'reason') ?? 'the partnership was ended by its administrator';
      await removePartner(
        { store: deps.store, nodeId, notifyOutbox: deps.notifyOutbox },
        partner,
        deps.clock.now(),
        reason,
      );
      await printPartnerData(ctx, deps.store, partner.id);
      ctx.out.line(
        `Removed ${describe(partner)}; a partner.disconnect message is on its way to it.`,
      );
      return 0;
    });
  },
};

export const PARTNERS_COMMANDS = [
  partnersCommand,
  partnersShowCommand,
  partnersSuspendCommand,
  partnersResumeCommand,
  partnersRemoveCommand,
];

/** With --json, the partner as `partners show --json` prints it, after the change. */
async function printPartnerData(ctx: CommandContext, store: Store, id: number): Promise<void> {
  if (!ctx.out.json) return;
  const fresh = await store.read((tx) => tx.partners.getById(id));
  if (fresh) ctx.out.data(partnerView(fresh));
}

/** Our name for it, with the one it declares when that differs. */
function displayName(p: Partner): string {
  const declared = p.declaredProfile?.name;
  return typeof declared === 'string' && declared !== p.name ? `${p.name} (${declared})` : p.name;
}

function describe(p: Partner): string {
  return `partner ${p.id} ${p.name} (${p.nodeId})`;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function text(value: unknown): string | undefined {
  return isText(value) ? value : undefined;
}

/** What the partner told us about how it classifies us (partner.update `classification`). */
function classificationFields(value: unknown): Array<[string, string | undefined]> {
  if (typeof value !== 'object' || value === null) return [];
  const c = value as { partnerType?: unknown; relationship?: unknown; kinds?: unknown };
  return [
    ['classifies us as', [c.partnerType, c.relationship].filter(isText).join(', ') || undefined],
    ['we may send', Array.isArray(c.kinds) ? c.kinds.filter(isText).join(', ') : undefined],
  ];
}
