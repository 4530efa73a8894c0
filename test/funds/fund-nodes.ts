/**
 * Three real nodes for the funds tests — a vendor and two resellers — on one shared manual clock,
 * and the small steps the tests share.
 */
import { expect } from 'vitest';
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, ManualClock, type TestNode } from '../support/test-node.ts';

export interface FundNodes {
  clock: ManualClock;
  vendor: TestNode;
  p1: TestNode;
  p2: TestNode;
  /** Partner ids: on `on`, the partner that is `of`. */
  idOf(on: TestNode, of: TestNode): number;
  stop(): Promise<void>;
}

export async function createFundNodes(start: Date): Promise<FundNodes> {
  const clock = new ManualClock(start);
  const [vendor, p1, p2] = await Promise.all(
    ['vendor', 'p1', 'p2'].map((name) => createTestNode({ name, clock })),
  );
  const ids = new Map<string, number>();
  for (const partner of [p1!, p2!]) {
    const { onHost, onJoiner } = await connectPair(vendor!, partner);
    ids.set(`${vendor!.url} ${partner.url}`, onHost.id);
    ids.set(`${partner.url} ${vendor!.url}`, onJoiner.id);
  }
  return {
    clock,
    vendor: vendor!,
    p1: p1!,
    p2: p2!,
    idOf(on, of) {
      const id = ids.get(`${on.url} ${of.url}`);
      if (id === undefined) throw new Error(`${on.name} is not connected to ${of.name}`);
      return id;
    },
    async stop() {
      await Promise.all([vendor!.stop(), p1!.stop(), p2!.stop()]);
    },
  };
}

/** Calls the admin API and expects the status; returns the body. */
export async function call(
  node: TestNode,
  method: string,
  path: string,
  body?: unknown,
  status = method === 'POST' && /\/(allocations|claims)$/.test(path) ? 201 : 200,
): Promise<any> {
  const res = await node.api(method, path, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
  return res.body;
}

export { settle } from '../support/federation.ts';

/** The node's balance with one partner, in one currency, as the admin API shows it. */
export async function balanceOn(node: TestNode, partnerId: number, currency = 'EUR') {
  const { balances } = await call(node, 'GET', `/funds/balances?partner=${partnerId}`);
  const [entry] = balances as any[];
  return (entry?.balances as any[] | undefined)?.find((b) => b.currency === currency);
}

/** A full-date `days` after `from` (UTC). */
export function dayAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
