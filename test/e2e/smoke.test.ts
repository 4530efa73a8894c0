/** One node's public surface, then the shortest federation: connect and exchange one message. */
import { afterAll, describe, expect, it } from 'vitest';
import { parseDiscoveryDocument, parseJwks } from '../../protocol/index.ts';
import { sendProfileUpdate } from '../../node/partners/profile-update.ts';
import { connectPair } from '../support/federation.ts';
import { createTestNode, eventually, removeTestDirs } from '../support/test-node.ts';

afterAll(removeTestDirs);

describe('node › public surface', () => {
  it('serves its discovery document, keys and health', async () => {
    const node = await createTestNode({ name: 'solo' });
    try {
      const discovery = await (await fetch(`${node.url}/.well-known/partner-sync`)).json();
      const parsed = parseDiscoveryDocument(discovery, node.url);
      expect(parsed.ok).toBe(true);
      expect(discovery).toMatchObject({
        nodeId: node.url,
        name: 'solo',
        inbox: `${node.url}/inbox`,
        connect: `${node.url}/connect`,
        maxBatch: 100,
        maxBodyBytes: 1048576,
      });
      const jwks = parseJwks(await (await fetch(`${node.url}/.well-known/jwks.json`)).json());
      expect(jwks.ok && jwks.keys.map((k) => k.kid)).toEqual([node.deps.keys.signing().kid]);
      expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${node.url}/nothing-here`)).status).toBe(404);
    } finally {
      await node.stop();
    }
  });
});

describe('node › federation', () => {
  it('connects and exchanges an update', async () => {
    const a = await createTestNode({ name: 'vendor' });
    const b = await createTestNode({ name: 'reseller' });
    try {
      const { onJoiner } = await connectPair(a, b);
      expect(onJoiner.nodeId).toBe(a.url);
      await sendProfileUpdate(b.deps, { name: 'Reseller GmbH' }, 'all');
      const seen = await eventually(async () => {
        const p = await a.deps.store.read((tx) => tx.partners.getByNodeId(b.url));
        return p?.declaredProfile?.name === 'Reseller GmbH' ? p : null;
      });
      // What the partner declares does not rename it here.
      expect(seen.name).toBe('reseller');
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
