/**
 * Three real nodes for the order tests: a seller (the vendor that maintains the price list) and
 * two buyers (resellers) holding its price list, on one manual clock.
 */
import { expect } from 'vitest';
import { appliedOn, startCatalogNodes, type CatalogNodes } from '../catalog/catalog-nodes.ts';
import { eventually, type TestNode } from '../support/test-node.ts';

export const LIST_ID = 'eu-resellers';

export type OrderNodes = CatalogNodes;

/** Starts the nodes and shares version 1 of the seller's price list with both buyers. */
export async function startOrderNodes(): Promise<OrderNodes> {
  const n = await startCatalogNodes();
  const created = await n.owner.api('POST', '/price-lists', {
    id: LIST_ID,
    name: 'EU resellers',
    currency: 'EUR',
  });
  expect(created.status).toBe(201);
  // Valid from before the real clock too: the CLI tests run commands on the real clock.
  const v1 = await n.owner.api('POST', `/price-lists/${LIST_ID}/versions`, {
    validFrom: '2026-01-01',
    lines: [
      { sku: 'KB-100', listPrice: '49.90', standardPrice: '44.00' },
      { sku: 'KB-100', listPrice: '47.90', standardPrice: '42.00', minQty: '10' },
      { sku: 'MS-200', listPrice: '19.90' },
      { sku: 'HS-300', listPrice: '89.00' },
    ],
  });
  expect(v1.status).toBe(201);
  const push = await n.owner.api('POST', `/price-lists/${LIST_ID}/push`, { all: true });
  expect(push.status).toBe(202);
  await appliedOn(n.p1, LIST_ID, 1);
  await appliedOn(n.p2, LIST_ID, 1);
  return n;
}

/** An order as `node` shows it once `check` holds. */
export async function orderOn(
  node: TestNode,
  ref: string,
  check: (order: any) => boolean,
  partner?: number,
): Promise<any> {
  const query = partner === undefined ? '' : `?partner=${partner}`;
  return eventually(async () => {
    const res = await node.api('GET', `/orders/${encodeURIComponent(ref)}${query}`);
    return res.status === 200 && check(res.body) ? res.body : null;
  });
}

/** What both sides must agree on: the state of an order, without local numbers and times. */
export function sharedState(order: any) {
  return {
    orderId: order.orderId,
    type: order.type,
    status: order.status,
    total: order.total,
    acceptedTotal: order.acceptedTotal,
    lines: order.lines,
    response: order.response && {
      code: order.response.code,
      lines: order.response.lines,
      reason: order.response.reason,
      reasonCode: order.response.reasonCode,
    },
    shipped: order.shippedAt !== null,
    tracking: order.tracking,
    delivered: order.deliveredAt !== null,
    invoiced: order.invoicedAt !== null,
    cancelled: order.cancelledAt !== null,
    cancelledBy: order.cancelledBy,
  };
}
