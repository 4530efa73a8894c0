/**
 * One node served by several `partner-sync serve` processes on one PostgreSQL database, as behind
 * a load balancer: a message posted six times at once across three processes is taken once, and
 * a process SIGKILLed while delivering loses nothing: another delivers what it held.
 */
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { connectPair, signedFrom } from '../support/federation.ts';
import {
  killServeProcesses,
  startServeProcess,
  type ServeProcess,
} from '../support/serve-processes.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import { createTestNode, eventually, freePort, removeTestDirs } from '../support/test-node.ts';

afterAll(async () => {
  killServeProcesses();
  await removeTestDirs();
});

async function query<T>(databaseUrl: string, text: string): Promise<T[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

describe.runIf(hasTestPostgres())('node on PostgreSQL › several processes', () => {
  it('takes six copies of one message posted to three processes at once exactly once', async () => {
    const vendor = await createTestNode({ name: 'vendor', postgres: true });
    const reseller = await createTestNode({ name: 'reseller' });
    const databaseUrl = vendor.deps.config.databaseUrl!;
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      // One after another: three cold starts at once on a busy machine can take half a minute.
      const processes: ServeProcess[] = [];
      for (let i = 0; i < 3; i++) processes.push(await startServeProcess(vendor.dataDir));
      const { jws, message } = await signedFrom(reseller, vendor, 'partner.update', {
        name: 'Reseller GmbH',
      });
      const answers = await Promise.all(
        [0, 1, 2, 0, 1, 2].map(async (i) => {
          const res = await fetch(`${processes[i]!.base}/inbox`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ messages: [jws] }),
          });
          expect(res.status).toBe(200);
          return ((await res.json()) as { results: Array<{ status: string; receipt: string }> })
            .results[0]!;
        }),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([
        'accepted',
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
      // Every copy is answered with the one receipt stored with the message.
      expect(new Set(answers.map((a) => a.receipt)).size).toBe(1);
      const stored = await query<{ n: number }>(
        databaseUrl,
        `SELECT count(*)::int AS n FROM inbound_messages WHERE message_id = '${message.id}'`,
      );
      expect(stored[0]!.n).toBe(1);
      await Promise.all(processes.map((p) => p.stop()));
    } finally {
      await reseller.stop();
    }
  }, 150_000);

  it('a process SIGKILLed while delivering: another delivers what it held, once and in order', async () => {
    const proxy = await startFaultProxy(await freePort());
    const reseller = await createTestNode({ name: 'reseller', publicPort: proxy.port });
    proxy.setTarget(reseller.port);
    // A minute's timeout leases a batch for 150 s: only the owner's death can free it in time.
    const vendor = await createTestNode({
      name: 'vendor',
      postgres: true,
      settings: { outboundTimeoutMs: 60_000 },
    });
    const databaseUrl = vendor.deps.config.databaseUrl!;
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      const first = await startServeProcess(vendor.dataDir);
      // The reseller takes the request and never answers while the first process lives.
      proxy.inject({ type: 'hold' });
      const before = proxy.inboxRequests;
      const ids: string[] = [];
      for (const name of ['One', 'Two', 'Three']) {
        const res = await fetch(`${first.base}/api/profile`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${vendor.adminToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ name }),
        });
        expect(res.status).toBe(202);
        ids.push(...((await res.json()) as { messageIds: string[] }).messageIds);
      }
      await eventually(async () => proxy.inboxRequests > before, 10_000);
      const inFlight = `SELECT seq, lease_owner FROM outbound_messages WHERE status = 'in_flight' ORDER BY seq`;
      const leased = await query<{ seq: number; lease_owner: number }>(databaseUrl, inFlight);
      expect(leased.length).toBeGreaterThan(0);

      // A second process starts beside the first: it takes nothing the first holds.
      const second = await startServeProcess(vendor.dataDir);
      expect(await query(databaseUrl, inFlight)).toEqual(leased);

      await first.kill();
      const delivered = await eventually(async () => {
        const rows = await query<{ message_id: string; status: string }>(
          databaseUrl,
          `SELECT message_id, status FROM outbound_messages WHERE kind = 'partner.update' ORDER BY seq`,
        );
        return rows.length === 3 && rows.every((r) => r.status === 'delivered') ? rows : null;
      }, 20_000);
      expect(delivered.map((r) => r.message_id)).toEqual(ids);

      // Applied once each, and the last one last.
      const inbound = await reseller.deps.store.read((tx) => tx.inbox.list({}, { limit: 100 }));
      for (const id of ids) expect(inbound.filter((m) => m.messageId === id)).toHaveLength(1);
      const seen = await reseller.deps.store.read((tx) => tx.partners.getByNodeId(vendor.url));
      expect(seen?.declaredProfile?.name).toBe('Three');
      await second.stop();
    } finally {
      await reseller.stop();
      await proxy.close();
    }
  }, 150_000);
});
