/**
 * `partner-sync deals …`: deal registrations, both those this node made with its vendors and
 * those partners made with it; one registration, its proof, and the domain's settings. The
 * commands that change a registration are in deals-actions.ts.
 */
import { dealView, proofView } from '../../admin/deals/views.ts';
import { dealProof } from '../../deals/deal-proof.ts';
import { PROTECTION_DAYS, readDealSettings } from '../../deals/deal-settings.ts';
import { DEAL_STATUSES, effectiveStatus } from '../../deals/deal-status.ts';
import type { DealRole, DealStatus } from '../../store/deal-store.ts';
import { flagInteger, flagString, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { formatTime, truncate } from '../output.ts';
import {
  dealsAmendCommand,
  dealsDecideCommand,
  dealsRegisterCommand,
  dealsWithdrawCommand,
} from './deals-actions.ts';
import { dealRowId } from '../../deals/find-deal.ts';
import { dealRefArg, dealStatusCell, partnerNames, printDeal } from './deals-output.ts';
import { partnerFilter } from './outbox.ts';
import { laterConflictsOf } from '../../deals/later-conflicts.ts';

const LIMIT = { min: 1, max: 500, fallback: 50 };
const ROLES: readonly DealRole[] = ['partner', 'vendor'];

export const dealsCommand: CommandSpec = {
  name: 'deals',
  summary: 'List deal registrations, newest first, with their status',
  usage: ['deals [--role partner|vendor] [--status STATUS] [--partner REF] [--limit N] [--json]'],
  example: 'deals --role vendor --status submitted',
  flags: [
    {
      name: 'role',
      type: 'string',
      value: 'ROLE',
      description:
        'partner: deals you registered with vendors; vendor: deals partners registered with you.',
    },
    {
      name: 'status',
      type: 'string',
      value: 'STATUS',
      description: `Only this status: ${DEAL_STATUSES.join(', ')}.`,
    },
    {
      name: 'partner',
      type: 'string',
      value: 'REF',
      description: 'Only with this partner or vendor (its number or node id).',
    },
    {
      name: 'limit',
      type: 'string',
      value: 'N',
      description: `Show at most N (default ${LIMIT.fallback}).`,
    },
  ],
  json: true,
  async run(ctx) {
    const role = flagString(ctx, 'role');
    if (role !== undefined && !ROLES.includes(role as DealRole)) {
      throw new UsageError(`--role must be one of ${ROLES.join(', ')}`, ctx.spec.name);
    }
    const status = flagString(ctx, 'status');
    if (status !== undefined && !DEAL_STATUSES.includes(status as DealStatus)) {
      throw new UsageError(`--status must be one of ${DEAL_STATUSES.join(', ')}`, ctx.spec.name);
    }
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const now = node.deps.clock.now();
      const { deals, later } = await node.deps.store.read(async (tx) => {
        const deals = await tx.deals.list(
          {
            now,
            ...(role !== undefined && { role: role as DealRole }),
            ...(status !== undefined && { status: status as DealStatus }),
            ...(partnerId !== undefined && { partnerId }),
          },
          { limit },
        );
        return { deals, later: await laterConflictsOf(tx, deals) };
      });
      const names = await partnerNames(node);
      const { out } = ctx;
      if (out.json) {
        out.data(deals.map((d) => dealView(d, names, now, later)));
        return 0;
      }
      if (deals.length === 0) {
        out.line('No deal registrations.');
        return 0;
      }
      out.table(
        ['ID', 'ROLE', 'WITH', 'CUSTOMER', 'PRODUCTS', 'VALUE', 'STATUS', 'PROTECTED UNTIL'],
        deals.map((d) => [
          String(d.id),
          d.role,
          names.get(d.partnerId)?.name ?? String(d.partnerId),
          truncate(`${d.endCustomer.name} (${d.endCustomer.country})`, 40),
          truncate(d.products.join(', '), 30),
          `${d.estimatedValue} ${d.currency}`,
          dealStatusCell(effectiveStatus(d, now), d.refusal?.code),
          d.protectedUntil ? formatTime(d.protectedUntil) : '-',
        ]),
      );
      return 0;
    });
  },
};

export const dealsShowCommand: CommandSpec = {
  name: 'deals show',
  summary: 'Show one deal registration',
  usage: ['deals show <id> [--json]'],
  example: 'deals show D-1001',
  args: [{ name: 'id', required: true }],
  flags: [],
  json: true,
  async run(ctx) {
    const ref = dealRefArg(ctx);
    return withNode(ctx, async (node) => {
      const id = await dealRowId(node.deps.store, ref);
      await printDeal(ctx, node, id);
      return 0;
    });
  },
};

export const dealsProofCommand: CommandSpec = {
  name: 'deals proof',
  summary: 'Show the signed messages and receipts a registration rests on',
  usage: ['deals proof <id> [--json]'],
  example: 'deals proof D-1001 --json',
  args: [{ name: 'id', required: true }],
  flags: [],
  json: true,
  details: [
    "For a deal you registered: the vendor's signed receipt of each deal.register (when it was",
    "registered) and the vendor's signed deal.decision as received. --json prints them in full.",
  ],
  async run(ctx) {
    const ref = dealRefArg(ctx);
    return withNode(ctx, async (node) => {
      const id = await dealRowId(node.deps.store, ref);
      const proof = await dealProof(node.deps, id);
      const { out } = ctx;
      if (out.json) {
        const later = await node.deps.store.read((tx) => laterConflictsOf(tx, [proof.deal]));
        out.data(proofView(proof, await partnerNames(node), node.deps.clock.now(), later));
        return 0;
      }
      const check = (ok: boolean) =>
        ok
          ? { text: 'verified', style: 'green' as const }
          : { text: 'NOT verified', style: 'red' as const };
      out.line(
        `${out.style.bold(`deal ${id}`)} with ${proof.counterpart.name} (${proof.counterpart.nodeId})`,
      );
      out.table(
        ['DIRECTION', 'KIND', 'VERSION', 'MESSAGE', 'RECEIVED BY THEM / US', 'SIGNATURE'],
        [
          ...proof.sent.map((m) => [
            'sent',
            m.kind,
            m.version === null ? '-' : String(m.version),
            m.messageId,
            m.receivedAt ?? (m.receipt === null ? 'not yet delivered' : '-'),
            m.receipt === null ? '-' : check(m.receiptVerified),
          ]),
          ...proof.received.map((m) => [
            'received',
            m.kind,
            m.version === null ? '-' : String(m.version),
            m.messageId,
            m.receivedAt.toISOString(),
            check(m.signatureVerified),
          ]),
        ],
      );
      return 0;
    });
  },
};

export const dealsSettingsCommand: CommandSpec = {
  name: 'deals settings',
  summary: 'Show or change deal registration settings',
  usage: ['deals settings [--protection-days N] [--json]'],
  example: 'deals settings --protection-days 60',
  flags: [
    {
      name: 'protection-days',
      type: 'string',
      value: 'N',
      description: `Default protection window of an approval, in days (${PROTECTION_DAYS.min}-${PROTECTION_DAYS.max}).`,
    },
  ],
  json: true,
  async run(ctx) {
    const given = flagString(ctx, 'protection-days') !== undefined;
    const days = flagInteger(ctx, 'protection-days', { ...PROTECTION_DAYS, fallback: 0 });
    return withNode(ctx, async (node) => {
      const settings = await node.deps.store.transact(async (tx) => {
        if (given) await tx.deals.saveSettings({ protectionDays: days }, node.deps.clock.now());
        return readDealSettings(tx);
      });
      if (ctx.out.json) ctx.out.data(settings);
      else ctx.out.fields([['protection days', String(settings.protectionDays)]]);
      return 0;
    });
  },
};

export const DEALS_COMMANDS = [
  dealsCommand,
  dealsShowCommand,
  dealsRegisterCommand,
  dealsAmendCommand,
  dealsDecideCommand,
  dealsWithdrawCommand,
  dealsProofCommand,
  dealsSettingsCommand,
];
