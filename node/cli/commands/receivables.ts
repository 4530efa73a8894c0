/**
 * `partner-sync receivables …`: the seller's receivables (list with the open amount per partner
 * and currency, record a payment, full or partial, never more than is open).
 */
import { parsePayment } from '../../orders/answer-input.ts';
import { receivableView } from '../../orders/order-views.ts';
import { openTotals, recordPayment } from '../../orders/receivables.ts';
import { RECEIVABLE_STATUSES, type ReceivableStatus } from '../../store/order-store.ts';
import { flagInteger, flagString, type CommandContext, type CommandSpec } from '../command.ts';
import { UsageError } from '../errors.ts';
import { withNode } from '../node-context.ts';
import { formatTime } from '../output.ts';
import { partnerFilter } from './outbox.ts';
import { asOrderFlags } from './orders-output.ts';
import { flagInput, oneOfFlag, stringFlag } from '../record-flags.ts';
import { partnersByIdIn } from '../../partners/partners-by-id.ts';

const LIMIT = { min: 1, max: 500, fallback: 50 };

export const receivablesCommand: CommandSpec = {
  name: 'receivables',
  summary: 'List receivables, newest first, with the open amount per partner',
  usage: ['receivables [--partner REF] [--status open|paid] [--limit N] [--json]'],
  example: 'receivables --status open',
  flags: [
    stringFlag('partner', 'REF', 'Only of this partner (its number or node id).'),
    stringFlag('status', 'STATUS', 'open or paid.'),
    stringFlag('limit', 'N', `Show at most N (default ${LIMIT.fallback}).`),
  ],
  json: true,
  async run(ctx) {
    const status = oneOfFlag<ReceivableStatus>(ctx, 'status', RECEIVABLE_STATUSES);
    const limit = flagInteger(ctx, 'limit', LIMIT);
    return withNode(ctx, async (node) => {
      const partnerId = await partnerFilter(node.deps.store, ctx);
      const data = await node.deps.store.read(async (tx) => {
        const rows = await tx.orders.listReceivables(
          { ...(partnerId !== undefined && { partnerId }), ...(status && { status }) },
          { limit },
        );
        const orders = new Map();
        for (const r of rows) orders.set(r.orderRowId, await tx.orders.getOrder(r.orderRowId));
        return {
          rows,
          orders,
          open: openTotals(await tx.orders.openReceivables(partnerId)),
          names: await partnersByIdIn(tx),
        };
      });
      const { out } = ctx;
      const views = data.rows.map((r) =>
        receivableView(r, data.names.get(r.partnerId), data.orders.get(r.orderRowId) ?? undefined),
      );
      if (out.json) {
        out.data({ openTotals: data.open, receivables: views });
        return 0;
      }
      if (data.open.length > 0) {
        out.table(
          ['PARTNER', 'OPEN', 'RECEIVABLES'],
          data.open.map((t) => [
            data.names.get(t.partnerId)?.name ?? String(t.partnerId),
            `${t.open} ${t.currency}`,
            String(t.count),
          ]),
        );
        out.line();
      }
      if (views.length === 0) {
        out.line('No receivables.');
        return 0;
      }
      out.table(
        ['ID', 'PARTNER', 'ORDER', 'AMOUNT', 'OPEN', 'STATUS', 'BOOKED', 'DUE'],
        views.map((r) => [
          String(r.id),
          r.partner.name ?? String(r.partner.id),
          String(r.orderRowId),
          `${r.amount} ${r.currency}`,
          r.open,
          r.status,
          formatTime(r.bookedAt ? new Date(r.bookedAt) : null),
          r.dueAt ? formatTime(new Date(r.dueAt)) : '-',
        ]),
      );
      return 0;
    });
  },
};

export const receivablesPayCommand: CommandSpec = {
  name: 'receivables pay',
  summary: 'Record a payment on a receivable (full or partial, up to what is open)',
  usage: ['receivables pay <id> --amount AMOUNT [--paid-at TIME] [--note TEXT]'],
  example: 'receivables pay 3 --amount 120.50 --note "bank transfer 2027-03-04"',
  args: [{ name: 'id', required: true }],
  flags: [
    {
      ...stringFlag('amount', 'AMOUNT', 'The amount paid (a decimal, e.g. 120.50).'),
      required: true,
    },
    stringFlag('paid-at', 'TIME', 'When it was paid (UTC time); default now.'),
    stringFlag('note', 'TEXT', 'A note (bank reference).'),
  ],
  async run(ctx) {
    const raw = ctx.args[0] ?? '';
    if (!/^\d{1,15}$/.test(raw))
      throw new UsageError('<id> must be a receivable number', ctx.spec.name);
    const input = await asOrderFlags(ctx, async () =>
      parsePayment(
        flagInput(ctx, [
          ['amount', 'amount'],
          ['paid-at', 'paidAt'],
          ['note', 'note'],
        ]),
      ),
    );
    return withNode(ctx, async (node) => {
      const { receivable } = await recordPayment(node.deps, Number(raw), input);
      ctx.out.line(
        `Receivable ${receivable.id}: ${receivable.paid} of ${receivable.amount} ${receivable.currency} paid (${receivable.status}).`,
      );
      return 0;
    });
  },
};

export const RECEIVABLES_COMMANDS: readonly CommandSpec[] = [
  receivablesCommand,
  receivablesPayCommand,
];
