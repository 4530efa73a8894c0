/**
 * What the orders commands share: the `--lines` and `--changes` shorthand, a bad field reported
 * as its flag, and how an order is printed.
 */
import { findOrderRef, type OrderRef } from '../../orders/find-order.ts';
import { orderDetailView } from '../../orders/order-views.ts';
import type { CommandContext } from '../command.ts';
import { UsageError } from '../errors.ts';
import type { CliNode } from '../node-context.ts';
import { formatTime, statusCell, truncate, type Cell } from '../output.ts';
import { flagReader } from '../flag-errors.ts';

/** Where each input field comes from on the command line. */
const FIELD_FLAGS: Readonly<Record<string, string>> = {
  seller: '--seller',
  type: '--type',
  lines: '--lines',
  priceListId: '--price-list',
  soldAt: '--sold-at',
  note: '--note',
  orderId: '--order-id',
  endCustomer: '--customer',
  shipTo: '--ship-to',
  code: '--code',
  reason: '--reason',
  reasonCode: '--reason-code',
  status: '--status',
  tracking: '--tracking',
  amount: '--amount',
  paidAt: '--paid-at',
};

/** Runs `fn` and reports a bad field as the flag that carried it. */
export const asOrderFlags = flagReader(FIELD_FLAGS, { sameNames: true });

/** `KB-100:12,MS-200:3@19.90` → [{ sku, qty, unitPrice? }]. */
export function parseLinesFlag(ctx: CommandContext, text: string) {
  return text.split(',').map((item) => {
    const m = /^\s*([^:@,]+):([^:@,]+?)(?:@([^:@,]+))?\s*$/.exec(item);
    if (!m) {
      throw new UsageError(`--lines: "${item}" is not SKU:QTY or SKU:QTY@PRICE`, ctx.spec.name);
    }
    return { sku: m[1]!.trim(), qty: m[2]!.trim(), ...(m[3] && { unitPrice: m[3].trim() }) };
  });
}

/** `2:0,1:5@40.00` → [{ line, qty, unitPrice? }] (a CA's changed lines). */
export function parseChangesFlag(ctx: CommandContext, text: string) {
  return text.split(',').map((item) => {
    const m = /^\s*(\d{1,6}):([^:@,]+?)(?:@([^:@,]+))?\s*$/.exec(item);
    if (!m) {
      throw new UsageError(`--changes: "${item}" is not LINE:QTY or LINE:QTY@PRICE`, ctx.spec.name);
    }
    return { line: Number(m[1]), qty: m[2]!.trim(), ...(m[3] && { unitPrice: m[3].trim() }) };
  });
}

const STYLE: Readonly<Record<string, Cell>> = {
  placed: { text: 'placed', style: 'yellow' },
  acknowledged: { text: 'acknowledged', style: 'yellow' },
  accepted: { text: 'accepted', style: 'cyan' },
  rejected: { text: 'rejected', style: 'red' },
  shipped: { text: 'shipped', style: 'cyan' },
  delivered: { text: 'delivered', style: 'green' },
  invoiced: { text: 'invoiced', style: 'green' },
  cancelled: { text: 'cancelled', style: 'dim' },
};

export const orderStatusCell = (status: string): Cell => STYLE[status] ?? statusCell(status);

export async function printOrder(ctx: CommandContext, node: CliNode, target: OrderRef) {
  const view = await node.deps.store.read(async (tx) => {
    const order = await findOrderRef(tx, target);
    return orderDetailView(
      order,
      (await tx.partners.getById(order.partnerId)) ?? undefined,
      await tx.orders.events(order.id),
      await tx.orders.receivableOfOrder(order.id),
    );
  });
  const { out } = ctx;
  if (out.json) {
    out.data(view);
    return;
  }
  out.line(`${out.style.bold(`order ${view.id}`)}  ${view.orderId}`);
  out.fields([
    ['status', orderStatusCell(view.status)],
    [
      'refused',
      view.refusal
        ? {
            text: `${view.refusal.at.slice(0, 16).replace('T', ' ')} UTC ${view.refusal.kind} ${view.refusal.code}: ${view.refusal.reason}`,
            style: 'red',
          }
        : undefined,
    ],
    [view.role === 'buyer' ? 'seller' : 'buyer', `${view.partner.name ?? view.partner.id}`],
    ['type', view.type],
    ['price list', `${view.priceListId} version ${view.priceListVersion}`],
    ['total', `${view.total} ${view.currency}`],
    [
      'accepted',
      view.acceptedTotal === null ? undefined : `${view.acceptedTotal} ${view.currency}`,
    ],
    [
      'answer',
      view.response
        ? `${view.response.code}${view.response.reason ? `: ${truncate(view.response.reason, 120)}` : ''}`
        : undefined,
    ],
    ['tracking', view.tracking ?? undefined],
    [
      'payment due',
      view.paymentDueAt
        ? `${formatTime(new Date(view.paymentDueAt))}${view.paymentTerms ? ` (${view.paymentTerms})` : ''}`
        : undefined,
    ],
    ['sold at', view.soldAt ?? undefined],
    ['end customer', view.endCustomer?.name],
    ['cancel', view.cancelReason ?? (view.cancelRequested ? 'asked for' : undefined)],
    [
      'receivable',
      view.receivable
        ? `${view.receivable.open} of ${view.receivable.amount} open (${view.receivable.status})`
        : undefined,
    ],
  ]);
  out.line();
  out.table(
    ['LINE', 'SKU', 'QTY', 'UNIT PRICE', 'AMOUNT'],
    view.lines.map((l) => [String(l.line), l.sku, l.qty, l.unitPrice, l.amount]),
  );
  out.line();
  out.table(
    ['WHEN', 'WHO', 'WHAT', 'MESSAGE'],
    view.timeline.map((e) => [
      formatTime(e.at ? new Date(e.at) : null),
      e.side === 'self' ? 'us' : 'partner',
      e.code === null ? e.type : `${e.type} ${e.code}`,
      e.messageId ?? '-',
    ]),
  );
}
