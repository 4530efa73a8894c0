/** Connecting by invitation: the happy path, used and expired tokens, and the SSRF guard. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDiscoveryDocument } from '../../protocol/index.ts';
import { connectToNode } from '../../node/connect/connect-to-node.ts';
import { AppError } from '../../node/errors.ts';
import { createInvitation, parsePartnerProfile } from '../../node/partners/invitations.ts';
import { removePartner } from '../../node/partners/partner-admin.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import { connectPair, outboundRows } from '../support/federation.ts';
import { createTestNode, eventually, removeTestDirs, type TestNode } from '../support/test-node.ts';

afterAll(removeTestDirs);

async function invite(host: TestNode, ttlMs = 3600_000) {
  const profile = parsePartnerProfile(
    { name: 'Guest', partnerType: 'reseller', relationship: 'market_facing' },
    host.deps.handlers.kinds(),
  );
  return createInvitation({ store: host.deps.store, now: host.deps.clock.now(), ttlMs }, profile);
}

async function partnerCount(node: TestNode): Promise<number> {
  return (await node.deps.store.read((tx) => tx.partners.list())).length;
}

async function connectError(joiner: TestNode, url: string, token: string): Promise<AppError> {
  try {
    await connectToNode(joiner.deps, { url, token });
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('connect unexpectedly succeeded');
}

describe('connect', () => {
  it('pins both sides with the invitation profile and keeps the signed receipt', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller' });
    try {
      const { onHost, onJoiner } = await connectPair(vendor, reseller, {
        kinds: ['partner.update'],
      });
      expect(onHost).toMatchObject({
        nodeId: reseller.url,
        name: 'reseller',
        partnerType: 'reseller',
        status: 'active',
        allowedKinds: ['partner.update'],
        inboxUrl: `${reseller.url}/inbox`,
      });
      expect(onHost.keys.map((k) => k.kid)).toEqual([reseller.deps.keys.signing().kid]);
      expect(onJoiner).toMatchObject({ nodeId: vendor.url, name: 'vendor', status: 'active' });
      const [connectRow] = await outboundRows(reseller);
      expect(connectRow).toMatchObject({ kind: 'partner.connect', status: 'delivered' });
      expect(connectRow?.receipt).toBeTruthy();
      const invitations = await vendor.deps.store.read((tx) => tx.invitations.list());
      expect(invitations[0]?.usedByNodeId).toBe(reseller.url);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });

  it('refuses a reused, an expired and an unknown token, storing nothing', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const first = await createTestNode({ name: 'first' });
    const second = await createTestNode({ name: 'second' });
    try {
      const { token } = await connectPair(vendor, first);
      const reused = await connectError(second, vendor.url, token);
      expect(reused.code).toBe('forbidden');

      const expired = await invite(vendor, 1);
      await new Promise((r) => setTimeout(r, 5));
      expect((await connectError(second, vendor.url, expired.token)).code).toBe('forbidden');
      expect((await connectError(second, vendor.url, 'x'.repeat(43))).code).toBe('forbidden');

      expect(await partnerCount(vendor)).toBe(1);
      expect(await partnerCount(second)).toBe(0);
    } finally {
      await Promise.all([vendor.stop(), first.stop(), second.stop()]);
    }
  });

  it('a removed partner is told, stops being served, and can come back with a new invitation', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({ name: 'reseller' });
    try {
      const { onHost } = await connectPair(vendor, reseller);
      await removePartner(vendor.deps, onHost, vendor.deps.clock.now(), 'contract ended');
      await eventually(async () => {
        const p = await reseller.deps.store.read((tx) => tx.partners.getByNodeId(vendor.url));
        return p?.status === 'removed';
      });
      // The reseller no longer sends to the vendor; the vendor would refuse it anyway.
      const { messageIds } = await sendProfileUpdate(reseller.deps, { name: 'x' }, 'all');
      expect(messageIds).toHaveLength(0);

      const again = await invite(vendor);
      await connectToNode(reseller.deps, { url: vendor.url, token: again.token });
      const back = await vendor.deps.store.read((tx) => tx.partners.getByNodeId(reseller.url));
      expect(back?.status).toBe('active');
      expect(back?.id).toBe(onHost.id);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });
});

/**
 * A node whose discovery document names itself but puts its endpoints on another node's origin.
 * Counts what it serves; the other node counts nothing we can see, so the joiner's refusal code
 * shows it stopped before using them.
 */
async function startPointerNode(elsewhere: string) {
  let served = 0;
  const server = createServer((req, res) => {
    served++;
    const self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url !== '/.well-known/partner-sync') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        ...buildDiscoveryDocument({
          nodeId: self,
          name: 'Pointer',
          kinds: ['partner.connect', 'partner.update', 'partner.disconnect'],
          maxBatch: 10,
          maxBodyBytes: 65_536,
        }),
        connect: `${elsewhere}/connect`,
        jwks: `${elsewhere}/.well-known/jwks.json`,
      }),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    served: () => served,
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe('connect › discovery endpoints on the node id origin', () => {
  it('a joiner refuses a node whose connect and jwks URLs are on another host', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const joiner = await createTestNode({ name: 'joiner' });
    const pointer = await startPointerNode(vendor.url);
    try {
      const { token } = await invite(vendor);
      const error = await connectError(joiner, pointer.url, token);
      expect(error.code).toBe('foreign_endpoint');
      expect(error.status).toBe(502);
      expect(pointer.served()).toBe(1);
      // Nothing reached the other node's connect URL: its invitation is still open.
      const invitations = await vendor.deps.store.read((tx) => tx.invitations.list());
      expect(invitations[0]?.usedAt).toBeNull();
      expect(await partnerCount(joiner)).toBe(0);
    } finally {
      await Promise.all([vendor.stop(), joiner.stop(), pointer.stop()]);
    }
  });
});

describe('connect › SSRF guard', () => {
  it('a joiner that does not allow loopback refuses a loopback partner URL', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const strict = await createTestNode({ name: 'strict', settings: { allowLoopback: false } });
    try {
      const { token } = await invite(vendor);
      const error = await connectError(strict, vendor.url, token);
      expect(error.code).toBe('ssrf_blocked');
      const invitations = await vendor.deps.store.read((tx) => tx.invitations.list());
      expect(invitations[0]?.usedAt).toBeNull();
    } finally {
      await Promise.all([vendor.stop(), strict.stop()]);
    }
  });

  it('a host that does not allow loopback does not fetch a loopback joiner', async () => {
    const strict = await createTestNode({ name: 'strict', settings: { allowLoopback: false } });
    const joiner = await createTestNode({ name: 'joiner' });
    try {
      const { token } = await invite(strict);
      const error = await connectError(joiner, strict.url, token);
      expect(error.code).toBe('unknown_key');
      expect(await partnerCount(strict)).toBe(0);
      expect(await partnerCount(joiner)).toBe(0);
    } finally {
      await Promise.all([strict.stop(), joiner.stop()]);
    }
  });

  it('delivery to a partner on a refused address is blocked and retried, never sent', async () => {
    const vendor = await createTestNode({ name: 'vendor' });
    const reseller = await createTestNode({
      name: 'reseller',
      env: { PARTNER_SYNC_ALLOW_LOOPBACK: 'false' },
    });
    try {
      // A partner pinned at a loopback URL (as if connected before the operator tightened the
      // policy): the guard checks at every delivery, not only at connect.
      await reseller.deps.store.transact((tx) =>
        tx.partners.saveConnected({
          endpoint: {
            nodeId: vendor.url,
            inboxUrl: `${vendor.url}/inbox`,
            jwksUrl: `${vendor.url}/.well-known/jwks.json`,
            maxBatch: 100,
            maxBodyBytes: 1024 * 1024,
            keys: vendor.deps.keys.published(new Date()),
          },
          profile: {
            name: 'vendor',
            partnerType: 'value_added_supplier',
            relationship: 'strategic',
            allowedKinds: [],
          },
          invitationId: null,
          at: new Date(),
        }),
      );
      await sendProfileUpdate(reseller.deps, { name: 'blocked' }, 'all');
      const row = await eventually(async () => {
        const [r] = await outboundRows(reseller);
        return r?.lastErrorCode ? r : null;
      });
      expect(row).toMatchObject({ status: 'pending', lastErrorCode: 'ssrf_blocked' });
      const seen = await vendor.deps.store.read((tx) => tx.inbox.list({}, { limit: 100 }));
      expect(seen.filter((m) => m.fromNodeId === reseller.url)).toHaveLength(0);
    } finally {
      await Promise.all([vendor.stop(), reseller.stop()]);
    }
  });
});
