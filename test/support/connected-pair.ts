/**
 * Two real nodes, a vendor and a reseller it invited and that connected, for the whole describe
 * (tests of how one node answers another's messages). Call inside a `describe`: its hooks sit
 * there, where Stryker's vitest runner counts a failing hook as a failure.
 */
import { afterAll, beforeAll } from 'vitest';
import { connectPair } from './federation.ts';
import { createTestNode, removeTestDirs, type TestNode } from './test-node.ts';

export interface ConnectedPair {
  vendor: TestNode;
  reseller: TestNode;
}

export function useConnectedPair(): ConnectedPair {
  const pair = {} as ConnectedPair;
  beforeAll(async () => {
    [pair.vendor, pair.reseller] = await Promise.all([
      createTestNode({ name: 'vendor' }),
      createTestNode({ name: 'reseller' }),
    ]);
    await connectPair(pair.vendor, pair.reseller);
  });
  afterAll(async () => {
    await Promise.all([pair.vendor?.stop(), pair.reseller?.stop()]);
    await removeTestDirs();
  });
  return pair;
}
