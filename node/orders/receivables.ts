/**
 * The seller's receivables: one per invoiced order (or cash sale), paid in full or in parts.
 * Amounts are decimal strings summed exactly; a payment above what is still open is refused, so a
 * receivable never goes negative.
 */
import { conflict, notFound } from '../errors.ts';
import { Decimal, subtractExact, sumExact } from '../records/decimal-string.ts';
import type { Payment, Receivable } from '../store/order-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { OrderDeps } from './order-deps.ts';

/** What is still open on a receivable. */
export const openAmount = (r: Pick<Receivable, 'amount' | 'paid'>): string =>
  subtractExact(r.amount, r.paid);

export interface OpenTotal {
  partnerId: number;
  currency: string;
  open: string;
  count: number;
}

/** Open amounts per partner and currency (a partner may buy in several currencies). */
export function openTotals(receivables: readonly Receivable[]): OpenTotal[] {
  const groups = new Map<string, { partnerId: number; currency: string; items: Receivable[] }>();
  for (const r of receivables) {
    if (r.status !== 'open') continue;
    const key = `${r.partnerId}\n${r.currency}`;
    const group = groups.get(key) ?? { partnerId: r.partnerId, currency: r.currency, items: [] };
    group.items.push(r);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({
      partnerId: g.partnerId,
      currency: g.currency,
      open: sumExact(g.items.map(openAmount)),
      count: g.items.length,
    }))
    .sort((a, b) => a.partnerId - b.partnerId || (a.currency < b.currency ? -1 : 1));
}

/** The state after a payment, or the refusal: more than is open is an overpayment. */
export function applyPayment(
  r: Pick<Receivable, 'amount' | 'paid' | 'status'>,
  amount: string,
): { ok: true; paid: string; settled: boolean } | { ok: false; code: string; message: string } {
  if (r.status === 'paid') return { ok: false, code: 'already_paid', message: 'it is paid' };
  const open = new Decimal(openAmount(r));
  if (new Decimal(amount).greaterThan(open)) {
    return {
      ok: false,
      code: 'overpayment',
      message: `the payment ${amount} is more than the ${open.toFixed()} open`,
    };
  }
  const paid = sumExact([r.paid, amount]);
  return { ok: true, paid, settled: new Decimal(paid).equals(r.amount) };
}

export interface PaymentInput {
  amount: string;
  paidAt?: Date;
  note?: string;
}

export async function recordPayment(
  deps: Pick<OrderDeps, 'store' | 'clock'>,
  receivableId: number,
  input: PaymentInput,
): Promise<{ receivable: Receivable; payment: Payment }> {
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const receivable = await tx.orders.getReceivable(receivableId);
    if (!receivable) throw notFound(`receivable ${receivableId}`);
    return pay(tx, receivable, input, now);
  });
}

async function pay(tx: StoreTx, receivable: Receivable, input: PaymentInput, now: Date) {
  const result = applyPayment(receivable, input.amount);
  if (!result.ok) throw conflict(result.code, result.message);
  const paidAt = input.paidAt ?? now;
  const payment = await tx.orders.addPayment({
    receivableId: receivable.id,
    amount: input.amount,
    paidAt,
    note: input.note ?? null,
    recordedAt: now,
  });
  const changes = {
    paid: result.paid,
    status: result.settled ? ('paid' as const) : ('open' as const),
    paidAt: result.settled ? paidAt : null,
  };
  await tx.orders.updateReceivable(receivable.id, changes, now);
  await tx.orders.addEvent({
    orderRowId: receivable.orderRowId,
    type: 'payment',
    side: 'self',
    byNodeId: null,
    at: paidAt,
    messageId: null,
    code: input.amount,
    detail: { receivableId: receivable.id, open: openAmount({ ...receivable, ...changes }) },
    recordedAt: now,
  });
  return { receivable: { ...receivable, ...changes, updatedAt: now }, payment };
}
