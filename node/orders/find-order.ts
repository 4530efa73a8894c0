/**
 * How an operator names an order: this node's number for it (as the listings show), or the
 * buyer's wire id, narrowed by partner when two partners chose the same id.
 */
import { oneRecord } from '../domain-kernel/one-record.ts';
import type { Order } from '../store/order-store.ts';
import type { StoreTx } from '../store/store.ts';
import type { Partner } from '../store/types.ts';

export interface OrderRef {
  ref: string;
  partner?: Partner;
}

export async function findOrderRef(tx: StoreTx, target: OrderRef): Promise<Order> {
  const { ref } = target;
  const found = /^\d{1,15}$/.test(ref)
    ? [await tx.orders.getOrder(Number(ref))].filter((o) => o !== null)
    : await tx.orders.ordersById(ref);
  return oneRecord(found, target, 'order');
}
