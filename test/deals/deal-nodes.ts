/**
 * Three real nodes for deal registration tests: a vendor and two resellers, each connected to the
 * vendor by invitation, all on one manual clock (messages carry the sender's time, so the nodes
 * must agree on it when a test moves time forward).
 */
import { expect } from 'vitest';
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, ManualClock, type TestNode } from '../support/test-node.ts';

export interface DealNodes {
  clock: ManualClock;
  vendor: TestNode;
  alpha: TestNode;
  beta: TestNode;
  /** The vendor's partner ids of the two resellers, and the resellers' id of the vendor. */
  ids: { alphaOnVendor: number; betaOnVendor: number; vendorOnAlpha: number; vendorOnBeta: number };
  stop(): Promise<void>;
}

export async function startDealNodes(): Promise<DealNodes> {
  const clock = new ManualClock(new Date('2027-01-04T09:00:00Z'));
  const vendor = await createTestNode({ name: 'Vendor AG', clock });
  const alpha = await createTestNode({ name: 'Alpha Systems', clock });
  const beta = await createTestNode({ name: 'Beta Solutions', clock });
  const a = await connectPair(vendor, alpha);
  const b = await connectPair(vendor, beta);
  return {
    clock,
    vendor,
    alpha,
    beta,
    ids: {
      alphaOnVendor: a.onHost.id,
      betaOnVendor: b.onHost.id,
      vendorOnAlpha: a.onJoiner.id,
      vendorOnBeta: b.onJoiner.id,
    },
    async stop() {
      await Promise.all([vendor.stop(), alpha.stop(), beta.stop()]);
    },
  };
}

export const ACME = { name: 'ACME GmbH', country: 'DE', domain: 'acme.example' };

export function registration(vendorRef: number, overrides: Record<string, unknown> = {}) {
  return {
    vendor: vendorRef,
    endCustomer: ACME,
    products: ['NET-SWITCH-48', 'NET-SUPPORT-3Y'],
    estimatedValue: '120000.00',
    currency: 'EUR',
    expectedCloseDate: '2027-03-31',
    ...overrides,
  };
}

/** Registers through the admin API; returns the partner's view of its new registration. */
export async function register(
  node: TestNode,
  vendorRef: number,
  overrides: Record<string, unknown> = {},
) {
  const res = await node.api('POST', '/deals', registration(vendorRef, overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as DealView;
}

export interface DealView {
  id: number;
  role: 'partner' | 'vendor';
  dealId: string;
  version: number;
  status: string;
  partner: { id: number; name: string | null; nodeId: string | null };
  endCustomer: { name: string; country: string; domain: string | null };
  products: string[];
  estimatedValue: string;
  decisionVersion: number;
  decidedVersion: number | null;
  reason: string | null;
  protectedUntil: string | null;
  conflicts: Array<Record<string, any>> | null;
  laterConflicts: Array<Record<string, any>> | null;
  withdrawnAt: string | null;
  registeredAt: string;
}

export async function getDeal(node: TestNode, id: number): Promise<DealView> {
  const res = await node.api('GET', `/deals/${id}`);
  expect(res.status).toBe(200);
  return res.body as DealView;
}

/** Waits until the vendor holds the registration `dealId` (at `version`, when given). */
export async function atVendor(nodes: DealNodes, dealId: string, version = 1): Promise<DealView> {
  return eventually(async () => {
    const res = await nodes.vendor.api('GET', '/deals?role=vendor&limit=500');
    const found = (res.body.deals as DealView[]).find((d) => d.dealId === dealId);
    return found && found.version >= version ? found : undefined;
  });
}

/** Waits until `node`'s registration `id` shows `status`. */
export async function statusBecomes(node: TestNode, id: number, status: string) {
  return eventually(async () => {
    const deal = await getDeal(node, id);
    return deal.status === status ? deal : undefined;
  });
}
