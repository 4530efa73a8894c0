/**
 * The per-address limits of the inbox (inboxRateLimit) and of /connect are the node's, however
 * many processes serve it on PostgreSQL (issue #22): two processes on one database, asked in turn
 * from one address, together admit it the limit, not twice it, and refuse the rest with
 * rate_limited. Each process admits an address it holds no token of on credit (one request) and
 * leases from the address's bucket row afterwards (node/http/rate-limit.ts), so the node admits
 * the limit plus at most that credit per process, taken back from the next refill: over two
 * minutes, two buckets' worth plus at most the credit still owed. The processes share a frozen
 * clock: nothing refills and no lease runs out between requests.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ADDRESS_CREDIT } from '../../node/http/rate-limit.ts';
import { startNodeProcesses, type NodeProcesses } from '../support/node-processes.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, removeTestDirs } from '../support/test-node.ts';

afterAll(removeTestDirs);

const LIMIT = 6;
/** What the credit of the two processes may add to a bucket's worth. */
const TOLERANCE = 2 * ADDRESS_CREDIT;

/**
 * `4 * limit` posts (no valid body: admitted ones are answered 400) to each process in turn: how
 * many were admitted, and the answers of the refused ones.
 */
async function round(node: NodeProcesses, path: string, limit: number) {
  let admitted = 0;
  const refusals = new Set<string>();
  for (let i = 0; i < 4 * limit; i++) {
    const res = await fetch(node.url(i, path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await res.json()) as { error: { code: string } };
    if (res.status === 429) refusals.add(`${body.error.code} ${res.headers.get('retry-after')}`);
    else admitted += 1;
  }
  return { admitted, refusals: [...refusals] };
}

describe.runIf(hasTestPostgres())('http › per-address limits with several processes', () => {
  it('two processes together admit an address the node-wide limit, and refuse past it', async () => {
    const vendor = await createTestNode({
      name: 'vendor',
      postgres: true,
      settings: { inboxRateLimit: LIMIT },
    });
    const node = await startNodeProcesses(vendor);
    try {
      // Counted per process, the two would admit twice the limit.
      const first = await round(node, '/inbox', LIMIT);
      expect(first.admitted).toBeGreaterThanOrEqual(LIMIT);
      expect(first.admitted).toBeLessThanOrEqual(LIMIT + TOLERANCE);
      // One request of 6 a minute: 10 s away.
      expect(first.refusals).toEqual(['rate_limited 10']);
      // A minute on, the bucket is full again, less the credit it had not paid back.
      node.clock.advance(60_000);
      const second = await round(node, '/inbox', LIMIT);
      expect(second.admitted).toBeLessThanOrEqual(LIMIT + TOLERANCE);
      expect(first.admitted + second.admitted).toBeGreaterThanOrEqual(2 * LIMIT);
      expect(first.admitted + second.admitted).toBeLessThanOrEqual(2 * LIMIT + TOLERANCE);

      // /connect: 30 a minute, node-wide.
      const connect = await round(node, '/connect', 30);
      expect(connect.admitted).toBeGreaterThanOrEqual(30);
      expect(connect.admitted).toBeLessThanOrEqual(30 + TOLERANCE);
      expect(connect.refusals).toEqual(['rate_limited 2']);
    } finally {
      await node.close();
    }
  }, 120_000);
});
