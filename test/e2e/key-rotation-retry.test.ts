/**
 * A sender that rotated its key moments ago retries what a partner refuses `unknown_key` (the
 * partner's once-a-minute key refetch is not due yet), until the partner fetches the new key: no
 * message lost, the order kept (node/outbox/new-key-refusal.ts). A message signed with a key older
 * than the grace period is refused for good, as before.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { NEW_KEY_GRACE_MS } from '../../node/outbox/new-key-refusal.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import { connectPair, outboundRows } from '../support/federation.ts';
import { nodeRows } from '../support/node-database.ts';
import { createTestNode, eventually, ManualClock, removeTestDirs } from '../support/test-node.ts';

afterAll(removeTestDirs);

/** Where each message stands, for a wait that runs out. */
function describeRows(rows: Awaited<ReturnType<typeof outboundRows>>, ids: string[]): string {
  return JSON.stringify(
    ids.map((id) => {
      const r = rows.find((row) => row.messageId === id);
      return r && [r.status, r.attempts, r.lastErrorCode];
    }),
  );
}

describe('key rotation › the partner has not fetched our new key yet', () => {
  it('messages signed with a key rotated to moments ago are retried until the partner refetches; none dead, order kept', async () => {
    const vendor = await createTestNode({
      name: 'vendor',
      settings: { retryMaxDelaySeconds: 1 },
    });
    // The reseller fetched the vendor's keys when it connected; on its clock the next refetch
    // is due only once the clock is advanced by the default 60 s interval.
    const clock = new ManualClock();
    const reseller = await createTestNode({ name: 'reseller', clock });
    try {
      await connectPair(vendor, reseller);
      const oldKid = vendor.deps.keys.signing().kid;
      const newKid = await vendor.deps.keys.rotate(vendor.deps.clock.now());
      expect(newKid).not.toBe(oldKid);

      const ids: string[] = [];
      for (const name of ['First', 'Second', 'Third']) {
        const { messageIds } = await sendProfileUpdate(vendor.deps, { name }, 'all');
        ids.push(...messageIds);
      }
      expect(ids).toHaveLength(3);

      // Refused unknown_key, and back in line rather than dead-lettered: retried at least twice.
      await eventually(async () => {
        const rows = await outboundRows(vendor);
        const head = rows.find((r) => r.messageId === ids[0]);
        if (
          head?.status === 'pending' &&
          head.attempts >= 2 &&
          head.lastErrorCode === 'unknown_key'
        )
          return true;
        throw new Error(describeRows(rows, ids));
      }, 20_000);
      let rows = await outboundRows(vendor);
      expect(rows.filter((r) => r.status === 'dead')).toEqual([]);
      expect(rows.filter((r) => r.status === 'delivered' && ids.includes(r.messageId))).toEqual([]);
      // The same bytes every time: the stored JWS, signed with the new key.
      const jwsOfHead = rows.find((r) => r.messageId === ids[0])?.jws;
      expect(jwsOfHead).toBeTruthy();

      // The reseller's refetch comes due: the retries get through.
      clock.advance(61_000);
      await eventually(async () => {
        rows = await outboundRows(vendor);
        if (ids.every((id) => rows.find((r) => r.messageId === id)?.status === 'delivered'))
          return true;
        throw new Error(describeRows(rows, ids));
      }, 20_000);
      expect(rows.filter((r) => r.status === 'dead')).toEqual([]);
      expect(rows.find((r) => r.messageId === ids[0])?.jws).toBe(jwsOfHead);

      const inbound = await nodeRows<{ messageId: string }>(
        reseller,
        'SELECT message_id AS "messageId" FROM inbound_messages ORDER BY seq',
      );
      expect(inbound.map((m) => m.messageId).filter((id) => ids.includes(id))).toEqual(ids);
      const seen = await reseller.deps.store.read((tx) => tx.partners.getByNodeId(vendor.url));
      expect(seen?.declaredProfile?.name).toBe('Third');
      expect(seen?.keys.map((k) => k.kid)).toContain(newKid);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  }, 60_000);

  it('a message signed with a key older than the grace period and refused unknown_key is dead-lettered at once', async () => {
    const vendor = await createTestNode({ name: 'vendor', settings: { retryMaxDelaySeconds: 1 } });
    const clock = new ManualClock();
    const reseller = await createTestNode({ name: 'reseller', clock });
    try {
      await connectPair(vendor, reseller);
      // A key that became the signing key just over the grace period ago, which the reseller
      // (its refetch not due) has never seen.
      const at = new Date(vendor.deps.clock.now().getTime() - NEW_KEY_GRACE_MS - 1_000);
      await vendor.deps.keys.rotate(at);
      const {
        messageIds: [id],
      } = await sendProfileUpdate(vendor.deps, { name: 'Old key' }, 'all');
      await eventually(async () => {
        const rows = await outboundRows(vendor);
        const row = rows.find((r) => r.messageId === id);
        if (row?.status === 'dead') return true;
        throw new Error(describeRows(rows, [id!]));
      }, 20_000);
      const row = (await outboundRows(vendor)).find((r) => r.messageId === id);
      expect(row?.lastErrorCode).toBe('unknown_key');
      expect(row?.attempts).toBe(0);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  }, 60_000);
});
