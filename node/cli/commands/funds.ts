/**
 * `partner-sync funds …`: marketing fund allocations, made by you (as a vendor) or made to you:
 * list, show with claims and balance, allocate, amend, withdraw, and the balances per partner.
 * The expense claims against them are `partner-sync expenses …`.
 */
import { refusalCell } from '../refusal-cell.ts';
import { allocateFunds, amendAllocation, withdrawAllocation } from '../../funds/allocation-ops.ts';
import { findAllocationRef } from '../../funds/find-record.ts';
import { parseAllocationChanges, parseAllocationFields, parseReason } from '../../funds/input.ts';
import { allocationDetail, balancesOf, partnerBalanceList } from '../../funds/queries.ts';
import { allocationView, claimView, partnerSummary } from '../../funds/views.ts';
import type { FundOwner } from '../../store/fund-store.ts';
import { flagInteger, flagString, type CommandContext, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { findPartnerRef, withNode } from '../node-context.ts';
import { statusCell } from '../output.ts';
import { ownerCell, partnerCell, partnersById, printRecordListing } from '../record-listing.ts';
import { partnerFilter } from './outbox.ts';
import { EXPENSES_COMMANDS } from './expenses.ts';
import { asFlags, BALANCE_HEADERS, balanceCells, printBalance } from './funds-shared.ts';
import {
  flagInput,
  notRunningHint,
  oneOfFlag,
  PARTNER_NARROWING,
  REF_ARG,
  stringFlag,
  targetOf,
} from '../record-flags.ts';

const LIMIT = { min: 1, max: 500, fallback: 50 };
const OWNERS: readonly FundOwner[] = ['self', 'partner'];
const REF_DETAILS = [
  '<ref> is the number "partner-sync funds" shows for the allocation, or its allocation id.',
];

const ALLOCATION_FLAGS = [
  stringFlag('amount', 'AMOUNT', 'The amount allocated, as a decimal such as 5000.00.'),
  stringFlag('valid-from', 'DATE', 'First day an invoice may be dated (optional).'),
  stringFlag('valid-to', 'DATE', 'Last day an invoice may be dated.'),
  stringFlag('deadline', 'DATE', 'Last day a claim may be filed (UTC), not before --valid-to.'),
  stringFlag('activities', 'LIST', 'Eligible activities, comma-separated: trade_show,online_ads.'),
  stringFlag('note', 'TEXT', 'A note for the partner.'),
];

function allocationInput(ctx: CommandContext): Record<string, unknown> {
  const input = flagInput(ctx, [
    ['amount', 'amount'],
    ['currency', 'currency'],
    ['valid-from', 'validFrom'],
    ['valid-to', 'validTo'],
    ['deadline', 'claimDeadline'],
    ['note', 'note'],
  ]);
  const activities = flagString(ctx, 'activities');
  if (activities !== undefined) {
    input.activities = activities
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '');
  }
  return input;
}

export const fundsCommand: CommandSpec = {
  name: 'funds',
  summary: 'List fund allocations with their balances, made by you or to you',
  example: 'funds --partner 2',
  usage: ['funds [--partner REF] [--owner self|partner] [--limit N] [--json]'],
  flags: [
    stringFlag('partner', 'REF', 'Only with this partner (its number or node id).'),
    stringFlag('owner', 'WHO', 'self: allocations you made; partner: allocations made to you.'),
    stringFlag('limit', 'N', `Show at most N (default ${LIMIT.fallback}).`),
  ],
  json: true,
  async run(ctx) {
    const owner = oneOfFlag(ctx, 'owner', OWNERS);
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const { rows, balances, names } = await node.deps.store.read(async (tx) => {
        const rows = await tx.funds.listAllocations(
          { ...(partnerId !== undefined && { partnerId }), ...(owner && { owner }) },
          { limit },
        );
        return {
          rows,
          balances: await balancesOf(tx, rows),
          names: await partnersById(tx),
        };
      });
      return printRecordListing(ctx.out, {
        rows,
        view: (a) => allocationView(a, names.get(a.partnerId), balances.get(a.id)!),
        empty: 'No fund allocations.',
        headers: ['ID', 'WITH', 'BY', 'AMOUNT', 'AVAILABLE', 'VALID TO', 'DEADLINE', 'STATE'],
        cells: (a) => [
          String(a.id),
          partnerCell(names, a.partnerId),
          ownerCell(a.owner),
          `${a.amount} ${a.currency}`,
          `${balances.get(a.id)!.available} ${a.currency}`,
          a.validTo,
          a.claimDeadline,
          a.withdrawnAt ? { text: 'withdrawn', style: 'dim' } : statusCell('active'),
        ],
      });
    });
  },
};

export const fundsShowCommand: CommandSpec = {
  name: 'funds show',
  summary: 'Show one allocation with its balance and the claims against it',
  example: 'funds show 1',
  usage: ['funds show <ref> [--partner REF] [--json]'],
  args: REF_ARG,
  flags: [PARTNER_NARROWING],
  json: true,
  details: REF_DETAILS,
  async run(ctx) {
    return withNode(ctx, async (node) => {
      const target = await targetOf(ctx, node);
      const { detail, partner } = await node.deps.store.read(async (tx) => {
        const allocation = await findAllocationRef(tx, target);
        return {
          detail: await allocationDetail(tx, allocation),
          partner: (await tx.partners.getById(allocation.partnerId)) ?? undefined,
        };
      });
      const { out } = ctx;
      const view = {
        ...allocationView(detail.allocation, partner, detail.balance),
        claims: detail.claims.map((c) => claimView(c, partner)),
      };
      if (out.json) {
        out.data(view);
        return 0;
      }
      out.line(`${out.style.bold(`allocation ${view.id}`)}  ${view.allocationId}`);
      out.fields([
        [view.owner === 'self' ? 'to' : 'from', `${view.partner.name ?? view.partner.id}`],
        ['refused', refusalCell(view.refusal)],
        ['amount', `${view.amount} ${view.currency}`],
        ['valid', `${view.validFrom ?? '…'} to ${view.validTo}`],
        ['claim by', view.claimDeadline],
        ['activities', view.activities.join(', ')],
        ['note', view.note ?? undefined],
        ['version', String(view.version)],
        ['withdrawn', view.withdrawnReason ?? undefined],
      ]);
      out.line();
      printBalance(out, view.balance);
      if (view.claims.length > 0) {
        out.line();
        out.table(
          ['CLAIM', 'INVOICE', 'DATE', 'ACTIVITY', 'TOTAL', 'APPROVED', 'STATUS'],
          view.claims.map((c) => [
            String(c.id),
            c.invoiceNumber,
            c.invoiceDate,
            c.activity,
            c.total,
            c.approvedAmount ?? '-',
            statusCell(c.status),
          ]),
        );
      }
      return 0;
    });
  },
};

export const fundsAllocateCommand: CommandSpec = {
  name: 'funds allocate',
  summary: 'Allocate marketing funds to a partner (sends fund.allocation)',
  example:
    'funds allocate --partner 2 --amount 5000.00 --currency EUR --valid-to 2027-06-30 --deadline 2027-07-31 --activities trade_show,online_ads',
  usage: [
    'funds allocate --partner REF --amount AMOUNT --currency CODE --valid-to DATE --deadline DATE --activities LIST [--valid-from DATE] [--note TEXT]',
  ],
  flags: [
    { ...stringFlag('partner', 'REF', 'The partner (its number or node id).'), required: true },
    { ...stringFlag('currency', 'CODE', 'ISO 4217 currency code, such as EUR.'), required: true },
    ...ALLOCATION_FLAGS.map((f) =>
      f.name === 'valid-from' || f.name === 'note' ? f : { ...f, required: true },
    ),
  ],
  async run(ctx) {
    const fields = await asFlags(ctx, async () => parseAllocationFields(allocationInput(ctx)));
    return withNode(ctx, async (node) => {
      const partner = await findPartnerRef(node.deps.store, flagString(ctx, 'partner') ?? '');
      const allocation = await asFlags(ctx, () => allocateFunds(node.deps, partner, fields));
      ctx.out.line(
        `Allocated ${allocation.amount} ${allocation.currency} to ${partner.name} (allocation ${allocation.id}, ${allocation.allocationId}).`,
      );
      notRunningHint(ctx, node, 'the allocation');
      return 0;
    });
  },
};

export const fundsAmendCommand: CommandSpec = {
  name: 'funds amend',
  summary: 'Amend an allocation you made: a new version the partner receives',
  example: 'funds amend 1 --amount 6000.00',
  usage: ['funds amend <ref> [--amount …] [--valid-to …] [--deadline …] [--activities …] [… ]'],
  args: REF_ARG,
  flags: [...ALLOCATION_FLAGS, PARTNER_NARROWING],
  details: [
    ...REF_DETAILS,
    'Only the fields given change; the currency never does. The amount may not go below what claims already hold.',
  ],
  async run(ctx) {
    const input = allocationInput(ctx);
    if (Object.keys(input).length === 0) {
      throw new UsageError('nothing to change: give at least one field flag', ctx.spec.name);
    }
    const changes = await asFlags(ctx, async () => parseAllocationChanges(input));
    return withNode(ctx, async (node) => {
      const target = await targetOf(ctx, node);
      const allocation = await asFlags(ctx, () => amendAllocation(node.deps, target, changes));
      ctx.out.line(`Allocation ${allocation.id} is at version ${allocation.version}.`);
      notRunningHint(ctx, node, 'the amendment');
      return 0;
    });
  },
};

export const fundsWithdrawCommand: CommandSpec = {
  name: 'funds withdraw',
  summary: 'Withdraw an allocation you made: no new claims (sends record.withdraw)',
  example: 'funds withdraw 1 --reason "Budget cut"',
  usage: ['funds withdraw <ref> --reason TEXT'],
  args: REF_ARG,
  flags: [
    { ...stringFlag('reason', 'TEXT', 'Why, for the partner.'), required: true },
    PARTNER_NARROWING,
  ],
  details: [...REF_DETAILS, 'Claims already filed are still decided and paid.'],
  async run(ctx) {
    const reason = await asFlags(ctx, async () =>
      parseReason(flagInput(ctx, [['reason', 'reason']])),
    );
    return withNode(ctx, async (node) => {
      const allocation = await withdrawAllocation(node.deps, await targetOf(ctx, node), reason);
      ctx.out.line(`Withdrew allocation ${allocation.id}.`);
      notRunningHint(ctx, node, 'the withdrawal');
      return 0;
    });
  },
};

export const fundsBalancesCommand: CommandSpec = {
  name: 'funds balances',
  summary: 'Fund balances per partner: allocated, claimed, approved, paid, available',
  example: 'funds balances --partner 2',
  usage: ['funds balances [--partner REF] [--owner self|partner] [--json]'],
  flags: [
    stringFlag('partner', 'REF', 'Only this partner (its number or node id).'),
    stringFlag('owner', 'WHO', 'self: funds you allocated; partner: funds allocated to you.'),
  ],
  json: true,
  async run(ctx) {
    const owner = oneOfFlag(ctx, 'owner', OWNERS);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const { list, names } = await node.deps.store.read(async (tx) => ({
        list: await partnerBalanceList(tx, {
          ...(partnerId !== undefined && { partnerId }),
          ...(owner && { owner }),
        }),
        names: await partnersById(tx),
      }));
      const { out } = ctx;
      const views = list.map((b) => ({
        partner: partnerSummary(names.get(b.partnerId), b.partnerId),
        owner: b.owner,
        balances: b.balances,
      }));
      if (out.json) {
        out.data(views);
        return 0;
      }
      if (views.length === 0) {
        out.line('No fund allocations.');
        return 0;
      }
      out.table(
        ['PARTNER', 'BY', ...BALANCE_HEADERS],
        views.flatMap((v) =>
          v.balances.map((b) => [
            v.partner.name ?? String(v.partner.id),
            v.owner === 'self' ? 'us' : 'partner',
            ...balanceCells(b),
          ]),
        ),
      );
      return 0;
    });
  },
};

export const FUNDS_COMMANDS: readonly CommandSpec[] = [
  fundsCommand,
  fundsShowCommand,
  fundsAllocateCommand,
  fundsAmendCommand,
  fundsWithdrawCommand,
  fundsBalancesCommand,
  ...EXPENSES_COMMANDS,
];
