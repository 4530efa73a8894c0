/** Key rotation: partners follow a new key, and an unknown kid refetches at most once a minute. */
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildMessage,
  generateKeyPair,
  importSigningKey,
  newMessageId,
  signMessage,
} from '../../protocol/index.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import { connectPair, outboundRows, postToInbox } from '../support/federation.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import {
  createTestNode,
  eventually,
  freePort,
  ManualClock,
  removeTestDirs,
} from '../support/test-node.ts';

afterAll(removeTestDirs);

describe('keys', () => {
  it('a rotated key is published beside the old one and partners follow it', async () => {
    const proxy = await startFaultProxy(await freePort());
    const vendor = await createTestNode({ name: 'vendor', publicPort: proxy.port });
    proxy.setTarget(vendor.port);
    const clock = new ManualClock();
    const reseller = await createTestNode({ name: 'reseller', clock });
    try {
      await connectPair(vendor, reseller);
      const oldKid = vendor.deps.keys.signing().kid;
      const newKid = await vendor.deps.keys.rotate(new Date());
      expect(newKid).not.toBe(oldKid);
      const jwks = (await (await fetch(`${vendor.url}/.well-known/jwks.json`)).json()) as {
        keys: Array<{ kid: string }>;
      };
      expect(jwks.keys.map((k) => k.kid).sort()).toEqual([oldKid, newKid].sort());

      // The reseller pinned the vendor's keys at connect time; a minute later it may refetch.
      clock.advance(61_000);
      const fetchesBefore = proxy.requests.filter((r) => r.includes('jwks')).length;
      await sendProfileUpdate(vendor.deps, { name: 'Rotated' }, 'all');
      await eventually(async () => {
        const p = await reseller.deps.store.read((tx) => tx.partners.getByNodeId(vendor.url));
        return p?.declaredProfile?.name === 'Rotated';
      });
      const pinned = await reseller.deps.store.read((tx) => tx.partners.getByNodeId(vendor.url));
      expect(pinned?.keys.map((k) => k.kid)).toContain(newKid);
      expect(proxy.requests.filter((r) => r.includes('jwks')).length).toBe(fetchesBefore + 1);
      // The reseller applies the message before it answers; the vendor marks it after the answer.
      await eventually(async () => {
        const [row] = (await outboundRows(vendor)).filter((r) => r.kind === 'partner.update');
        return row?.status === 'delivered';
      });
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
      await proxy.close();
    }
  });

  it('unknown kids cause at most one key refetch per minute per partner', async () => {
    const proxy = await startFaultProxy(await freePort());
    const clock = new ManualClock();
    const reseller = await createTestNode({ name: 'reseller', publicPort: proxy.port });
    proxy.setTarget(reseller.port);
    const vendor = await createTestNode({ name: 'vendor', clock });
    try {
      await connectPair(vendor, reseller);
      const rogue = await importSigningKey((await generateKeyPair()).privateJwk);
      const forged = async () =>
        signMessage(
          buildMessage({
            id: newMessageId(),
            kind: 'partner.update',
            from: reseller.url,
            to: vendor.url,
            sentAt: clock.now(),
            body: { name: 'forged' },
          }),
          rogue,
        );
      const jwksFetches = () => proxy.requests.filter((r) => r.includes('jwks')).length;

      clock.advance(61_000);
      const before = jwksFetches();
      for (let i = 0; i < 20; i++) {
        const res = await postToInbox(vendor, [await forged(), await forged()]);
        expect(res.body.results.map((r: { code: string }) => r.code)).toEqual([
          'unknown_key',
          'unknown_key',
        ]);
      }
      expect(jwksFetches()).toBe(before + 1);

      clock.advance(61_000);
      await postToInbox(vendor, [await forged()]);
      expect(jwksFetches()).toBe(before + 2);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
      await proxy.close();
    }
  });
});
