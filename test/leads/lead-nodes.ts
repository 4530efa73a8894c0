/** Three real nodes for the leads federation tests: a vendor and two resellers on one clock. */
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, ManualClock, type TestNode } from '../support/test-node.ts';

export interface LeadNodes {
  clock: ManualClock;
  vendor: TestNode;
  p1: TestNode;
  p2: TestNode;
  /** The resellers' partner ids on the vendor. */
  p1Id: number;
  p2Id: number;
  stop(): Promise<void>;
}

/**
 * One clock for all three, so that moving it (offer expiry, black holes) keeps every message's
 * sentAt inside the recipients' time window.
 */
export async function startLeadNodes(): Promise<LeadNodes> {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  const [vendor, p1, p2] = await Promise.all([
    createTestNode({ name: 'vendor', clock }),
    createTestNode({ name: 'reseller-one', clock }),
    createTestNode({ name: 'reseller-two', clock }),
  ]);
  const one = await connectPair(vendor, p1);
  const two = await connectPair(vendor, p2);
  return {
    clock,
    vendor,
    p1,
    p2,
    p1Id: one.onHost.id,
    p2Id: two.onHost.id,
    stop: async () => {
      await Promise.all([vendor.stop(), p1.stop(), p2.stop()]);
    },
  };
}

/** Calls the admin API and expects `status`; returns the body. */
export async function expectApi(
  node: TestNode,
  status: number,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const res = await node.api(method, path, body);
  if (res.status !== status) {
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

export function newLead(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    company: 'Globex Logistics GmbH',
    contact: { name: 'Dana Weber', email: 'dana@globex.example' },
    region: 'EMEA',
    interest: ['router'],
    estimatedValue: '48000.00',
    currency: 'EUR',
    source: 'web form',
    ...overrides,
  };
}

/** Waits until the node's copy of a lead matches `check`. */
export function copyWhere(node: TestNode, leadId: string, check: (copy: any) => boolean) {
  return eventually(async () => {
    const res = await node.api('GET', `/received-leads/${leadId}`);
    return res.status === 200 && check(res.body) ? res.body : null;
  });
}

/** Waits until the vendor's lead matches `check`. */
export function leadWhere(vendor: TestNode, leadId: string, check: (lead: any) => boolean) {
  return eventually(async () => {
    const res = await vendor.api('GET', `/leads/${leadId}`);
    return res.status === 200 && check(res.body) ? res.body : null;
  });
}

export const offerOf = (lead: any, partnerId: number) =>
  [...lead.offers].reverse().find((o: any) => o.partnerId === partnerId);
