/**
 * Three real nodes for vendor-managed inventory tests: a supplier and two resellers connected to
 * it, on one manual clock, the supplier's price list pushed to both (replenishment orders are
 * priced from it), with helpers for the admin API.
 */
import { expect } from 'vitest';
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, ManualClock, type TestNode } from '../support/test-node.ts';

export interface VmiNodes {
  clock: ManualClock;
  supplier: TestNode;
  alpha: TestNode;
  beta: TestNode;
  ids: {
    alphaOnSupplier: number;
    betaOnSupplier: number;
    supplierOnAlpha: number;
    supplierOnBeta: number;
  };
  stop(): Promise<void>;
}

export const START = new Date('2027-01-18T09:00:00Z');

export async function startVmiNodes(): Promise<VmiNodes> {
  const clock = new ManualClock(START);
  const [supplier, alpha, beta] = await Promise.all([
    createTestNode({ name: 'supplier', clock }),
    createTestNode({ name: 'alpha', clock }),
    createTestNode({ name: 'beta', clock }),
  ]);
  const a = await connectPair(supplier, alpha);
  const b = await connectPair(supplier, beta);
  const created = await supplier.api('POST', '/price-lists', {
    id: 'eu',
    name: 'EU resellers',
    currency: 'EUR',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const v1 = await supplier.api('POST', '/price-lists/eu/versions', {
    validFrom: '2026-01-01',
    lines: [
      { sku: 'SW-48', listPrice: '400.00', standardPrice: '350.00' },
      { sku: 'CAB-5', listPrice: '5.00' },
      { sku: 'AP-6', listPrice: '120.00' },
    ],
  });
  expect(v1.status, JSON.stringify(v1.body)).toBe(201);
  const push = await supplier.api('POST', '/price-lists/eu/push', { all: true });
  expect(push.status).toBe(202);
  for (const node of [alpha, beta]) {
    await eventually(async () => {
      const res = await node.api('GET', '/price-lists/eu');
      return res.status === 200 && res.body.versions.some((v: any) => v.status === 'applied');
    }, 10_000);
  }
  return {
    clock,
    supplier,
    alpha,
    beta,
    ids: {
      alphaOnSupplier: a.onHost.id,
      betaOnSupplier: b.onHost.id,
      supplierOnAlpha: a.onJoiner.id,
      supplierOnBeta: b.onJoiner.id,
    },
    async stop() {
      await Promise.all([supplier.stop(), alpha.stop(), beta.stop()]);
    },
  };
}

/** Sends a report through the partner's admin API. */
export async function report(node: TestNode, supplierRef: number, body: Record<string, unknown>) {
  const res = await node.api('POST', '/inventory/reports', { supplier: supplierRef, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Waits until the supplier holds the report `reportId`. */
export async function reportAtSupplier(n: VmiNodes, reportId: string) {
  return eventually(async () => {
    const res = await n.supplier.api('GET', '/inventory/reports?role=supplier&limit=500');
    return (res.body.reports as any[]).find((r) => r.reportId === reportId);
  });
}

/** Waits until `node` holds the proposal `proposalId` in role `role`, and returns it. */
export async function proposalOn(
  node: TestNode,
  proposalId: string,
  role: 'supplier' | 'partner',
  until: (p: any) => boolean = () => true,
) {
  return eventually(async () => {
    const res = await node.api('GET', `/inventory/proposals?role=${role}&limit=500`);
    const found = (res.body.proposals as any[]).find((p) => p.proposalId === proposalId);
    return found && until(found) ? found : undefined;
  });
}

/** Waits until the supplier holds the incoming order `orderId`, and returns its detail. */
export async function orderAtSupplier(n: VmiNodes, orderId: string) {
  return eventually(async () => {
    const res = await n.supplier.api('GET', '/orders?direction=incoming&limit=500');
    const found = (res.body.orders as any[]).find((o) => o.orderId === orderId);
    if (!found) return undefined;
    return (await n.supplier.api('GET', `/orders/${found.id}`)).body;
  });
}
