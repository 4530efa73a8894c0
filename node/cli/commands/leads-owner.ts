/** `partner-sync leads …` for the lead owner: list, show, create, offer, route, recall, withdraw. */
import { refusalCell } from '../refusal-cell.ts';
import { parseInput } from '../../input/parse-input.ts';
import { parseCreateLead } from '../../leads/lead-input.ts';
import { OfferLeadRequest } from '../../leads/lead-schemas.ts';
import { leadTimeline, listOwnedLeads, showLead } from '../../leads/lead-queries.ts';
import { OWNED_LEAD_STATUSES, type OwnedLeadStatus } from '../../leads/lead-status.ts';
import {
  createLead,
  offerLead,
  recallLead,
  routeLead,
  withdrawLead,
} from '../../leads/owner-service.ts';
import { offerExpiryField, partnersField } from '../../admin/leads/lead-query-params.ts';
import {
  flagInteger,
  flagSet,
  flagString,
  type CommandContext,
  type CommandSpec,
} from '../command.ts';
import { EXIT_FAILURE, UsageError } from '../errors.ts';
import { commandHint, findPartnerRef, withNode } from '../node-context.ts';
import { nodeNames } from '../node-names.ts';
import { formatTime, statusCell } from '../output.ts';
import { asFlags, LEAD_ID_ARG, listFlag, PARTNER_REF_FLAG } from './leads-shared.ts';

type LeadView = Awaited<ReturnType<typeof showLead>>;

function printLead(ctx: CommandContext, view: LeadView): void {
  const { out } = ctx;
  if (out.json) {
    out.data(view);
    return;
  }
  const { lead } = view;
  out.line(`${out.style.bold(lead.company)}  lead ${lead.id}  version ${view.version}`);
  out.fields([
    ['status', statusCell(view.status)],
    [
      'contact',
      [lead.contact.name, lead.contact.email, lead.contact.phone].filter(Boolean).join(', '),
    ],
    ['region', lead.region],
    ['interest', lead.interest.join(', ')],
    ['value', lead.estimatedValue ? `${lead.estimatedValue} ${lead.currency}` : undefined],
    ['domain', lead.domain],
    ['source', lead.source],
    [
      'routing',
      view.routing
        ? `rule ${view.routing.ruleId ?? '-'}, candidates ${view.routing.candidates.join(', ') || 'none'}`
        : undefined,
    ],
  ]);
  if (view.offers.length === 0) return;
  out.line();
  out.table(
    ['PARTNER', 'STATUS', 'EXCLUSIVE', 'OFFERED', 'EXPIRES', 'STAGE', 'AMOUNT'],
    view.offers.map((o) => [
      String(o.partnerId),
      statusCell(o.status),
      o.exclusive ? 'yes' : 'no',
      o.offeredAt ?? '-',
      o.expiresAt ?? '-',
      o.progress.stage ?? '-',
      o.progress.amount ? `${o.progress.amount} ${o.progress.currency ?? ''}`.trim() : '-',
    ]),
  );
  // A partner that refused our offer or recall: the offer row alone would look merely open.
  const refused = view.offers.filter((o) => o.refusal);
  if (refused.length > 0) {
    out.fields(refused.map((o) => [`refused (partner ${o.partnerId})`, refusalCell(o.refusal)]));
  }
}

export const leadsCommand: CommandSpec = {
  name: 'leads',
  summary: 'List the leads this node owns, with where each stands',
  usage: ['leads [--status STATUS] [--partner REF] [--json]'],
  example: 'leads --status offered',
  flags: [
    {
      name: 'status',
      type: 'string',
      value: 'STATUS',
      description: `Only leads in this state: ${OWNED_LEAD_STATUSES.join(', ')}.`,
    },
    { ...PARTNER_REF_FLAG, description: 'Only leads offered to this partner.' },
  ],
  json: true,
  async run(ctx) {
    const status = flagString(ctx, 'status');
    if (status !== undefined && !OWNED_LEAD_STATUSES.includes(status as OwnedLeadStatus)) {
      throw new UsageError(`--status must be one of ${OWNED_LEAD_STATUSES.join(', ')}`, 'leads');
    }
    return withNode(ctx, async ({ deps }) => {
      const ref = flagString(ctx, 'partner');
      const partnerId = ref === undefined ? undefined : (await findPartnerRef(deps.store, ref)).id;
      const { leads } = await listOwnedLeads(
        deps.store,
        {
          ...(status && { status: status as OwnedLeadStatus }),
          ...(partnerId !== undefined && { partnerId }),
        },
        { limit: 500, offset: 0 },
      );
      if (ctx.out.json) {
        ctx.out.data(leads);
        return 0;
      }
      if (leads.length === 0) {
        ctx.out.line('No leads yet. Create one with: partner-sync leads create --help');
        return 0;
      }
      ctx.out.table(
        ['ID', 'COMPANY', 'STATUS', 'REGION', 'INTEREST', 'OFFERS', 'CREATED'],
        leads.map((l) => [
          l.lead.id,
          l.lead.company,
          statusCell(l.status),
          l.lead.region,
          l.lead.interest.join(', '),
          String(l.offers.length),
          formatTime(new Date(l.createdAt!)),
        ]),
      );
      return 0;
    });
  },
};

export const leadsShowCommand: CommandSpec = {
  name: 'leads show',
  summary: 'Show one owned lead with its offers and their progress',
  usage: ['leads show <id> [--json]'],
  example: 'leads show L-2027-0042',
  args: LEAD_ID_ARG,
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      printLead(ctx, await showLead(deps.store, ctx.args[0] ?? ''));
      return 0;
    });
  },
};

const text = (name: string, value: string, description: string, required = false) =>
  ({ name, type: 'string', value, description, required }) as const;

export const leadsCreateCommand: CommandSpec = {
  name: 'leads create',
  summary: 'Create a lead, and route it to a partner by the rules with --route',
  usage: [
    'leads create --company NAME --contact-name NAME --region R --interest a,b --source TEXT',
    '  [--contact-email E] [--contact-phone P] [--value N --currency CUR] [--domain D]',
    '  [--notes TEXT] [--id ID] [--route] [--offer-hours N] [--json]',
  ],
  example:
    'leads create --company "Globex Ltd" --contact-name "Ada Lovelace" --region DE --interest firewalls,vpn --source webinar --route',
  flags: [
    text('company', 'NAME', "The end customer's company.", true),
    text('contact-name', 'NAME', 'The contact person.', true),
    text('contact-email', 'EMAIL', "The contact's e-mail address."),
    text('contact-phone', 'PHONE', "The contact's phone number."),
    text('region', 'R', 'Sales region or territory, e.g. EMEA.', true),
    text('interest', 'a,b', 'Products of interest, comma-separated.', true),
    text('source', 'TEXT', 'Where the lead came from.', true),
    text('value', 'N', 'Estimated value, a decimal number (needs --currency).'),
    text('currency', 'CUR', 'ISO 4217 currency of the value, e.g. EUR.'),
    text('domain', 'D', "The customer's internet domain or website."),
    text('notes', 'TEXT', 'Notes for the partner.'),
    text('id', 'ID', 'The lead id; a new UUIDv7 when not given.'),
    { name: 'route', type: 'boolean', description: 'Route it by the routing rules at once.' },
    text('offer-hours', 'N', 'Hours each routed offer stays open (default 72).'),
  ],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const f = (name: string) => flagString(ctx, name);
      const offerHours = f('offer-hours');
      const input: Record<string, unknown> = {
        company: f('company'),
        contact: {
          name: f('contact-name'),
          ...(f('contact-email') && { email: f('contact-email') }),
          ...(f('contact-phone') && { phone: f('contact-phone') }),
        },
        region: f('region'),
        interest: listFlag(f('interest')),
        source: f('source'),
        estimatedValue: f('value'),
        currency: f('currency'),
        domain: f('domain'),
        notes: f('notes'),
        id: f('id'),
        route: flagSet(ctx, 'route'),
        offerHours: offerHours === undefined ? undefined : Number(offerHours),
      };
      for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
      const id = await asFlags(async () => createLead(deps, parseCreateLead(deps.schemas, input)));
      const view = await showLead(deps.store, id);
      if (!ctx.out.json) ctx.out.line(`Created lead ${id}.`);
      printLead(ctx, view);
      return 0;
    });
  },
};

export const leadsOfferCommand: CommandSpec = {
  name: 'leads offer',
  summary: 'Offer a lead to one partner (exclusive) or several (shared)',
  usage: ['leads offer <id> --partners REF[,REF…] [--exclusive | --shared] [--hours N] [--json]'],
  example: 'leads offer L-2027-0042 --partners 2,3 --shared --hours 72',
  args: LEAD_ID_ARG,
  flags: [
    text('partners', 'REF,…', 'Partners by number or node id, comma-separated.', true),
    {
      name: 'exclusive',
      type: 'boolean',
      description: 'The first to accept gets it alone (default for one partner).',
    },
    { name: 'shared', type: 'boolean', description: 'Every partner may accept and work it.' },
    text('hours', 'N', 'Hours the offer stays open (default 72).'),
  ],
  json: true,
  async run(ctx) {
    if (flagSet(ctx, 'exclusive') && flagSet(ctx, 'shared')) {
      throw new UsageError('give --exclusive or --shared, not both', 'leads offer');
    }
    const offerHours = flagInteger(ctx, 'hours', { min: 1, max: 2160, fallback: 72 });
    return withNode(ctx, async ({ deps }) => {
      const id = ctx.args[0] ?? '';
      await asFlags(async () => {
        // The same schema as the admin API's offer, so a refusal names the same field.
        const terms = parseInput(OfferLeadRequest, {
          partners: listFlag(flagString(ctx, 'partners')),
          offerHours,
        });
        const partners = await partnersField(deps.store, terms.partners);
        const exclusive = flagSet(ctx, 'shared')
          ? false
          : flagSet(ctx, 'exclusive') || partners.length === 1;
        const expiresAt = offerExpiryField(terms, deps.clock.now());
        await offerLead(deps, id, { partners, exclusive, expiresAt });
      });
      printLead(ctx, await showLead(deps.store, id));
      return 0;
    });
  },
};

export const leadsRouteCommand: CommandSpec = {
  name: 'leads route',
  summary: 'Route a lead by the rules: offer it to the first eligible partner',
  usage: ['leads route <id> [--json]'],
  example: 'leads route L-2027-0042',
  args: LEAD_ID_ARG,
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const id = ctx.args[0] ?? '';
      await routeLead(deps, id);
      const lead = await showLead(deps.store, id);
      printLead(ctx, lead);
      if (lead.routing?.candidates.length) return 0;
      // Nothing was offered: a script must not take this for a routed lead.
      ctx.out.error(
        `no eligible partner for lead ${id}: no routing rule matches it, or every partner it names was offered it before; offer it by hand with ${commandHint(ctx, 'leads offer')}`,
      );
      return EXIT_FAILURE;
    });
  },
};

export const leadsRecallCommand: CommandSpec = {
  name: 'leads recall',
  summary: "Take back a partner's open or accepted offer of a lead",
  usage: ['leads recall <id> --partner REF [--reason withdrawn|reassigned]'],
  example: 'leads recall L-2027-0042 --partner 2 --reason reassigned',
  args: LEAD_ID_ARG,
  flags: [
    { ...PARTNER_REF_FLAG, required: true },
    text('reason', 'R', 'withdrawn (default) or reassigned.'),
  ],
  async run(ctx) {
    const reason = flagString(ctx, 'reason') ?? 'withdrawn';
    if (reason !== 'withdrawn' && reason !== 'reassigned') {
      throw new UsageError('--reason must be withdrawn or reassigned', 'leads recall');
    }
    return withNode(ctx, async ({ deps }) => {
      const partner = await findPartnerRef(deps.store, flagString(ctx, 'partner') ?? '');
      await recallLead(deps, ctx.args[0] ?? '', partner, reason);
      ctx.out.line(`Recalled the offer to ${partner.name}; lead.recall is on its way.`);
      return 0;
    });
  },
};

export const leadsWithdrawCommand: CommandSpec = {
  name: 'leads withdraw',
  summary: 'Stop sharing a lead with every partner holding it',
  usage: ['leads withdraw <id> [--reason TEXT]'],
  example: 'leads withdraw L-2027-0042 --reason "customer bought direct"',
  args: LEAD_ID_ARG,
  flags: [text('reason', 'TEXT', "Why, in words for the partners' operators.")],
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const reason = flagString(ctx, 'reason') ?? 'withdrawn by the lead owner';
      if (reason.length > 500) throw new UsageError('--reason is at most 500 characters');
      await withdrawLead(deps, ctx.args[0] ?? '', reason);
      ctx.out.line(`Withdrew lead ${ctx.args[0]}.`);
      return 0;
    });
  },
};

export const leadsTimelineCommand: CommandSpec = {
  name: 'leads timeline',
  summary: 'Every event of a lead: who, when, and the signed message involved',
  usage: ['leads timeline <id> [--json]'],
  example: 'leads timeline L-2027-0042',
  args: LEAD_ID_ARG,
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const events = await leadTimeline(deps.store, ctx.args[0] ?? '');
      if (ctx.out.json) {
        ctx.out.data(events);
        return 0;
      }
      const nameOf = await nodeNames(deps.store, { nodeId: deps.nodeId, name: deps.config.name });
      const partnerNames = new Map(
        (await deps.store.read((tx) => tx.partners.list())).map((p) => [p.id, p.name]),
      );
      ctx.out.table(
        ['WHEN', 'EVENT', 'PARTNER', 'BY', 'MESSAGE'],
        events.map((e) => [
          formatTime(new Date(e.at!)),
          e.type,
          e.partnerId === null ? '-' : (partnerNames.get(e.partnerId) ?? String(e.partnerId)),
          nameOf(e.actorNodeId),
          e.messageId ?? '-',
        ]),
      );
      return 0;
    });
  },
};

export const LEADS_OWNER_COMMANDS = [
  leadsCommand,
  leadsShowCommand,
  leadsCreateCommand,
  leadsOfferCommand,
  leadsRouteCommand,
  leadsRecallCommand,
  leadsWithdrawCommand,
  leadsTimelineCommand,
];
