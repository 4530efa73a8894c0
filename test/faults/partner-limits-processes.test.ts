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
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../node/clock.ts';
import { silentLogger } from '../../node/logger.ts';
import { startNode, type RunningNode } from '../../node/main.ts';
import { connectPair, signedFrom } from '../support/federation.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, freePort, removeTestDirs } from '../support/test-node.ts';

afterAll(removeTestDirs);

const LIMIT = 6;

async function startProcess(dataDir: string, clock: ManualClock): Promise<RunningNode> {
  return startNode({
    dataDir,
    clock,
    env: { PARTNER_SYNC_PORT: String(await freePort()) },
    log: silentLogger(),
    random: () => 0,
  });
}

describe.runIf(hasTestPostgres())('inbox › rate limits with several processes', () => {
  it('two processes together admit a partner the node-wide limit, and refuse past it', async () => {
    const vendor = await createTestNode({
      name: 'vendor',
      postgres: true,
      settings: { partnerMessageRateLimit: LIMIT },
    });
    const reseller = await createTestNode({ name: 'reseller' });
    const clock = new ManualClock(new Date());
    const processes: RunningNode[] = [];
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      processes.push(
        await startProcess(vendor.dataDir, clock),
        await startProcess(vendor.dataDir, clock),
      );
      const post = async (p: RunningNode) => {
        const { jws } = await signedFrom(reseller, vendor, 'partner.update', { name: 'R' });
        const res = await fetch(`http://127.0.0.1:${p.port}/inbox`, {
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
          const answer = await post(processes[i % 2]!);
          answers[answer] = (answers[answer] ?? 0) + 1;
        }
        return answers;
      };
      const expected = { accepted: LIMIT, '429 partner_rate_limited': LIMIT };
      expect(await round()).toEqual(expected);
      clock.advance(60_000);
      expect(await round()).toEqual(expected);
    } finally {
      await Promise.all(processes.map((p) => p.close()));
      await reseller.stop();
    }
  }, 120_000);
});
