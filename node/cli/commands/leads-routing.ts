/** `partner-sync leads rules|rule-add|rule-remove|partners|partner-set`: routing configuration. */
import {
  createRule,
  deleteRule,
  listPartnerRouting,
  listRules,
  setPartnerRouting,
} from '../../leads/routing-service.ts';
import { flagSet, flagString, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import { asFlags, listFlag } from './leads-shared.ts';

const text = (name: string, value: string, description: string, required = false) =>
  ({ name, type: 'string', value, description, required }) as const;
const any = (list: readonly string[]) => (list.length === 0 ? 'any' : list.join(', '));

export const leadsRulesCommand: CommandSpec = {
  name: 'leads rules',
  summary: 'List the lead routing rules in the order they are tried',
  usage: ['leads rules [--json]'],
  example: 'leads rules --json',
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const rules = await listRules(deps.store);
      if (ctx.out.json) {
        ctx.out.data(rules);
        return 0;
      }
      if (rules.length === 0) {
        ctx.out.line('No routing rules. Add one with: partner-sync leads rule-add --help');
        return 0;
      }
      ctx.out.table(
        ['ID', 'PRIORITY', 'NAME', 'REGIONS', 'PRODUCTS', 'TIERS', 'ORDER', 'ENABLED'],
        rules.map((r) => [
          String(r.id),
          String(r.priority),
          r.name,
          any(r.regions),
          any(r.products),
          any(r.tiers),
          r.roundRobin ? `round robin (last ${r.lastPartnerId ?? '-'})` : 'by tier',
          r.enabled ? 'yes' : 'no',
        ]),
      );
      return 0;
    });
  },
};

export const leadsRuleAddCommand: CommandSpec = {
  name: 'leads rule-add',
  summary: 'Add a routing rule: which leads go to which partners',
  usage: [
    'leads rule-add --name NAME [--regions a,b] [--products a,b] [--tiers a,b] [--priority N]',
    '  [--ordered] [--any-region] [--any-product] [--offer-hours N] [--json]',
  ],
  example:
    'leads rule-add --name "DACH firewalls" --regions DE,AT,CH --products firewalls --tiers gold --priority 10',
  flags: [
    text('name', 'NAME', 'A name for the rule.', true),
    text('regions', 'a,b', 'Lead regions the rule applies to (default: any).'),
    text('products', 'a,b', 'Products of interest it applies to (default: any).'),
    text('tiers', 'a,b', 'Partner tiers eligible, best first (default: any).'),
    text('priority', 'N', 'Rules are tried lowest first (default 100).'),
    {
      name: 'ordered',
      type: 'boolean',
      description: 'Offer by tier order instead of round robin among eligible partners.',
    },
    {
      name: 'any-region',
      type: 'boolean',
      description: "Partners need not cover the lead's region.",
    },
    {
      name: 'any-product',
      type: 'boolean',
      description: "Partners need not carry one of the lead's products.",
    },
    text('offer-hours', 'N', 'Hours each offer stays open (default 72).'),
  ],
  json: true,
  async run(ctx) {
    const int = (name: string) => {
      const raw = flagString(ctx, name);
      return raw === undefined ? undefined : /^\d+$/.test(raw) ? Number(raw) : raw;
    };
    return withNode(ctx, async ({ deps }) => {
      const input: Record<string, unknown> = {
        name: flagString(ctx, 'name'),
        regions: listFlag(flagString(ctx, 'regions')),
        products: listFlag(flagString(ctx, 'products')),
        tiers: listFlag(flagString(ctx, 'tiers')),
        priority: int('priority'),
        offerHours: int('offer-hours'),
        roundRobin: !flagSet(ctx, 'ordered'),
        matchPartnerRegion: !flagSet(ctx, 'any-region'),
        matchPartnerProducts: !flagSet(ctx, 'any-product'),
      };
      for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
      const rule = await asFlags(() => createRule(deps.store, input, deps.clock.now()));
      if (ctx.out.json) ctx.out.data(rule);
      else ctx.out.line(`Added routing rule ${rule.id} "${rule.name}".`);
      return 0;
    });
  },
};

export const leadsRuleRemoveCommand: CommandSpec = {
  name: 'leads rule-remove',
  summary: 'Remove a lead routing rule',
  usage: ['leads rule-remove <id>'],
  example: 'leads rule-remove 4',
  args: [{ name: 'id', required: true }],
  flags: [],
  async run(ctx) {
    const id = ctx.args[0] ?? '';
    if (!/^\d{1,9}$/.test(id)) throw new UsageError('<id> is a rule number', 'leads rule-remove');
    return withNode(ctx, async ({ deps }) => {
      await deleteRule(deps.store, Number(id));
      ctx.out.line(`Removed routing rule ${id}.`);
      return 0;
    });
  },
};

export const leadsPartnersCommand: CommandSpec = {
  name: 'leads partners',
  summary: 'Show what lead routing knows of each partner: tier, regions, products',
  usage: ['leads partners [--json]'],
  example: 'leads partners',
  flags: [],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const partners = await listPartnerRouting(deps.store);
      if (ctx.out.json) {
        ctx.out.data(partners);
        return 0;
      }
      ctx.out.table(
        ['ID', 'NAME', 'TIER', 'REGIONS', 'PRODUCT LINES'],
        partners.map((p) => [
          String(p.partnerId),
          p.partnerName,
          p.tier ?? '-',
          p.regions.join(', ') || '-',
          p.productLines.join(', ') || '-',
        ]),
      );
      return 0;
    });
  },
};

export const leadsPartnerSetCommand: CommandSpec = {
  name: 'leads partner-set',
  summary: "Set a partner's routing tier, regions and product lines",
  usage: ['leads partner-set <ref> [--tier T] [--regions a,b] [--products a,b] [--json]'],
  example: 'leads partner-set 2 --tier gold --regions DE,AT --products firewalls',
  args: [{ name: 'ref', required: true }],
  flags: [
    text('tier', 'T', 'The partner tier, e.g. gold; "-" clears it.'),
    text('regions', 'a,b', 'Regions the partner covers (replaces the stored ones).'),
    text('products', 'a,b', 'Product lines the partner sells (replaces the stored ones).'),
  ],
  json: true,
  async run(ctx) {
    return withNode(ctx, async ({ deps }) => {
      const partner = await findPartnerRef(deps.store, ctx.args[0] ?? '');
      const tier = flagString(ctx, 'tier');
      const input: Record<string, unknown> = {
        ...(tier !== undefined && { tier: tier === '-' ? null : tier }),
        ...(flagString(ctx, 'regions') !== undefined && {
          regions: listFlag(flagString(ctx, 'regions')),
        }),
        ...(flagString(ctx, 'products') !== undefined && {
          productLines: listFlag(flagString(ctx, 'products')),
        }),
      };
      const view = await asFlags(() =>
        setPartnerRouting(deps.store, partner, input, deps.clock.now()),
      );
      if (ctx.out.json) ctx.out.data(view);
      else
        ctx.out.line(
          `${partner.name}: tier ${view.tier ?? '-'}, regions ${view.regions.join(', ') || '-'}, products ${view.productLines.join(', ') || '-'}.`,
        );
      return 0;
    });
  },
};

export const LEADS_ROUTING_COMMANDS = [
  leadsRulesCommand,
  leadsRuleAddCommand,
  leadsRuleRemoveCommand,
  leadsPartnersCommand,
  leadsPartnerSetCommand,
];
