/**
 * The rate limit of a partner is the node's, however many processes serve it on PostgreSQL: two
 * processes on one database, asked in turn, together admit partnerMessageRateLimit messages a
 * minute and refuse the rest with partner_rate_limited; a minute on, the node-wide bucket is full
 * again. Each process leases tokens from one bucket row and spends them in memory
 * (node/http/leased-token-buckets.ts).
 *
 * Tolerance: a process may hold one lease of unspent tokens (a second's refill, at least one
 * token) for at most a second, which the other process cannot have meanwhile: a request to one
 * process may be refused while the other holds such a token, and on a running clock a lease that
 * runs out unspent is lost, so the node admits the limit less at most one lease per other process
 * and never more than one bucket allows. The processes share a frozen clock here (nothing refills,
 * no lease runs out between requests), so each round admits exactly the limit, though not
 * necessarily its first requests.
 *
 * The storage quota is the node's too: each process reads what the others stored for the partner
 * once its view is a second old (node/inbox/partner-storage.ts), so a partner whose messages on
 * the two processes together cross partnerStorageQuotaMib is refused partner_quota_exceeded by
 * both, and both show it over quota in node status.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { REFRESH_MS } from '../../node/inbox/partner-storage.ts';
import { connectPair, postJson, signedFrom } from '../support/federation.ts';
import { startNodeProcesses, type NodeProcesses } from '../support/node-processes.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, removeTestDirs, type TestNode } from '../support/test-node.ts';

afterAll(removeTestDirs);

const LIMIT = 6;

describe.runIf(hasTestPostgres())('inbox › partner limits with several processes', () => {
  it('two processes together admit a partner the node-wide limit, and refuse past it', async () => {
    const vendor = await createTestNode({
      name: 'vendor',
      postgres: true,
      settings: { partnerMessageRateLimit: LIMIT },
    });
    const reseller = await createTestNode({ name: 'reseller' });
    let node: NodeProcesses | undefined;
    try {
      await connectPair(vendor, reseller);
      node = await startNodeProcesses(vendor);
      const { url, clock } = node;
      const post = async (i: number) => {
        const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'R' });
        const res = await fetch(url(i, '/inbox'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ messages: [jws] }),
        });
        const body = (await res.json()) as { error?: { code: string } };
        return res.status === 200 ? 'accepted' : `${res.status} ${body.error?.code}`;
      };
      // Twice the limit, to each process in turn: how many of each answer.
      const round = async () => {
        const answers: Record<string, number> = {};
        for (let i = 0; i < 2 * LIMIT; i++) {
          const answer = await post(i);
          answers[answer] = (answers[answer] ?? 0) + 1;
        }
        return answers;
      };
      const expected = { accepted: LIMIT, '429 partner_rate_limited': LIMIT };
      expect(await round()).toEqual(expected);
      clock.advance(60_000);
      expect(await round()).toEqual(expected);
    } finally {
      await node?.close();
      await reseller.stop();
    }
  }, 120_000);

  it('two processes refuse a partner whose messages on both together crossed its quota', async () => {
    const vendor = await createTestNode({
      name: 'vendor',
      postgres: true,
      settings: { partnerStorageQuotaMib: 1 },
    });
    const reseller = await createTestNode({ name: 'reseller' });
    let node: NodeProcesses | undefined;
    let serial = 0;
    /** `count` service requests of some 7 KB each (a description of `size` characters). */
    const requests = (count: number, size: number) =>
      Promise.all(
        Array.from({ length: count }, async () => {
          serial += 1;
          const request = {
            id: `REQ-${serial}`,
            category: 'technical',
            subject: 'Router reboots',
            description: 'x'.repeat(size),
            priority: 'normal',
          };
          const body = { request, version: 1 };
          return (await signedFrom(reseller, vendor, 'service.request', body)).jws;
        }),
      );
    try {
      await connectPair(vendor, reseller);
      node = await startNodeProcesses(vendor);
      const { url, clock } = node;
      const post = async (i: number, count: number, size = 20) => {
        const res = await postJson(url(i, '/inbox'), { messages: await requests(count, size) });
        return res.status === 200
          ? [...new Set(res.body.results.map((r: { status: string }) => r.status))].join()
          : `${res.status} ${res.body.error.code}`;
      };
      // Each process has read the partner's stored bytes (none yet).
      expect([await post(0, 1), await post(1, 1)]).toEqual(['accepted', 'accepted']);
      // Some 0.7 MiB through each: under the 1 MiB quota for each process, over it together.
      expect([await post(0, 100, 5000), await post(1, 100, 5000)]).toEqual([
        'accepted',
        'accepted',
      ]);
      // Counted per process, both would go on accepting. Once their view is a second old, each
      // reads what the other stored.
      clock.advance(REFRESH_MS);
      expect([await post(0, 1), await post(1, 1)]).toEqual([
        '429 partner_quota_exceeded',
        '429 partner_quota_exceeded',
      ]);
      for (const i of [0, 1]) {
        const status = await getStatus(vendor, url(i, '/api/status'));
        expect(status.partnerStorage[reseller.url]).toMatchObject({ overQuota: true });
      }
    } finally {
      await node?.close();
      await reseller.stop();
    }
  }, 120_000);
});

async function getStatus(node: TestNode, at: string) {
  const res = await fetch(at, { headers: { authorization: `Bearer ${node.adminToken}` } });
  return (await res.json()) as { partnerStorage: Record<string, { overQuota: boolean }> };
}
