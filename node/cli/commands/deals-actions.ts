/**
 * `partner-sync deals register|amend|decide|withdraw`: what changes a registration. The flags are
 * gathered into the admin API's input shape and read by the same parser, so both check alike;
 * a bad value is reported as the flag that carried it.
 */
import { decideDeal } from '../../deals/decide-deal.ts';
import {
  parseDealFields,
  parseDecision,
  parseReason,
  parseRegistration,
} from '../../deals/deal-input.ts';
import { amendDeal, registerDeal } from '../../deals/register-deal.ts';
import { DEFAULT_WITHDRAW_REASON, withdrawDeal } from '../../deals/withdraw-deal.ts';
import type { Deal } from '../../store/deal-store.ts';
import { flagString, type CommandContext, type CommandSpec, type FlagSpec } from '../command.ts';
import { CliFailure, UsageError } from '../errors.ts';
import { findPartnerRef, withNode, type CliNode } from '../node-context.ts';
import { notRunningHint } from '../record-flags.ts';
import { dealRowId } from '../../deals/find-deal.ts';
import { dealRefArg, printDeal } from './deals-output.ts';
import { flagReader } from '../flag-errors.ts';

/** Where each input field comes from on the command line. */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  vendor: '--vendor',
  id: '--id',
  endCustomer: '--customer',
  'endCustomer.name': '--customer',
  'endCustomer.country': '--country',
  'endCustomer.domain': '--domain',
  products: '--products',
  estimatedValue: '--value',
  currency: '--currency',
  expectedCloseDate: '--close-date',
  notes: '--notes',
  status: '--status',
  reason: '--reason',
  protectedUntil: '--protected-until',
  protectionDays: '--protection-days',
};

const flag = (name: string, value: string, description: string): FlagSpec => ({
  name,
  type: 'string',
  value,
  description,
});

const DEAL_FLAGS: readonly FlagSpec[] = [
  flag('customer', 'NAME', "The end customer's company name."),
  flag('country', 'CC', "The end customer's country, ISO 3166-1 alpha-2 (DE, US…)."),
  flag('domain', 'DOMAIN', "The end customer's internet domain (acme.example)."),
  flag('products', 'LIST', 'Product ids (SKUs), separated by commas.'),
  flag('value', 'AMOUNT', 'Estimated deal value as a decimal, such as 125000.00.'),
  flag('currency', 'CODE', 'ISO 4217 currency code, such as EUR.'),
  flag('close-date', 'DATE', 'Expected close date, such as 2027-03-31.'),
  flag('notes', 'TEXT', 'What the vendor should know to decide.'),
];
const REGISTER_REQUIRED = new Set([
  'customer',
  'country',
  'products',
  'value',
  'currency',
  'close-date',
]);
const ID_ARG = [{ name: 'id', required: true }] as const;
const ID_DETAILS = [
  '<id> is the number "partner-sync deals" shows for the registration, or its deal id (D-1001).',
];

/** Runs `fn` and reports a bad field as the flag that carried it. */
const asFlags = flagReader(FIELD_FLAGS);

/** The deal fields given as flags, in the admin API's shape. */
function fieldInput(ctx: CommandContext, current?: Deal): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const customer = {
    name: flagString(ctx, 'customer'),
    country: flagString(ctx, 'country'),
    domain: flagString(ctx, 'domain'),
  };
  if (Object.values(customer).some((v) => v !== undefined)) {
    // An amendment changes only the customer parts given.
    input.endCustomer = Object.fromEntries(
      Object.entries({ ...current?.endCustomer, ...stripUndefined(customer) }).filter(
        ([, v]) => v !== undefined && v !== null,
      ),
    );
  }
  const products = flagString(ctx, 'products');
  if (products !== undefined) {
    input.products = products.split(',').filter((p) => p.trim() !== '');
  }
  const pairs: Array<[string, string]> = [
    ['value', 'estimatedValue'],
    ['currency', 'currency'],
    ['close-date', 'expectedCloseDate'],
    ['notes', 'notes'],
  ];
  for (const [name, field] of pairs) {
    const value = flagString(ctx, name);
    if (value !== undefined) input[field] = value;
  }
  return input;
}

function stripUndefined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

async function loadDeal(node: CliNode, id: number): Promise<Deal> {
  const deal = await node.deps.store.read((tx) => tx.deals.get(id));
  if (!deal) throw new CliFailure(`no deal ${id}: "partner-sync deals" lists them`);
  return deal;
}

export const dealsRegisterCommand: CommandSpec = {
  name: 'deals register',
  summary: 'Register a deal with a vendor (sends deal.register)',
  usage: [
    'deals register --vendor REF --customer NAME --country CC --products LIST --value AMOUNT --currency CODE --close-date DATE [--domain DOMAIN] [--notes TEXT] [--id ID]',
  ],
  example:
    'deals register --vendor 1 --customer "Globex Ltd" --country DE --products FW-200,VPN-50 --value 48000 --currency EUR --close-date 2027-03-31',
  flags: [
    { ...flag('vendor', 'REF', 'The vendor: its partner number or node id.'), required: true },
    ...DEAL_FLAGS.map((f) => (REGISTER_REQUIRED.has(f.name) ? { ...f, required: true } : f)),
    flag('id', 'ID', 'Your id for the deal (default: a new UUID).'),
  ],
  json: true,
  details: [
    "The vendor checks the registration against other partners' open registrations and leads;",
    'a clash is answered "conflict" at once, otherwise the vendor approves, rejects or returns it.',
  ],
  async run(ctx) {
    const vendorRef = flagString(ctx, 'vendor');
    if (vendorRef === undefined) throw new UsageError('--vendor is required', ctx.spec.name);
    return withNode(ctx, async (node) => {
      const vendor = await findPartnerRef(node.deps.store, vendorRef);
      const id = flagString(ctx, 'id');
      const deal = await asFlags(ctx, async () => {
        const input = parseRegistration({
          vendor: vendor.id,
          ...(id !== undefined && { id }),
          ...fieldInput(ctx),
        });
        return registerDeal(node.deps, { ...input, vendor });
      });
      await printDeal(ctx, node, deal.id);
      notRunningHint(ctx, node, 'the registration');
      return 0;
    });
  },
};

export const dealsAmendCommand: CommandSpec = {
  name: 'deals amend',
  summary: 'Amend your registration while the vendor has not decided it',
  usage: [
    'deals amend <id> [--customer NAME] [--country CC] [--domain DOMAIN] [--products LIST] [--value AMOUNT] [--currency CODE] [--close-date DATE] [--notes TEXT]',
  ],
  example: 'deals amend D-1001 --value 52000 --close-date 2027-04-30',
  args: ID_ARG,
  flags: DEAL_FLAGS,
  json: true,
  details: [
    ...ID_DETAILS,
    'Only the values given change; the vendor checks the new version again.',
  ],
  async run(ctx) {
    const ref = dealRefArg(ctx);
    return withNode(ctx, async (node) => {
      const id = await dealRowId(node.deps.store, ref);
      const current = await loadDeal(node, id);
      const deal = await asFlags(ctx, () =>
        amendDeal(node.deps, id, parseDealFields(fieldInput(ctx, current), true)),
      );
      await printDeal(ctx, node, deal.id);
      notRunningHint(ctx, node, 'the amendment');
      return 0;
    });
  },
};

export const dealsDecideCommand: CommandSpec = {
  name: 'deals decide',
  summary: 'Decide a registration a partner made with you (sends deal.decision)',
  usage: [
    'deals decide <id> --status approved [--protected-until TIME | --protection-days N] [--reason TEXT]',
    'deals decide <id> --status rejected|returned|conflict --reason TEXT',
  ],
  example: 'deals decide D-1001 --status approved --protection-days 90',
  args: ID_ARG,
  flags: [
    { ...flag('status', 'STATUS', 'approved, rejected, returned or conflict.'), required: true },
    flag('protected-until', 'TIME', 'With approved: end of protection (2027-06-30 or a UTC time).'),
    flag('protection-days', 'N', 'With approved: protection in days (default: the setting).'),
    flag('reason', 'TEXT', 'Sent to the partner; needed with returned and conflict.'),
  ],
  json: true,
  details: ID_DETAILS,
  async run(ctx) {
    const ref = dealRefArg(ctx);
    const days = flagString(ctx, 'protection-days');
    const input: Record<string, unknown> = {
      status: flagString(ctx, 'status'),
      protectedUntil: flagString(ctx, 'protected-until'),
      protectionDays: days === undefined ? undefined : /^\d{1,6}$/.test(days) ? Number(days) : days,
      reason: flagString(ctx, 'reason'),
    };
    for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
    return withNode(ctx, async (node) => {
      const id = await dealRowId(node.deps.store, ref);
      const deal = await asFlags(ctx, () => decideDeal(node.deps, id, parseDecision(input)));
      await printDeal(ctx, node, deal.id);
      notRunningHint(ctx, node, 'the decision');
      return 0;
    });
  },
};

export const dealsWithdrawCommand: CommandSpec = {
  name: 'deals withdraw',
  summary: 'Withdraw your registration (sends record.withdraw to the vendor)',
  usage: ['deals withdraw <id> [--reason TEXT]'],
  example: 'deals withdraw D-1001 --reason "customer postponed"',
  args: ID_ARG,
  flags: [flag('reason', 'TEXT', 'Why, for the vendor.')],
  json: true,
  details: ID_DETAILS,
  async run(ctx) {
    const ref = dealRefArg(ctx);
    const reasonFlag = flagString(ctx, 'reason');
    return withNode(ctx, async (node) => {
      const id = await dealRowId(node.deps.store, ref);
      const deal = await asFlags(ctx, () => {
        const reason = parseReason(reasonFlag === undefined ? {} : { reason: reasonFlag });
        return withdrawDeal(node.deps, id, reason ?? DEFAULT_WITHDRAW_REASON);
      });
      await printDeal(ctx, node, deal.id);
      notRunningHint(ctx, node, 'the withdrawal');
      return 0;
    });
  },
};
