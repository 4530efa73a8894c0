/**
 * Rotating the signing key while a node runs as two processes on PostgreSQL: the process that
 * rotates tells the other at once (NOTIFY), which then signs with and publishes the new key; a
 * message signed with the old key before the rotation, and messages signed by either process
 * after it, all verify at the partner, which meets the new key through the load balancer. The
 * partner refuses the new key's messages unknown_key until its refetch of our keys is due; the
 * sender, having rotated moments ago, retries them (node/outbox/new-key-refusal.ts): none is lost.
 */
import { decodeProtectedHeader } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { JWKS_PATH } from '../../protocol/discovery.ts';
import { silentLogger } from '../../node/logger.ts';
import { startNode, type RunningNode } from '../../node/main.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import { startRoundRobinProxy } from '../faults/support/round-robin-proxy.ts';
import { connectPair } from '../support/federation.ts';
import { nodeRows } from '../support/node-database.ts';
import { hasTestPostgres } from '../support/test-database.ts';
import {
  createTestNode,
  eventually,
  freePort,
  ManualClock,
  removeTestDirs,
} from '../support/test-node.ts';

afterAll(removeTestDirs);

/** A second `serve` of the node in this process, on a port of its own. */
async function startProcess(dataDir: string): Promise<RunningNode> {
  return startNode({
    dataDir,
    env: { PARTNER_SYNC_PORT: String(await freePort()) },
    log: silentLogger(),
    random: () => 0,
    outboxPollMs: 20,
    // keys.json is not looked at again during the test: only the announcement can tell.
    keyReloadMs: 3_600_000,
  });
}

describe.runIf(hasTestPostgres())('node on PostgreSQL › key rotation across processes', () => {
  it('a key rotated on one process signs and is published on the other at once; all verify', async () => {
    const proxy = await startRoundRobinProxy(await freePort(), []);
    const vendor = await createTestNode({
      name: 'vendor',
      postgres: true,
      publicPort: proxy.port,
      // The message held while the partner is down is retried soon once it is back.
      // …and the new key's messages the partner refuses until it refetches our keys, too.
      settings: { retryMaxDelaySeconds: 1 },
    });
    proxy.backends = [vendor.port];
    // A partner refetches our keys at most once per keyRefetchIntervalSeconds (60 s by default,
    // by its clock) and refuses a kid it cannot find before then as unknown_key. Its clock stands
    // still, so the new key's messages always meet that window (as they did by chance in
    // fresh-clone runs, where they were dead-lettered): the sender retries them.
    const clock = new ManualClock();
    const reseller = await createTestNode({ name: 'reseller', clock });
    const processes: RunningNode[] = [];
    try {
      await connectPair(vendor, reseller);
      await vendor.stop();
      processes.push(await startProcess(vendor.dataDir), await startProcess(vendor.dataDir));
      const [a, b] = processes as [RunningNode, RunningNode];
      proxy.backends = [a.port, b.port];
      const oldKid = a.deps.keys.signing().kid;
      expect(b.deps.keys.signing().kid).toBe(oldKid);

      // Signed with the old key and not yet delivered when the key is rotated.
      await reseller.stop();
      const outbox = () => a.deps.store.read((tx) => tx.outbox.listStored({}, { limit: 100 }));
      const {
        messageIds: [before],
      } = await sendProfileUpdate(b.deps, { name: 'Before' }, 'all');
      await eventually(async () =>
        (await outbox()).some((r) => r.messageId === before && r.attempts > 0),
      );

      const rotated = await fetch(`http://127.0.0.1:${a.port}/api/keys/rotate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${vendor.adminToken}` },
      });
      expect(rotated.status).toBe(200);
      const { kid: newKid } = (await rotated.json()) as { kid: string };
      expect(newKid).not.toBe(oldKid);
      await eventually(async () => b.deps.keys.signing().kid === newKid, 10_000);
      for (const p of processes) {
        const jwks = (await (await fetch(`http://127.0.0.1:${p.port}${JWKS_PATH}`)).json()) as {
          keys: Array<{ kid: string }>;
        };
        // The new key, and the old one for what was signed with it.
        expect(jwks.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());
      }

      await reseller.start();
      const {
        messageIds: [fromA],
      } = await sendProfileUpdate(a.deps, { name: 'After on A' }, 'all');
      const {
        messageIds: [fromB],
      } = await sendProfileUpdate(b.deps, { name: 'After on B' }, 'all');
      const ids = [before!, fromA!, fromB!];
      // The partner fetched our keys when connecting, moments ago by its clock: the new key's
      // messages are refused unknown_key, and the sender puts them back in line instead of
      // dead-lettering them (it rotated moments ago), whichever process retries them…
      await eventually(async () => {
        const rows = await outbox();
        const states = ids.map((id) => rows.find((r) => r.messageId === id));
        if (states.some((r) => r?.status === 'dead')) {
          throw new Error(
            `dead: ${JSON.stringify(states.map((r) => r && [r.status, r.attempts, r.lastErrorCode]))}`,
          );
        }
        if (
          states[0]?.status === 'delivered' &&
          states[1]?.status === 'pending' &&
          states[1].lastErrorCode === 'unknown_key' &&
          states[1].attempts >= 2 &&
          states[2]?.status === 'pending'
        )
          return true;
        throw new Error(
          JSON.stringify(states.map((r) => r && [r.status, r.attempts, r.lastErrorCode])),
        );
      }, 30_000);
      // …until the partner's refetch is due and a retry meets the new key.
      clock.advance(61_000);
      await eventually(async () => {
        const rows = await outbox();
        const states = ids.map((id) => rows.find((r) => r.messageId === id));
        if (states.every((r) => r?.status === 'delivered')) return true;
        if (states.some((r) => r?.status === 'dead'))
          throw new Error('a message was dead-lettered');
        // Thrown, not returned: a wait that runs out says where each message stands.
        throw new Error(
          JSON.stringify(states.map((r) => r && [r.status, r.attempts, r.lastErrorCode])),
        );
      }, 30_000);
      const inbound = await nodeRows<{ messageId: string; jws: string }>(
        reseller,
        'SELECT message_id AS "messageId", jws FROM inbound_messages ORDER BY seq',
      );
      // Received in the order sent.
      expect(inbound.map((m) => m.messageId).filter((id) => ids.includes(id))).toEqual(ids);
      const kidOf = (id: string) => {
        const stored = inbound.find((m) => m.messageId === id);
        expect(stored).toBeDefined();
        return decodeProtectedHeader(stored!.jws).kid;
      };
      expect(ids.map(kidOf)).toEqual([oldKid, newKid, newKid]);
      const seen = await reseller.deps.store.read((tx) => tx.partners.getByNodeId(vendor.url));
      expect(seen?.declaredProfile?.name).toBe('After on B');
    } finally {
      await Promise.all(processes.map((p) => p.close()));
      await reseller.stop();
      await proxy.close();
    }
  }, 120_000);
});
