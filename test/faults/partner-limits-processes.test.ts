/**
 * The rate limits of a node served by several processes on PostgreSQL are each process's own:
 * a partner gets partnerMessageRateLimit messages a minute from every process it reaches, and a
 * client address inboxRateLimit requests from every process. That is what docs/operator.md tells
 * the operator (divide the node-wide figure by the number of processes): counting in the database
 * would put a round trip to it before every refusal, which exist to be cheap.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../node/logger.ts';
import { startNode, type RunningNode } from '../../node/main.ts';
import { connectPair, signedFrom } from '../support/federation.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, freePort, removeTestDirs } from '../support/test-node.ts';

afterAll(removeTestDirs);

const LIMIT = 3;

async function startProcess(dataDir: string): Promise<RunningNode> {
  return startNode({
    dataDir,
    env: { PARTNER_SYNC_PORT: String(await freePort()) },
    log: silentLogger(),
    random: () => 0,
  });
}

describe.runIf(hasTestPostgres())('inbox › rate limits with several processes', () => {
  it('each process allows a partner the whole limit, and refuses past it', async () => {
    const vendor = await createTestNode({
      name: 'vendor',
      postgres: true,
      settings: { partnerMessageRateLimit: LIMIT },
    });
    const reseller = await createTestNode({ name: 'reseller' });
    const processes: RunningNode[] = [];
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      processes.push(await startProcess(vendor.dataDir), await startProcess(vendor.dataDir));
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
      for (const p of processes) {
        const answers: string[] = [];
        for (let i = 0; i <= LIMIT; i++) answers.push(await post(p));
        expect(answers).toEqual([...Array(LIMIT).fill('accepted'), '429 partner_rate_limited']);
      }
    } finally {
      await Promise.all(processes.map((p) => p.close()));
      await reseller.stop();
    }
  }, 120_000);
});
