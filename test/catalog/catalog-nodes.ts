/**
 * Three real nodes for the catalog tests: an owner (the vendor that maintains products and price
 * lists) and two partners (resellers), on one manual clock, with helpers for the admin API.
 */
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, ManualClock, type TestNode } from '../support/test-node.ts';

export interface CatalogNodes {
  clock: ManualClock;
  owner: TestNode;
  p1: TestNode;
  p2: TestNode;
  /** The partners' ids on the owner, and the owner's id on each partner. */
  p1Id: number;
  p2Id: number;
  ownerOnP1: number;
  ownerOnP2: number;
  stop(): Promise<void>;
}

export const START = new Date('2027-03-01T09:00:00Z');

export async function startCatalogNodes(
  options: { settings?: Parameters<typeof createTestNode>[0]['settings'] } = {},
): Promise<CatalogNodes> {
  const clock = new ManualClock(START);
  const [owner, p1, p2] = await Promise.all([
    createTestNode({ name: 'owner', clock, settings: options.settings }),
    createTestNode({ name: 'reseller-one', clock, settings: options.settings }),
    createTestNode({ name: 'reseller-two', clock, settings: options.settings }),
  ]);
  const one = await connectPair(owner, p1);
  const two = await connectPair(owner, p2);
  return {
    clock,
    owner,
    p1,
    p2,
    p1Id: one.onHost.id,
    p2Id: two.onHost.id,
    ownerOnP1: one.onJoiner.id,
    ownerOnP2: two.onJoiner.id,
    stop: async () => {
      await Promise.all([owner.stop(), p1.stop(), p2.stop()]);
    },
  };
}

/** Calls the admin API with a raw body (CSV) and returns status and text or JSON. */
export async function apiRaw(
  node: TestNode,
  method: string,
  path: string,
  body?: string,
  contentType = 'text/csv',
): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(`${node.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${node.adminToken}`,
      ...(body === undefined ? {} : { 'content-type': contentType }),
    },
    body,
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: res.status, text, json };
}

/** A partner's copy of the owner's list, as its admin API shows it, once `version` is applied. */
export async function appliedOn(
  node: TestNode,
  listId: string,
  version: number,
  timeoutMs = 10_000,
): Promise<any> {
  return eventually(async () => {
    const res = await node.api('GET', `/price-lists/${encodeURIComponent(listId)}`);
    if (res.status !== 200) return null;
    const v = res.body.versions.find((x: any) => x.version === version);
    return v?.status === 'applied' ? res.body : null;
  }, timeoutMs);
}

export function priceCsv(
  count: number,
  price = (i: number) => `${(i % 1000) + 1}.${String(i % 100).padStart(2, '0')}`,
): string {
  const rows = ['sku,minQty,listPrice,standardPrice,limitPrice'];
  for (let i = 0; i < count; i++) {
    const sku = `SKU-${String(i).padStart(6, '0')}`;
    const p = price(i);
    rows.push(`${sku},,${p},${p},${p}`);
  }
  return `${rows.join('\n')}\n`;
}
