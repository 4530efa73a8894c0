/**
 * The pure rules of an order: its total, the lines after a CA's changes, the status both sides
 * derive from the seller's response and milestones, and what may still happen to it. Both sides
 * store the same response and milestones and derive the status the same way, so they agree
 * whatever order the seller's messages arrive in.
 */
import { Decimal, multiplyExact, sumExact } from '../records/decimal-string.ts';
import type {
  OrderLine,
  OrderMilestones,
  OrderResponse,
  OrderStatus,
  ResponseLine,
  StatusUpdate,
} from '../store/order-store.ts';

/** qty × unitPrice, exactly, keeping the scale (12 × 42.00 = "504.00"). */
export function lineAmount(line: Pick<OrderLine, 'qty' | 'unitPrice'>): string {
  return multiplyExact(line.qty, line.unitPrice);
}

/** The sum of the lines' amounts, exactly, at the greatest scale ("0" for none). */
export function orderTotal(lines: readonly Pick<OrderLine, 'qty' | 'unitPrice'>[]): string {
  return sumExact(lines.map(lineAmount));
}

/**
 * The lines after a CA: a changed line replaces the line with its number; qty "0" drops it.
 * A changed line naming no line of the order is ignored (the handler refuses such a CA first).
 */
export function applyChangedLines(
  lines: readonly OrderLine[],
  changed: readonly ResponseLine[],
): OrderLine[] {
  const byLine = new Map(changed.map((c) => [c.line, c]));
  const result: OrderLine[] = [];
  for (const line of lines) {
    const change = byLine.get(line.line);
    if (!change) {
      result.push(line);
      continue;
    }
    if (new Decimal(change.qty).isZero()) continue;
    result.push({ line: line.line, sku: line.sku, qty: change.qty, unitPrice: change.unitPrice });
  }
  return result;
}

/** What the buyer owes once the order is accepted: the total of the lines as accepted. */
export function acceptedTotalOf(
  lines: readonly OrderLine[],
  response: Pick<OrderResponse, 'code' | 'lines'>,
): string | null {
  if (response.code === 'AP') return orderTotal(lines);
  if (response.code === 'CA') return orderTotal(applyChangedLines(lines, response.lines));
  return null;
}

/**
 * The status of an order from what the seller said: a cancellation ends it; otherwise the
 * furthest milestone reached (invoiced, delivered, shipped), otherwise the response.
 */
export function deriveStatus(
  response: Pick<OrderResponse, 'code'> | null,
  m: Pick<OrderMilestones, 'shippedAt' | 'deliveredAt' | 'invoicedAt' | 'cancelledAt'>,
): OrderStatus {
  if (m.cancelledAt) return 'cancelled';
  if (m.invoicedAt) return 'invoiced';
  if (m.deliveredAt) return 'delivered';
  if (m.shippedAt) return 'shipped';
  switch (response?.code) {
    case 'RE':
      return 'rejected';
    case 'AP':
    case 'CA':
      return 'accepted';
    case 'AB':
      return 'acknowledged';
    default:
      return 'placed';
  }
}

/** An order that has left the seller's hands (or been billed) can no longer be cancelled. */
export function cancelRefusal(
  response: Pick<OrderResponse, 'code'> | null,
  m: Pick<OrderMilestones, 'shippedAt' | 'deliveredAt' | 'invoicedAt' | 'cancelledAt'>,
): { code: string; message: string } | null {
  if (m.cancelledAt) return null;
  if (m.shippedAt || m.deliveredAt) {
    return { code: 'already_shipped', message: 'the order was shipped; it cannot be cancelled' };
  }
  if (m.invoicedAt) {
    return { code: 'already_invoiced', message: 'the order was invoiced; it cannot be cancelled' };
  }
  if (response?.code === 'RE') {
    return {
      code: 'order_rejected',
      message: 'the order was rejected; there is nothing to cancel',
    };
  }
  return null;
}

/** A final answer (AP, CA, RE) is given once; AB may precede it. */
export function isFinalResponse(code: string | undefined | null): boolean {
  return code === 'AP' || code === 'CA' || code === 'RE';
}

/**
 * Whether the seller may set a milestone now (seller's own API; the buyer's handler applies what
 * the seller says). Shipping, delivering and invoicing need an accepted order that is not
 * cancelled; cancelling needs one that has not shipped or been invoiced.
 */
export function milestoneRefusal(
  update: StatusUpdate,
  response: Pick<OrderResponse, 'code'> | null,
  m: Pick<OrderMilestones, 'shippedAt' | 'deliveredAt' | 'invoicedAt' | 'cancelledAt'>,
): { code: string; message: string } | null {
  if (update === 'cancelled') {
    if (m.cancelledAt) return { code: 'already_cancelled', message: 'the order is cancelled' };
    return cancelRefusal(response, m);
  }
  if (m.cancelledAt) return { code: 'order_cancelled', message: 'the order was cancelled' };
  if (response?.code !== 'AP' && response?.code !== 'CA') {
    return { code: 'not_accepted', message: `accept the order (AP or CA) before it is ${update}` };
  }
  return null;
}

/** The milestone columns a status update sets (only those not set before). */
export function milestoneChanges(
  update: StatusUpdate,
  m: OrderMilestones,
  at: Date,
  extra: { tracking?: string; reason?: string; by?: 'buyer' | 'seller'; dueAt?: Date },
): Partial<OrderMilestones> {
  switch (update) {
    case 'shipped':
      if (m.shippedAt) return {};
      return { shippedAt: at, ...(extra.tracking !== undefined && { tracking: extra.tracking }) };
    case 'delivered':
      return m.deliveredAt ? {} : { deliveredAt: at };
    case 'invoiced':
      if (m.invoicedAt) return {};
      return { invoicedAt: at, ...(extra.dueAt !== undefined && { paymentDueAt: extra.dueAt }) };
    case 'cancelled':
      return m.cancelledAt
        ? {}
        : {
            cancelledAt: at,
            cancelledBy: extra.by ?? 'seller',
            cancelReason: extra.reason ?? null,
          };
  }
}
